"""Exports are safe to open in a spreadsheet; retention is reported, never enforced."""

import subprocess
import sys
from datetime import date

import pytest
from django.core.management import call_command

from iro_tracker.audit.exports import safe_cell
from iro_tracker.audit.retention import keep_until, past_retention
from iro_tracker.conftest import add_episode, make_child

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value,expected",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+44 1234", "'+44 1234"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Alex Smith", "Alex Smith"),
        (None, ""),
        (date(2019, 1, 2), "2019-01-02"),
    ],
)
def test_cells_that_a_spreadsheet_would_run_are_escaped(value, expected):
    assert safe_cell(value) == expected


def test_every_csv_writer_uses_the_shared_helper():
    """Each module writing CSV escapes through audit.exports (the 903 return is exempt: it is
    the statutory file format, read by the DfE's software, not by spreadsheets)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    exempt = {"ssda903/writer.py", "ssda903/problems.py", "ssda903/views.py"}
    unsafe = []
    for path in root.glob("**/*.py"):
        rel = str(path.relative_to(root))
        if "tests" in path.parts or rel in exempt:
            continue
        text = path.read_text()
        if "csv.writer(" in text and "safe_cell" not in text and "safe_row" not in text:
            if "spreadsheet_safe" not in text:
                unsafe.append(rel)
    assert not unsafe, unsafe


def test_a_managers_csv_export_escapes_a_formula_in_a_name(client, manager, child):
    from django.urls import reverse

    from iro_tracker.children.models import Child

    Child.objects.filter(pk=child.pk).update(first_name="=cmd|' /C calc'!A0")
    client.force_login(manager)
    body = client.get(reverse("reviews:due") + "?format=csv").content.decode()
    assert "'=cmd|" in body


def test_records_are_kept_until_57_years_after_the_18th_birthday(settings):
    assert settings.IRO_RETENTION_YEARS == 57  # the 75th birthday (CPPCR 2010 reg 50)
    assert keep_until(date(1940, 3, 1)) == date(2015, 3, 1)


def test_the_retention_report_lists_only_records_past_it_and_deletes_nothing(capsys):
    old = make_child("OLD1", dob=date(1940, 3, 1))
    add_episode(old, date(1950, 1, 1), date(1955, 1, 1))
    young = make_child("NEW1", dob=date(2010, 1, 1))
    add_episode(young, date(2018, 1, 1))
    assert [r.local_id for r in past_retention(date(2026, 1, 1))] == ["OLD1"]
    assert past_retention(date(2026, 1, 1), years=100) == []
    call_command("retention", "report")
    out = capsys.readouterr().out
    assert "OLD1" in out and "NEW1" not in out and "Nothing has been deleted" in out
    old.refresh_from_db()  # still there


PRODUCTION_ENV = {
    "IRO_PRODUCTION": "1",
    "DEBUG": "0",
    "SECRET_KEY": "k" * 30 + "-a-long-random-production-secret-value-for-the-check",
    "ALLOWED_HOSTS": "iro.example.gov.uk",
    "PATH": "/usr/bin:/bin",
}


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **PRODUCTION_ENV,
        "IRO_VAR_DIR": str(tmp_path),
        "IRO_SQLITE_PATH": str(tmp_path / "db.sqlite3"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "iro_tracker.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**PRODUCTION_ENV, "IRO_VAR_DIR": str(tmp_path)}
    del env["SECRET_KEY"]
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] ="
            " 'iro_tracker.settings'; django.setup()",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "Set SECRET_KEY" in result.stderr
