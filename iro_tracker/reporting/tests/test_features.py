"""The features' figures in the annual report (issues 5, 6, 7 and 9), from the database.

``feature_records`` adds a few records of each feature to ``small_authority``; every figure
below is worked out by hand in ``factories``. The report is read on 1 July 2019.
"""

import io
import json
import re

import docx
import pypdf
import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from iro_tracker.children.models import Child
from iro_tracker.reporting import outputs
from iro_tracker.reporting.document import children_behind, report_data
from iro_tracker.reporting.render_docx import render_docx
from iro_tracker.reporting.render_pdf import render_pdf
from iro_tracker.reporting.sections import SECTION_TITLES, build_sections
from iro_tracker.reporting.snapshot import (
    EXTRA_QUERIES_FIXED,
    EXTRA_QUERIES_PER_YEAR,
    build_snapshot,
)
from iro_tracker.reporting.tests.factories import feature_records, small_authority
from iro_tracker.rules.metrics import REPORT_KEYS, SUPPRESSED

pytestmark = pytest.mark.django_db

YEAR = 2018
NEW_SECTIONS = (
    "child_protection",
    "quality_assurance",
    "issues_resolution",
    "health",
    "education",
    "legal_proceedings",
    "placement_stability",
    "short_breaks",
)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel("2019-07-01 09:00 +0100", tick=False):
        yield


@pytest.fixture
def authority():
    found = small_authority()
    feature_records(found)
    return found


