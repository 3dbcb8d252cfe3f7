"""`iro report annual` and `iro report reviews` on data loaded as an SSDA903 import would."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from iro_tracker.reporting import outputs
from iro_tracker.reporting.outputs import spreadsheet_safe
from iro_tracker.reporting.snapshot import feature_extras
from iro_tracker.reporting.tests.factories import by_hand_snapshot, small_authority
from iro_tracker.rules.metrics import REPORT_KEYS, annual_report, suppress

pytestmark = pytest.mark.django_db


@pytest.fixture
def authority():
    return small_authority()


def _run(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _by_hand(authority):
    """The same data by hand, with the features' figures read through the same hooks."""
    ann, bea = (str(u.pk) for u in authority["iros"])
    return by_hand_snapshot(ann, bea, extra=feature_extras([2017, 2018]))


def test_json_is_exactly_annual_report_of_the_data(authority):
    printed = json.loads(_run("annual", "--year", "2018", "--format", "json"))
    assert tuple(printed) == REPORT_KEYS
    assert printed == json.loads(json.dumps(annual_report(_by_hand(authority), 2018)))
    assert printed["children_looked_after"]["uasc_at_year_end"] == 3


def test_json_can_be_suppressed(authority):
    printed = json.loads(_run("annual", "--year", "2018", "--suppress-below", "5"))
    expected = suppress(annual_report(_by_hand(authority), 2018), 5)
    assert printed == json.loads(json.dumps(expected))
    assert printed["children_looked_after"]["uasc_at_year_end"] == "<5"


def test_documents_are_written_to_a_file(authority, tmp_path, monkeypatch):
    monkeypatch.setattr(outputs, "render_pdf", lambda data, narratives, authority: b"%PDF-1.7")
    target = tmp_path / "report.pdf"
    assert _run("annual", "--year", "2018", "--format", "pdf", "--output", str(target)) == ""
    assert target.read_bytes() == b"%PDF-1.7"
    html = _run("annual", "--year", "2018", "--format", "html", "--suppress-below", "5")
    assert html.startswith("<!DOCTYPE html>") and "Published version" in html


@pytest.mark.parametrize(
    "args,message",
    [
        (("annual", "--year", "2018", "--format", "docx"), "needs --output"),
        (("annual", "--year", "18"), "--year must be a year"),
        (("annual", "--year", "2018", "--suppress-below", "-1"), "0 or more"),
        (("annual", "--year", "2018", "--output", "/nonexistent/dir/x.json"), "Cannot write"),
    ],
)
def test_mistakes_are_reported(args, message):
    with pytest.raises(CommandError, match=message):
        _run(*args)


def test_reviews_csv_has_one_row_per_review_held_in_the_year(authority):
    rows = list(csv.reader(io.StringIO(_run("reviews", "--year", "2018", "--format", "csv"))))
    assert rows[0] == list(outputs.REVIEW_COLUMNS)
    body = rows[1:]
    assert len(body) == 6
    # B02 started on 4 June 2018: review 1 due 2 July (20 working days), held 29 June;
    # review 2 due three months after it (29 September), held 1 October: 2 days late.
    assert body[3:5] == [
        ["B02", "2018-06-04", "1", "2018-06-29", "2018-07-02", "yes", "0", "", "PN1"],
        [
            "B02",
            "2018-06-04",
            "2",
            "2018-10-01",
            "2018-09-29",
            "no",
            "2",
            "PARTY_UNAVAILABLE",
            "PN2",
        ],
    ]


def test_reviews_csv_cells_cannot_run_as_formulas(authority, tmp_path):
    from iro_tracker.children.models import Child

    Child.objects.filter(local_id="A01").update(local_id="=1+1")
    target = tmp_path / "reviews.csv"
    _run("reviews", "--year", "2018", "--output", str(target))
    rows = list(csv.reader(target.open(newline="")))
    assert ["'=1+1"] == [r[0] for r in rows if "1+1" in r[0]]


@pytest.mark.parametrize(
    "value,safe",
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("A01", "A01"),
        (None, ""),
        (3, "3"),
    ],
)
def test_spreadsheet_safe(value, safe):
    assert spreadsheet_safe(value) == safe
