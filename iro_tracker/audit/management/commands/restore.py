"""`iro restore FILE`: restore a backup into an empty database, after checking its checksum."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from iro_tracker.audit.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `iro backup` into an EMPTY database (no tables): the"
        " checksum is checked first, and a database that has tables is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            restore(Path(file))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored {file}."))
