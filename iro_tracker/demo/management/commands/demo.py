"""`iro demo [--seed N] [--until YYYY-MM-DD] [--if-empty]`: load the demo local authority."""

from argparse import ArgumentTypeError
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from rich.console import Console

from iro_tracker.demo.generator import DEFAULT_SEED, HISTORY_FROM
from iro_tracker.demo.loader import DatabaseNotEmpty, database_has_data
from iro_tracker.demo.report import demo_usernames, print_logins, run_demo

ALREADY_LOADED = "Database already has data; demo not loaded."


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise ArgumentTypeError(f"a date as YYYY-MM-DD, not {text!r}") from error


class Command(BaseCommand):
    help = (
        "Load a synthetic local authority calibrated to the seed IRO annual report into an"
        " empty database, then print its 2018-19 figures and the demo logins."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
        parser.add_argument(
            "--until",
            type=_date,
            default=None,
            help="simulate up to this date, YYYY-MM-DD (default: today)",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing (and succeed) when the database already has children",
        )

    def handle(self, *args, seed: int, until: date | None, if_empty: bool, **options):
        until = until or timezone.localdate()
        if until < HISTORY_FROM:
            raise CommandError(f"--until must be on or after {HISTORY_FROM.isoformat()}.")
        # Rich writes in pieces; Django's OutputWrapper would end each piece with a newline,
        # so give rich the stream underneath it.
        stream = self.stdout._out
        console = Console(file=stream, width=None if stream.isatty() else 110)
        if database_has_data():
            if if_empty:
                self.stdout.write(ALREADY_LOADED)
                # `make run` promises the logins every time, not only on the first run.
                usernames = demo_usernames()
                if usernames:
                    print_logins(console, usernames)
                return
            raise CommandError(
                "The database already has children: the demo loads only into an empty"
                " database (use --if-empty to skip quietly)."
            )
        try:
            run_demo(console, seed=seed, until=until)
        except DatabaseNotEmpty as error:  # e.g. a user already called "manager"
            if if_empty:
                self.stdout.write(f"{ALREADY_LOADED} ({error})")
                return
            raise CommandError(str(error)) from error
