"""`iro check_documents`: raise documentation issues for reviews whose care plan or
pre-meeting report has not arrived in time, and close those whose documents have.

Idempotent; `iro send_reminders` runs the same check first, so cron needs only that.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from iro_tracker.disputes.documents import check_documents


class Command(BaseCommand):
    help = "Raise (once) and close automatic documentation issues."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Run as if today were this date (YYYY-MM-DD)")

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError:
            raise CommandError("--date must be a date like 2019-02-01") from None
        result = check_documents(today or timezone.localdate())
        self.stdout.write(
            f"Documentation issues raised: {len(result.raised)}, closed: {len(result.closed)}."
        )
