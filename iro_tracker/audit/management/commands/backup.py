"""`iro backup [--output DIR]`: a timestamped copy of the database with a .sha256 checksum."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from iro_tracker.audit.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (SQLite online backup, or pg_dump) with a SHA-256 checksum."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", default=str(settings.VAR_DIR / "backups"), help="Directory to write to"
        )

    def handle(self, *args, output, **options):
        try:
            path = backup(Path(output))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written: {path}")
        self.stdout.write(f"Checksum: {path.name}.sha256")
