"""Importing the public fake returns (../shared/external/ssda903_samples, see PROVENANCE.md).

They are random and full of deliberate errors, so these tests assert on what the importer
reports and keeps, never on statistics.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from datetime import date

import pytest

from iro_tracker.children.models import CareEpisode, Child
from iro_tracker.reviews.models import Review
from iro_tracker.ssda903.loader import load_903
from iro_tracker.ssda903.models import Finding, ReturnRow
from iro_tracker.ssda903.tests.helpers import SAMPLES, needs_samples

pytestmark = [needs_samples, pytest.mark.django_db]
VALIDATOR = SAMPLES / "csc-validator-be-903"
DEMAND = SAMPLES / "cs-demand-model"
LIIA = SAMPLES / "liia-tools-pipeline"


def _errors(result):
    return [(p.rule, p.file, p.row, p.column, p.value) for p in result.problems.errors]


def test_the_validator_return_is_refused_with_every_error_located(manager):
    files = sorted(p for p in VALIDATOR.glob("*.csv") if "errors" not in p.name)
    result = load_903(files, user=manager)
    assert result.run.status == "failed" and not Child.objects.exists()
    errors = _errors(result)
    # Conflicting duplicate reviews (a child reviewed twice on one day with two codes).
    duplicates = [e for e in errors if e[0] == "E-DUPLICATE"]
    assert duplicates and {e[1] for e in duplicates} == {"reviews.csv"}
    assert all(e[2] and e[3] == "REVIEW_CODE" and e[4] for e in duplicates)
    # The one-row social-worker and DoLO stubs are for a child with no header row.
    assert sorted(e for e in errors if e[0] == "E-NO-HEADER") == [
        ("E-NO-HEADER", "DoLo.csv", 2, "CHILD", "CHILD10"),
        ("E-NO-HEADER", "sw_episodes.csv", 2, "CHILD", "CHILD10"),
    ]
    stored = result.run.problems.filter(severity="error")
    assert stored.count() == len(errors) and not stored.filter(child__isnull=False).exists()


def test_the_validator_header_and_episodes_load_with_their_findings(manager):
    result = load_903([VALIDATOR / "header.csv", VALIDATOR / "episodes.csv"], user=manager)
    assert result.applied, result.problems.errors[:3]
    assert result.run.years == [2017]
    assert (Child.objects.count(), CareEpisode.objects.count()) == (2675, 5050)
    assert result.summary["warnings"] == {"W-DECIMAL": 1, "W-YEAR": 1}
    for rule in ("142", "358", "388", "501"):
        assert result.summary["findings"].get(rule), rule
    # Row 515 of episodes.csv is an X1 with nothing after it (rule 388), kept on the child.
    x1 = Finding.objects.current().get(rule="388", file="episodes.csv", row=515)
    assert x1.child.local_id == x1.child_ref and x1.column == "REC"


def test_the_validator_xml_return_loads_every_table(manager):
    result = load_903([VALIDATOR / "fake_903.xml"], user=manager)
    assert result.applied, result.problems.errors[:3]
    assert (Child.objects.count(), CareEpisode.objects.count()) == (253, 459)
    assert Review.objects.filter(status="held", source="imported").count() == 1206
    assert Child.objects.filter(uasc=True).count() == 12
    tables = set(ReturnRow.objects.values_list("table", flat=True))
    assert {"oc2", "oc3", "ad1", "placed_for_adoption", "previous_permanence", "missing"} <= tables
    # Problems in an XML return are located by the child's place in the file.
    finding = Finding.objects.current().filter(file="fake_903.xml").first()
    assert finding.row and finding.where == f"fake_903.xml child {finding.row}"


def test_five_demand_model_years_in_one_run_are_refused_for_their_duplicates(manager):
    result = load_903([DEMAND], user=manager)
    assert result.run.years == [2017, 2018, 2019, 2020, 2021]
    assert result.run.status == "failed" and not Child.objects.exists()
    errors = _errors(result)
    assert len(errors) == 11 and {e[0] for e in errors} == {"E-DUPLICATE"}
    assert ("E-DUPLICATE", "2017-reviews.csv", 132, "REVIEW_CODE", "PN4") in errors


def test_five_demand_model_years_load_once_the_duplicates_are_removed(manager, tmp_path):
    fixed = tmp_path / "demand"
    shutil.copytree(DEMAND, fixed)
    refused = load_903([fixed], user=manager)
    drop = defaultdict(set)  # the second row of each conflicting pair, by file
    for error in refused.problems.errors:
        drop[error.file].add(error.row)
    for name, rows in drop.items():
        lines = (fixed / name).read_text().splitlines(keepends=True)
        kept = [line for n, line in enumerate(lines, start=1) if n not in rows]
        (fixed / name).write_text("".join(kept))
    result = load_903([fixed], user=manager)
    assert result.applied, result.problems.errors[:3]
    assert result.run.years == [2017, 2018, 2019, 2020, 2021]
    children = result.summary["children"]["added"]
    assert children == Child.objects.count() == Child.objects.filter(source="imported").count()
    # An episode open at the end of 2017-18 and closed in the 2018-19 file holds 2018's row.
    episode = CareEpisode.objects.get(child__local_id="296227", decom=date(2017, 9, 13))
    assert (episode.dec, episode.collection_year) == (date(2018, 10, 2), 2018)
    # The same review in every year's file is one review, from the latest year holding it.
    assert Review.objects.filter(status="held").count() == result.summary["reviews"]["added"]
    again = load_903([fixed], user=manager)
    assert set(again.summary["episodes"]) == {"unchanged"}


def test_dirty_liia_files_are_refused_precisely(manager):
    result = load_903(sorted(LIIA.glob("*.csv")), user=manager)
    assert result.run.status == "failed"
    warnings = [(p.rule, p.file, p.column) for p in result.problems.warnings]
    assert ("W-EXTRA-COLUMN", "SSDA903_2020_episodes.csv", "TEST_COLUMN") in warnings
    errors = _errors(result)
    # Child 689661 has three different header rows; *DUMMY* cannot be a reason for new episode.
    assert ("E-DUPLICATE", "SSDA903_2020_header.csv", 3, "DOB", "21/03/2012") in errors
    assert ("E-TOO-LONG", "SSDA903_2020_episodes.csv", 6, "RNE", "*DUMMY*") in errors
    # The blank legal status and the unknown code are findings, reported with them.
    findings = {(p.rule, p.row, p.column, p.value) for p in result.problems.findings}
    assert findings == {("144", 3, "LS", ""), ("143", 6, "RNE", "*DUMMY*")}
