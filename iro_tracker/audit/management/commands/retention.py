"""`iro retention report`: children's records past their retention period. Deletes nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from iro_tracker.audit.retention import past_retention
from iro_tracker.rules.calendar import format_date


class Command(BaseCommand):
    help = (
        "report: list children whose records are past retention (IRO_RETENTION_YEARS after"
        " the 18th birthday). Nothing is deleted: the list is for a person to review."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["report"])

    def handle(self, *args, action, **options):
        today = timezone.localdate()
        rows = past_retention(today)
        years = settings.IRO_RETENTION_YEARS
        self.stdout.write(
            f"Records past retention on {format_date(today)} (kept until {years} years after"
            f" the 18th birthday): {len(rows)}. Nothing has been deleted."
        )
        if rows:
            self.stdout.write("child_id,local_id,date_of_birth,keep_until,archived")
        for row in rows:
            self.stdout.write(
                f"{row.pk},{row.local_id},{row.date_of_birth.isoformat()},"
                f"{row.keep_until.isoformat()},{'yes' if row.archived else 'no'}"
            )
