"""`iro import-903 PATH... [--year Y] [--dry-run] [--strict] [--report FILE.csv] [--user NAME]`.

Thin: parses the options, shows progress, and prints what ``ssda903.loader.load_903`` did.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from iro_tracker.accounts.models import Role, User
from iro_tracker.ssda903.loader import ImportResult, load_903

SHOWN = 50  # problems listed on screen; --report has them all
LARGE = 10_000  # rows (or children to save) from which a file gets a progress bar
KINDS = (
    ("children", "Children"),
    ("episodes", "Episodes"),
    ("reviews", "Reviews"),
    ("other_rows", "Other 903 rows"),
)


def acting_user(username: str | None) -> User:
    """The named user, or the first active superuser or manager (CommandError if none)."""
    if username:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user is called {username!r}.")
        return user
    user = (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(role=Role.MANAGER))
        .order_by("-is_superuser", "pk")
        .first()
    )
    if user is None:
        raise CommandError(
            "No active superuser or manager to record as the importer: create one"
            " (iro createsuperuser) or give --user USERNAME."
        )
    return user


def _counted(counts: dict) -> str:
    return ", ".join(f"{rule} {n:,}" for rule, n in counts.items()) or "none"


def summary_lines(result: ImportResult) -> list[str]:
    """The end-of-run summary: rows read, records added/changed/unchanged, problems by rule."""
    run, summary = result.run, result.summary
    years = ", ".join(run.year_labels) or "none"
    lines = [f"Collection years: {years}; {len(run.files)} file(s) read."]
    lines.append("Rows read: " + _counted(summary.get("rows", {})) + ".")
    for key, label in KINDS:
        c = summary.get(key, {})
        if c:
            text = ", ".join(f"{c.get(k, 0):,} {k}" for k in ("added", "changed", "unchanged"))
            kept = f", {c['kept']:,} kept as recorded in IRO Tracker" if c.get("kept") else ""
            lines.append(f"{label}: {text}{kept}.")
    lines.append("Findings by rule: " + _counted(summary.get("findings", {})) + ".")
    if summary.get("warnings"):
        lines.append("Warnings by rule: " + _counted(summary["warnings"]) + ".")
    return lines


class _Bars:
    """One rich progress bar per file (and one for saving), shown while a stage runs."""

    def __init__(self, console: Console):
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
        )
        self.tasks: dict[str, int] = {}

    def __call__(self, label: str, done: int, total: int) -> None:
        if label not in self.tasks:
            if total < LARGE:
                return  # a small file is read before a bar could say anything
            self.tasks[label] = self.progress.add_task(label, total=max(total, done, 1))
        self.progress.update(self.tasks[label], completed=done, total=max(total, done, 1))


class Command(BaseCommand):
    help = (
        "Import SSDA903 returns: folders of one year's CSV files, single CSV files, or XML"
        " returns. Several paths load several years in one run. Errors stop the import and"
        " change nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument("--year", type=int, help="collection year, e.g. 2018 for 2018-19")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report; change nothing"
        )
        parser.add_argument(
            "--strict", action="store_true", help="treat data-quality findings as errors"
        )
        parser.add_argument("--report", type=Path, help="write every problem to this CSV file")
        parser.add_argument("--user", help="username recorded as the importer")

    def handle(self, *args, paths, year, dry_run, strict, report, user, **options):
        importer = acting_user(user)
        # Rich writes in pieces; give it the stream under Django's OutputWrapper.
        console = Console(file=self.stderr._out, width=None if self.stderr.isatty() else 110)
        bars = _Bars(console)
        with bars.progress:
            result = load_903(paths, user=importer, year=year, dry_run=dry_run, strict=strict,
                              progress=bars)  # fmt: skip
        for line in summary_lines(result):
            self.stdout.write(line)
        if report:
            result.problems.to_csv(report)
            self.stdout.write(f"Every problem ({len(result.problems):,}) is in {report}.")
        errors = result.problems.errors
        if errors:
            self.stdout.write(f"{len(errors):,} error(s), nothing was changed:")
            for problem in errors[:SHOWN]:
                self.stdout.write(f"  {problem}")
            if len(errors) > SHOWN:
                more = "see the --report file" if report else "give --report FILE.csv to see them"
                self.stdout.write(f"  ... and {len(errors) - SHOWN:,} more: {more}.")
            raise CommandError(f"Import refused: {len(errors):,} error(s); nothing was changed.")
        if dry_run:
            self.stdout.write(self.style.SUCCESS("Dry run: checked, nothing was changed."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported (import {result.run.pk})."))
