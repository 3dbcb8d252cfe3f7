"""The public fake returns (../shared/external/ssda903_samples, see its PROVENANCE.md).

They are random and full of deliberate errors, so these tests assert on what the reader
and the checks report, not on any statistic.
"""

from pathlib import Path

from iro_tracker.ssda903.checks import check_year
from iro_tracker.ssda903.problems import ProblemList
from iro_tracker.ssda903.reader import read_return
from iro_tracker.ssda903.tests.helpers import SAMPLES, TABLES, needs_samples, only, read_one
from iro_tracker.ssda903.writer import write_year

pytestmark = needs_samples
VALIDATOR = SAMPLES / "csc-validator-be-903"


def _validator_csv_files() -> list[Path]:
    # The folder also holds fake_903.xml (another return) and a deliberately broken
    # variant of placed_for_adoption.csv: read the CSV return on its own.
    return sorted(p for p in VALIDATOR.glob("*.csv") if "errors" not in p.name)


def test_validator_sample_reads_with_the_problems_it_really_has():
    (cy,) = read_return(_validator_csv_files())
    assert (cy.year, cy.year_source) == (2017, "dates")  # latest DECOM 31/03/2018
    rows = {s.name: s.rows for s in cy.sources}
    assert rows["episodes.csv"] == 5050 and rows["header.csv"] == 2675
    assert rows["reviews.csv"] == 12582
    assert (len(cy.episodes), len(cy.children)) == (5050, 2675)
    problems = cy.problems
    # MOTHER written 1.0 once; CHILD10 in the one-row social-worker and DoLO stubs has no
    # header row; those two tables did not exist in 2017-18; 14 repeated reviews.
    assert [(p.file, p.row) for p in only(problems, "W-DECIMAL")] == [("header.csv", 1273)]
    assert sorted((p.file, p.value) for p in only(problems, "E-NO-HEADER")) == [
        ("DoLo.csv", "CHILD10"),
        ("sw_episodes.csv", "CHILD10"),
    ]
    assert len(only(problems, "W-TABLE-YEAR")) == 2
    assert {p.file for p in only(problems, "E-DUPLICATE")} == {"reviews.csv"}
    assert len(cy.reviews) == rows["reviews.csv"] - len(only(problems, "E-DUPLICATE")) - len(
        only(problems, "W-DUPLICATE")
    )


def test_validator_sample_findings():
    (cy,) = read_return(_validator_csv_files())
    findings = ProblemList(check_year(cy))
    counts = findings.counts_by_rule()
    # The generator drew codes at random: PN0 for teenagers, J1 for toddlers...
    for rule in ("440", "441", "358", "388", "501", "142", "432", "433", "Q-REVIEW-OUTSIDE"):
        assert counts.get(rule), rule
    (bad_reason, *_) = only(findings, "120")
    assert (bad_reason.file, bad_reason.row, bad_reason.value) == (
        "placed_for_adoption.csv",
        2,
        "XXX",
    )
    x1_last = [p for p in only(findings, "388") if p.row == 515]
    assert x1_last and x1_last[0].file == "episodes.csv"
    # SEX is 1/2, valid in 2017-18: no rule 101.
    assert "101" not in counts


def test_validator_xml_sample_reads_the_same_kind_of_data():
    cy = read_one(VALIDATOR / "fake_903.xml", year=None)
    assert cy.year == 2017
    assert cy.problems.errors == []
    assert (len(cy.children), len(cy.episodes), len(cy.reviews)) == (253, 459, 1206)
    assert sum(c.uasc for c in cy.children) == 12
    assert len(cy.oc3) == 6 and len(cy.ad1) == 3 and len(cy.placed_for_adoption) == 3
    assert len(cy.previous_permanence) == len(cy.oc2) == 253
    assert {e.place for e in cy.episodes} & {"P2", "R5"}  # XML <PL> read into PLACE
    assert only(check_year(cy), "440")


def test_cs_demand_model_folder_holds_five_years():
    years = read_return([SAMPLES / "cs-demand-model"])
    assert [(cy.year, cy.year_source) for cy in years] == [
        (y, "file name") for y in range(2017, 2022)
    ]
    first = years[0]
    assert (len(first.children), len(first.episodes)) == (819, 1460)
    assert [(p.file, p.row) for p in only(first.problems, "W-DECIMAL")] == [("2017-header.csv", 2)]
    # Each year repeats a few reviews (same child and date) with another participation code.
    assert all(only(cy.problems, "E-DUPLICATE") for cy in years)


def test_liia_pipeline_dirty_fixtures_report_what_is_wrong():
    cy = read_one(SAMPLES / "liia-tools-pipeline", year=2019)
    problems = cy.problems
    assert [(p.file, p.column) for p in only(problems, "W-EXTRA-COLUMN")] == [
        ("SSDA903_2020_episodes.csv", "TEST_COLUMN")
    ]
    # Child 689661 has three different header rows.
    assert {(p.file, p.child) for p in only(problems, "E-DUPLICATE")} >= {
        ("SSDA903_2020_header.csv", "689661")
    }
    findings = check_year(cy)
    assert [(p.row, p.value) for p in only(findings, "143")] == [(6, "*DUMMY*")]
    assert [(p.row, p.value) for p in only(findings, "144")] == [(3, "")]


def test_liia_processed_layout_is_refused_for_its_iso_dates():
    (cy,) = read_return(
        [SAMPLES / "liia-tools" / "SSDA903_episodes_for_testing_fixes_INPUT.csv"], year=2019
    )
    assert only(cy.problems, "E-DATE")
    assert "ISO" in only(cy.problems, "E-DATE")[0].message
    assert {p.column for p in only(cy.problems, "W-EXTRA-COLUMN")} == {"LA", "YEAR"}


def test_samples_survive_read_write_read(tmp_path):
    inputs = [_validator_csv_files(), [SAMPLES / "cs-demand-model"], [VALIDATOR / "fake_903.xml"]]
    for n, paths in enumerate(inputs):
        for cy in read_return(paths):
            out = tmp_path / f"{n}-{cy.year}"
            write_year(out, cy)
            (again,) = read_return([out], year=cy.year)
            assert again.problems.errors == [] or {p.rule for p in again.problems.errors} == {
                "E-NO-HEADER"
            }  # the validator stubs' CHILD10 has no header row
            for table in TABLES:
                assert getattr(again, table) == getattr(cy, table), (paths, cy.year, table)