def _json(*args) -> dict:
    out = io.StringIO()
    call_command("report", "annual", "--year", str(YEAR), *args, stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


def test_the_json_has_every_features_figures(authority):
    report = _json("--format", "json")
    assert tuple(report) == REPORT_KEYS
    cp = report["child_protection"]
    assert cp["conferences"] == {"initial": 2, "review": 1, "transfer_in": 0, "total": 3}
    assert cp["children_at_conferences"]["total"] == 5
    assert cp["initial_conferences"]["within_15_days_strategy"] == 2
    assert cp["initial_conferences"]["within_15_days_strategy_percent"] == 66.7
    assert cp["review_conferences"]["on_time_percent"] == 100.0
    assert (cp["plans"]["started"], cp["plans"]["ended"], cp["plans"]["open_at_year_end"]) == (
        3,
        1,
        2,
    )
    # The service figures of child protection join those counted from the reviews.
    service = report["service"]
    assert (service["reviews_chaired"], service["conferences_chaired"]) == (6, 3)
    assert (service["cp_children"], service["combined_caseload"]) == (2, 16)
    assert service["chairs_below_band"] == 2

    qa = report["quality_assurance"]
    assert (qa["reviews_with_outcome_record"], qa["reviews_with_qa"]) == (2, 2)
    assert qa["health_assessment_up_to_date"] == {
        "yes": 1,
        "no": 1,
        "not_applicable": 0,
        "yes_percent": 50.0,
    }

    issues = report["issues_resolution"]
    assert (issues["raised"], issues["formal"], issues["resolved_within_20_working_days"]) == (
        1,
        1,
        1,
    )
    assert issues["by_theme"]["Care plan"] == 1
    assert issues["highest_stage"]["Head of service"] == 1
    assert {"documentation", "oversight"} <= set(issues)

    health = report["health"]
    assert (health["iha_due"], health["iha_within_20_working_days"]) == (3, 1)
    assert health["iha_within_20_working_days_percent"] == 33.3
    assert (health["sdq_completed"], health["sdq_average_score"]) == (1, 14.0)
    assert health["dental_checks_up_to_date"] == 1

    education = report["education"]
    assert (education["pep_initial_due"], education["pep_initial_in_time"]) == (2, 1)
    assert education["pep_quality"]["good"] == 2

    legal = report["legal_proceedings"]
    assert (legal["issued_in_year"], legal["children_in_proceedings_issued"]) == (1, 2)
    assert legal["rate_per_10000"] == 1.0  # 1 set per 10,000 children
    assert (legal["mean_length_weeks"], legal["within_26_weeks_percent"]) == (29.0, 0.0)

    stability = report["placement_stability"]
    assert stability["looked_after_at_year_end"] == 15
    assert (stability["three_or_more_placements"], stability["placement_moves"]) == (1, 2)

    # Short breaks: the figures counted here, then the limits the stability feature adds.
    assert report["short_breaks"] == {
        "children": 1,
        "reviews_held": 0,
        "reviews_on_time": 0,
        "breaks": 1,
        "days": 2,
        "breaks_over_17_days": 0,
        "children_over_75_days": 0,
        "agreements": 0,
    }


def test_the_published_json_suppresses_small_counts_and_what_they_give_away(authority):
    report = _json("--suppress-below", "5")
    cp, health, legal = (report[k] for k in ("child_protection", "health", "legal_proceedings"))
    assert cp["plans"]["started"] == "<5"
    assert cp["initial_conferences"]["within_15_days_strategy_percent"] == SUPPRESSED
    assert cp["children_at_conferences"]["total"] == 5
    assert health["iha_within_20_working_days"] == "<5"
    assert health["iha_within_20_working_days_percent"] == SUPPRESSED
    assert (health["sdq_completed"], health["sdq_average_score"]) == ("<5", SUPPRESSED)
    assert legal["issued_in_year"] == "<5"
    assert (legal["rate_per_10000"], legal["mean_length_weeks"]) == (SUPPRESSED, SUPPRESSED)
    assert report["service"]["cp_children"] == "<5"
    assert report["placement_stability"]["three_or_more_placements_percent"] == SUPPRESSED
    assert report["short_breaks"]["breaks"] == "<5"
    assert report["quality_assurance"]["health_assessment_up_to_date"]["yes_percent"] == SUPPRESSED


# One count of each new section, its key and the children behind it.
DRILLS = [
    ("child_protection.plans.started", ["P01", "P02", "P03"]),
    ("child_protection.initial_conferences.children", ["P01", "P02", "P03"]),
    ("health.iha_within_20_working_days", ["B02"]),
    ("education.pep_initial_in_time", ["B02"]),
    ("legal_proceedings.issued_in_year", ["A05", "A06"]),
    ("placement_stability.three_or_more_placements", ["M01"]),
    ("short_breaks.breaks", ["S01"]),
    ("short_breaks.children", ["S01"]),
]


@pytest.mark.parametrize("key,children", DRILLS, ids=[k for k, _ in DRILLS])
def test_the_drilldown_page_lists_as_many_children_as_the_figure(
    client, manager, authority, key, children
):
    client.force_login(manager)
    html = client.get(reverse("reporting:report", args=[YEAR])).content.decode()
    link = reverse("reporting:children", args=[YEAR, key])
    assert f'href="{link}"' in html, key
    response = client.get(link)
    assert response.status_code == 200
    listed = re.findall(r'href="/children/(\d+)/"', response.content.decode())
    expected = set(Child.objects.filter(local_id__in=children).values_list("pk", flat=True))
    assert {int(pk) for pk in listed} == expected
    shown = re.search(r"The report shows <strong>([\d,]+)</strong>", response.content.decode())
    assert shown and len(children) == int(shown.group(1).replace(",", "")), key


def test_every_linked_count_of_the_new_sections_drills_down_to_as_many_children(authority):
    snapshot = build_snapshot(year=YEAR)
    data = report_data(snapshot, YEAR)
    sections = {s.key: s for s in build_sections(data)}
    linked = {}
    for key in NEW_SECTIONS:
        for table in sections[key].tables:
            for row in table.rows:
                for cell in row.cells:
                    if cell.drill and cell.year == YEAR:
                        ids = children_behind(snapshot, YEAR, cell.drill)
                        linked[cell.drill] = len(ids)
                        # Counts of plans, moves, breaks or PEPs list each child behind them
                        # once; a set of proceedings lists all its children.
                        if not cell.drill.startswith("legal_proceedings."):
                            assert len(ids) <= int(cell.text.replace(",", "")), cell.drill
    for key, children in DRILLS:
        assert linked[key] == len(children), key
    # Quality assurance and issues resolution give figures only: nothing to link to.
    for key in ("quality_assurance", "issues_resolution"):
        assert not [c for t in sections[key].tables for r in t.rows for c in r.cells if c.drill]
    assert any(k.startswith("child_protection.") for k in linked)
    assert linked["legal_proceedings.issued_in_year"] == 2  # the children in the set issued


def test_the_report_page_shows_the_new_sections_in_a_fixed_number_of_queries(
    client, manager, authority, django_assert_max_num_queries
):
    client.force_login(manager)
    # Session and user, the snapshot with every feature's rows, the population estimates,
    # the narratives and the year's estimate: the same however many records there are.
    limit = 2 + 6 + EXTRA_QUERIES_FIXED + 2 * EXTRA_QUERIES_PER_YEAR + 3
    with django_assert_max_num_queries(limit):
        html = client.get(reverse("reporting:report", args=[YEAR])).content.decode()
    for key in NEW_SECTIONS:
        assert f'id="section-{key.replace("_", "-")}"' in html
        assert SECTION_TITLES[key] in html
    for chart in ("cp_conferences", "cp_categories", "issues_theme", "issues_stage"):
        assert f'id="chart-{chart}-figure"' in html


def test_the_pdf_and_word_documents_have_the_new_sections(authority):
    data, narratives = outputs.load_report(YEAR, suppress_below=5)
    narratives = {"child_protection": "Conferences were well attended this year."}
    pdf = pypdf.PdfReader(io.BytesIO(render_pdf(data, narratives, authority="Demo")))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    document = docx.Document(io.BytesIO(render_docx(data, narratives, authority="Demo")))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    for key in NEW_SECTIONS:
        assert SECTION_TITLES[key] in text, key
        assert any(h.endswith(f". {SECTION_TITLES[key]}") for h in headings), key
    assert "Conferences were well attended this year." in text
    assert "Child protection conferences by type" in text
    assert "Issues raised by theme" in text
    # The published version: the small counts read <5 in Word too.
    rows = {
        row.cells[0].text: [c.text for c in row.cells[1:]]
        for table in document.tables
        for row in table.rows
    }
    assert rows["Plans started"][0] == "<5"
    assert rows["Average length (weeks)"][0] == SUPPRESSED
    assert rows["With a questionnaire score in the last 12 months"][0] == "<5"
    pictures = document.inline_shapes
    assert len(pictures) >= 12


def test_the_published_sentences_read_fewer_than_and_never_give_a_small_count(authority):
    data, _ = outputs.load_report(YEAR, suppress_below=5)
    sections = {s.key: s for s in build_sections(data)}
    cp = " ".join(sections["child_protection"].summary)
    assert cp.startswith("The unit chaired fewer than 5 (2017-18: 0) child protection")
    assert "Fewer than 5 child protection plans started" in cp
    legal = " ".join(sections["legal_proceedings"].summary)
    assert legal.startswith("Fewer than 5 (2017-18: 0) sets of care proceedings")
    assert "weeks on average" not in legal  # the mean of fewer than 5 sets is withheld
    health = " ".join(sections["health"].summary)
    assert "within 20 working days" not in health  # 1 of 3: withheld
