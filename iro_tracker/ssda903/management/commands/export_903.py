"""`iro export-903 --year Y OUTDIR [--user NAME]`: write a collection year's SSDA903 CSV files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from iro_tracker.audit.models import Action
from iro_tracker.audit.services import log_access
from iro_tracker.ssda903.exporter import export_903
from iro_tracker.ssda903.management.commands.import_903 import acting_user


class Command(BaseCommand):
    help = (
        "Write one collection year's SSDA903 return from the database as CSV files in the"
        " DfE layout (children, episodes, reviews, and the other 903 tables imported)."
    )

    def add_arguments(self, parser):
        parser.add_argument("outdir", type=Path, metavar="OUTDIR")
        parser.add_argument(
            "--year", type=int, required=True, help="collection year, e.g. 2018 for 2018-19"
        )
        parser.add_argument("--user", help="username recorded in the access log")

    def handle(self, *args, outdir, year, user, **options):
        if not 1991 <= year <= 2100:
            raise CommandError(f"--year {year} is not a collection year (e.g. 2018 for 2018-19).")
        exporter = acting_user(user)
        if outdir.exists() and not outdir.is_dir():
            raise CommandError(f"{outdir} exists and is not a folder.")
        result = export_903(year, outdir)
        # Every export of children's records is logged, from the command line as from the web.
        log_access(
            exporter,
            Action.EXPORT,
            path="iro export-903",
            detail=f"SSDA903 {year}-{(year + 1) % 100:02d} to {outdir}",
            row_count=result.children,
        )
        counts = ", ".join(f"{name} {n:,}" for name, n in result.rows.items()) or "no rows"
        self.stdout.write(f"Rows written: {counts}.")
        for path in result.paths:
            self.stdout.write(f"  {path}")
