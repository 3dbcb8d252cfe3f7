"""`iro audit verify` checks the audit trail: both hash chains and every change-history row."""

from django.core.management.base import BaseCommand, CommandError

from iro_tracker.audit import integrity


class Command(BaseCommand):
    help = (
        "verify: check the access log's hash chain, the change history's hash chain and every"
        " change-history row against its link (exit status 1 if anything was changed)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, action, **options):
        report = integrity.verify()
        self.stdout.write(
            f"Access log: {report.log_entries} entries. Change history: {report.history_rows}"
            f" rows, {report.history_links} links."
        )
        # Recorded outside the service (mailed, printed), these pin both chains' ends.
        self.stdout.write(f"Access log ends at {report.log_head[0]}: {report.log_head[1]}")
        self.stdout.write(
            f"Change history ends at {report.history_head[0]}: {report.history_head[1]}"
        )
        if report.ok:
            self.stdout.write(self.style.SUCCESS("The audit trail is intact."))
            return
        for problem in report.problems:
            self.stderr.write(problem)
        raise CommandError(f"The audit trail has {len(report.problems)} problem(s): see above.")
