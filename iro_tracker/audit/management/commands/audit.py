"""`iro audit verify` checks the audit trail; `iro audit seal` seals new change history."""

from django.core.management.base import BaseCommand, CommandError

from iro_tracker.audit import integrity


class Command(BaseCommand):
    help = (
        "verify: check the access log's hash chain and every sealed part of the change history"
        " (exit status 1 if anything was changed). seal: seal the change history written since"
        " the last seal (run it regularly, e.g. hourly from cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "seal"])

    def handle(self, *args, action, **options):
        if action == "seal":
            stored = integrity.seal()
            rows = sum(part["count"] for part in stored.tables.values())
            self.stdout.write(f"Sealed {rows} change-history rows (seal {stored.pk}).")
            return
        report = integrity.verify()
        self.stdout.write(
            f"Access log: {report.log_entries} entries. Change history: {report.seals} seals"
            f" covering {report.history_rows_sealed} rows; {report.history_rows_unsealed}"
            " rows not yet sealed."
        )
        if report.ok:
            self.stdout.write(self.style.SUCCESS("The audit trail is intact."))
            return
        for problem in report.problems:
            self.stderr.write(problem)
        raise CommandError(f"The audit trail has {len(report.problems)} problem(s): see above.")
