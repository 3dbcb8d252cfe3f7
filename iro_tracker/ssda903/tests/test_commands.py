"""`iro import-903` and `iro export-903`: what a newcomer sees, and the exit status."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from iro_tracker import cli
from iro_tracker.children.models import Child
from iro_tracker.conftest import make_user
from iro_tracker.ssda903.models import ImportRun
from iro_tracker.ssda903.tests.helpers import CLEAN, SAMPLES, needs_samples

pytestmark = pytest.mark.django_db


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command("import_903", *map(str, args), stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def test_a_clean_import_prints_its_summary(manager):
    text = run(CLEAN, year=2018)
    assert "Collection years: 2018-19; 7 file(s) read." in text
    assert "Rows read: header 4, uasc 1, episodes 5, reviews 5" in text
    assert "Children: 4 added, 0 changed, 0 unchanged." in text
    assert "Findings by rule: none." in text
    assert f"Imported (import {ImportRun.objects.get().pk})." in text
    assert ImportRun.objects.get().user == manager
    again = run(CLEAN, year=2018)
    assert "Children: 0 added, 0 changed, 4 unchanged." in again


def test_a_dry_run_changes_nothing(manager):
    text = run(CLEAN, year=2018, dry_run=True)
    assert "Children: 4 added" in text and "Dry run: checked, nothing was changed." in text
    assert not Child.objects.exists()


@needs_samples
def test_errors_are_listed_precisely_and_the_command_fails(manager, tmp_path):
    report = tmp_path / "report.csv"
    out = io.StringIO()
    with pytest.raises(CommandError, match="11 error"):
        call_command(
            "import_903", str(SAMPLES / "cs-demand-model"), report=str(report), stdout=out,
            stderr=io.StringIO(),
        )  # fmt: skip
    text = out.getvalue()
    assert "11 error(s), nothing was changed:" in text
    assert "2017-reviews.csv, row 132, column REVIEW_CODE, value 'PN4': [error E-DUPLICATE]" in text
    assert not Child.objects.exists()
    with open(report, newline="") as handle:
        written = list(csv.DictReader(handle))
    assert sum(1 for r in written if r["severity"] == "error") == 11
    assert {"file", "row", "column", "value", "rule", "message"} <= set(written[0])


def test_at_most_fifty_errors_are_printed(manager, tmp_path):
    lines = ["CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"]
    lines += [f"C{i},1,2010-01-{i % 28 + 1:02d},WBRI,,," for i in range(60)]
    (tmp_path / "header.csv").write_text("\n".join(lines) + "\n")
    out = io.StringIO()
    with pytest.raises(CommandError, match="60 error"):
        call_command("import_903", str(tmp_path), year=2018, stdout=out, stderr=io.StringIO())
    assert "... and 10 more: give --report FILE.csv to see them." in out.getvalue()
    assert out.getvalue().count("[error E-DATE]") == 50


def test_the_importer_must_be_known(db, tmp_path):
    with pytest.raises(CommandError, match="No active superuser or manager"):
        run(CLEAN, year=2018)
    make_user("clerk", "business_support")
    with pytest.raises(CommandError, match="No active user is called 'nobody'"):
        run(CLEAN, year=2018, user="nobody")
    run(CLEAN, year=2018, user="clerk")
    assert ImportRun.objects.get().user.username == "clerk"


def test_the_iro_command_accepts_the_hyphenated_names(monkeypatch):
    seen = []
    monkeypatch.setattr("django.core.management.execute_from_command_line", seen.append)
    cli.main(["anything", "import-903", "folder", "--dry-run"])
    cli.main(["anything", "help", "export-903"])
    assert seen == [
        ["iro", "import_903", "folder", "--dry-run"],
        ["iro", "help", "export_903"],
    ]
