"""`iro report annual --year 2018 --format json|html|pdf|docx [--output FILE] [--suppress-below N]`
and `iro report reviews --year 2018 --format csv [--output FILE]`.

Parses and writes; the work is done by ``reporting.outputs``.
"""

import io
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from iro_tracker.reporting import outputs


class Command(BaseCommand):
    help = "The annual IRO report (April to March) or its reviews, from the data held."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True, metavar="{annual,reviews}")
        annual = sub.add_parser("annual", help="the annual report's figures or document")
        annual.add_argument(
            "--year", type=int, required=True, help="2018 means April 2018 to March 2019"
        )
        annual.add_argument("--format", choices=outputs.FORMATS, default="json")
        annual.add_argument(
            "--output", help="file to write (JSON and HTML go to stdout without it)"
        )
        annual.add_argument(
            "--suppress-below", type=int, default=0, metavar="N",
            help="show counts 1 to N-1 as <N (5 for the published version; default 0: none)",
        )  # fmt: skip
        reviews = sub.add_parser("reviews", help="one CSV row per review held in the year")
        reviews.add_argument("--year", type=int, required=True)
        reviews.add_argument("--format", choices=("csv",), default="csv")
        reviews.add_argument("--output", help="file to write (stdout without it)")

    def handle(self, *args, what, year, output=None, **options):
        if not 1990 <= year <= 2100:
            raise CommandError(f"--year must be a year like 2018, not {year}.")
        if what == "reviews":
            buffer = io.StringIO(newline="")
            count = outputs.write_reviews_csv(year, buffer)
            self._write(buffer.getvalue().encode(), output)
            if output:
                self.stderr.write(f"{count} reviews written to {output}")
            return
        fmt, below = options["format"], options["suppress_below"]
        if below < 0:
            raise CommandError("--suppress-below must be 0 or more.")
        if fmt in ("pdf", "docx") and not output:
            raise CommandError(f"--format {fmt} needs --output FILE (it is not text).")
        self._write(outputs.annual_document(year, fmt, suppress_below=below), output)

    def _write(self, content: bytes, output: str | None) -> None:
        if output:
            try:
                Path(output).write_bytes(content)
            except OSError as error:
                raise CommandError(f"Cannot write {output}: {error.strerror}") from error
        else:
            self.stdout.write(content.decode(), ending="")
