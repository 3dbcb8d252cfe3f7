"""Forms for the SSDA903 upload: choosing files, and confirming a previewed import.

Uploaded returns hold children's personal data, so their files live only between the preview
and the confirmation: in a private folder under ``VAR_DIR``, removed once imported, refused
or older than a day.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from iro_tracker.ssda903.models import ImportRun, RunStatus

SUFFIXES = (".csv", ".xml", ".txt")
MAX_FILES = 60  # twelve tables a year for five years
MAX_BYTES = 500 * 1024 * 1024  # a national XML return is a few hundred MB
KEEP_SECONDS = 24 * 3600


def upload_root() -> Path:
    return Path(settings.VAR_DIR) / "ssda903-uploads"


def discard_upload(folder: str | Path) -> None:
    """Delete an upload folder (only ever one under ``upload_root``)."""
    path = Path(folder)
    if path.is_dir() and upload_root().resolve() in path.resolve().parents:
        shutil.rmtree(path, ignore_errors=True)


def _purge_old_uploads() -> None:
    # Previews nobody confirmed must not keep children's data on disk for long.
    root = upload_root()
    if not root.is_dir():
        return
    for folder in root.iterdir():
        if folder.is_dir() and time.time() - folder.stat().st_mtime > KEEP_SECONDS:
            shutil.rmtree(folder, ignore_errors=True)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        items = data if isinstance(data, (list, tuple)) else [data]
        items = [item for item in items if item]
        if not items:
            raise ValidationError("Choose the 903 files to import")
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="903 files",
        help_text=(
            "The CSV files of one or more collection years (header, episodes, reviews and the"
            " other tables), or the XML return. Tables are recognised by their column headers."
        ),
    )
    year = forms.IntegerField(
        label="Collection year (optional)",
        required=False,
        min_value=1991,
        max_value=2100,
        help_text=(
            "The year the collection starts: 2018 for 2018-19. Leave blank to take it from"
            " the file names (2018-header.csv) or the episode dates."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": "Collection year must be a year, like 2018",
            "min_value": "Collection year must be 1991 or later",
            "max_value": "Collection year must be 2100 or earlier",
        },
    )
    strict = forms.BooleanField(
        label="Treat data-quality findings as errors (nothing is imported if there are any)",
        required=False,
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise ValidationError(f"Choose at most {MAX_FILES} files at a time")
        names = set()
        for f in files:
            name = Path(f.name).name
            if name.startswith(".") or Path(name).suffix.lower() not in SUFFIXES:
                raise ValidationError(f"{name} is not a CSV or XML file: save each table as CSV")
            if f.size > MAX_BYTES:
                raise ValidationError(f"{name} is larger than {MAX_BYTES // 2**20} MB")
            if name in names:
                raise ValidationError(f"{name} was chosen twice")
            names.add(name)
        return files

    def save_files(self) -> tuple[Path, list[Path]]:
        """Store the files in a new private folder; returns it and the files' paths."""
        _purge_old_uploads()
        root = upload_root()
        root.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix="upload-", dir=root))
        paths = []
        for f in self.cleaned_data["files"]:
            path = folder / Path(f.name).name  # the name only: never a path from the browser
            with open(path, "wb") as out:
                for chunk in f.chunks():
                    out.write(chunk)
            paths.append(path)
        return folder, paths


class ConfirmForm(forms.Form):
    """Confirms a previewed import: its files must still be there and unchanged."""

    def __init__(self, preview: ImportRun, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.preview = preview
        self.paths: list[Path] = []

    def clean(self):
        run = self.preview
        folder = Path(run.upload_dir) if run.upload_dir else None
        if run.status != RunStatus.PREVIEWED or folder is None or not folder.is_dir():
            raise ValidationError("This preview can no longer be imported: upload the files again")
        if run.confirmations.exists():
            raise ValidationError("This preview has already been imported")
        for f in run.files:
            path = folder / f["name"]
            if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != f["sha256"]:
                raise ValidationError(f"{f['name']} has changed since the preview: upload again")
            self.paths.append(path)
        return self.cleaned_data
