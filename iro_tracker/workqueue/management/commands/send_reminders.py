"""`iro send_reminders` (the lead maps `iro send-reminders` to it): the IROs' weekly digest.

Safe to run from cron twice a day: each IRO gets one digest a week, never the same one twice.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from iro_tracker.workqueue.reminders import send_reminders


class Command(BaseCommand):
    help = "Email each IRO this week's digest (once a week) after checking review documents."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say who would get one")
        parser.add_argument("--date", help="Run as if today were this date (YYYY-MM-DD)")

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError:
            raise CommandError("--date must be a date like 2019-02-01") from None
        result = send_reminders(today or timezone.localdate(), dry_run=options["dry_run"])
        verb = "Would send" if options["dry_run"] else "Sent"
        self.stdout.write(
            f"Documentation issues raised: {result.raised}, closed: {result.closed}.\n"
            f"{verb} {len(result.sent)} digest(s); {len(result.already_sent)} already sent this"
            f" week; {len(result.nothing_to_say)} with nothing due; {len(result.failed)} failed."
        )
        if result.failed:
            raise CommandError(f"{len(result.failed)} digest(s) could not be sent")
