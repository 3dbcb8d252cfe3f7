"""The loader's rules on small hand-made returns: merging years in any order, idempotence,
reviews recorded in the product, errors and strict mode changing nothing, and a crash
mid-import leaving the database exactly as it was."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from iro_tracker.children.models import CareEpisode, Child
from iro_tracker.conftest import add_episode, make_child
from iro_tracker.reviews.models import Review
from iro_tracker.reviews.scheduling import refresh_schedules
from iro_tracker.ssda903 import loader
from iro_tracker.ssda903.loader import EPISODE_FIELDS, load_903
from iro_tracker.ssda903.models import Finding, ImportRun, ReturnRow
from iro_tracker.ssda903.tables import BY_NAME

pytestmark = pytest.mark.django_db

# Two consecutive years of one small authority. B1 is carried over: 2019 changes their
# ethnicity and closes the episode left open at the end of 2018. B2 leaves care in 2018;
# B3 starts in 2019. B1's missing episode is open at the end of 2018 and closed in 2019.
YEAR_2018 = {
    "header": ["B1,1,01/01/2010,WBRI,A123456789012,,", "B2,2,15/03/2012,BAFR,B123456789012,,"],
    "episodes": [
        "B1,01/06/2018,S,C2,N1,U4,PR1,,,,AB1 2CD,EF3 4GH,SC123456",
        "B2,01/05/2018,S,V2,N4,U6,PR4,01/10/2018,E13,,LM7 8NP,LM7 9QR,1234567",
    ],
    "reviews": [
        "B1,01/01/2010,20/06/2018,PN1",
        "B1,01/01/2010,10/09/2018,PN1",
        "B2,15/03/2012,15/05/2018,PN1",
    ],
    "missing": ["B1,01/01/2010,M,03/02/2019,"],
    "uasc": ["B2,2,15/03/2012,15/03/2030"],
}
YEAR_2019 = {
    "header": ["B1,1,01/01/2010,WIRI,A123456789012,,", "B3,2,20/07/2008,WOTH,UN2,0,"],
    "episodes": [
        "B1,01/06/2018,S,C2,N1,U4,PR1,01/08/2019,X1,CARPL,AB1 2CD,EF3 4GH,SC123456",
        "B1,01/08/2019,P,C2,N1,U6,PR4,,,,AB1 2CD,GH5 6JK,1234567",
        "B3,10/05/2019,S,C1,N2,U3,PR1,,,,LM7 8NP,LM7 9QR,SC654321",
    ],
    "reviews": ["B1,01/01/2010,05/09/2019,PN6", "B3,20/07/2008,01/06/2019,PN2"],
    "missing": ["B1,01/01/2010,M,03/02/2019,05/02/2019"],
    "oc3": [],
}


def write_return(folder: Path, tables: dict[str, list[str]], **changes: list[str]) -> Path:
    """Write a return's CSV files (header line from the DfE column list) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in {**tables, **changes}.items():
        lines = [",".join(BY_NAME[name].columns), *rows]
        (folder / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def snapshot() -> dict:
    """Everything the import writes, without primary keys or timestamps."""
    child_fields = ("local_id", "first_name", "date_of_birth", "sex", "ethnicity", "upn", "uasc")
    review_fields = (
        "child__local_id", "status", "held_date", "participation", "kind", "period_start",
        "sequence", "due_date", "due_explanation", "source", "collection_year",
    )  # fmt: skip
    findings = Finding.objects.current().values_list(
        "child__local_id", "rule", "column", "value", "message"
    )
    return {
        "children": sorted(
            Child.objects.values_list(*child_fields, "uasc_ceased", "source", "collection_year"),
            key=repr,
        ),
        "episodes": sorted(
            CareEpisode.objects.values_list(
                "child__local_id", "decom", *EPISODE_FIELDS, "source", "collection_year"
            ),
            key=repr,
        ),
        "reviews": sorted(
            Review.objects.exclude(status="cancelled").values_list(*review_fields), key=repr
        ),
        "rows": sorted(
            ReturnRow.objects.values_list(
                "child__local_id", "table", "collection_year", "key", "data"
            ),  # fmt: skip
            key=repr,
        ),
        "findings": sorted(findings, key=repr),
    }


def history_counts() -> dict:
    return {
        model.__name__: model.history.count() for model in (Child, CareEpisode, Review, ReturnRow)
    }


@pytest.fixture
def years(tmp_path):
    return {
        2018: write_return(tmp_path / "y2018", YEAR_2018),
        2019: write_return(tmp_path / "y2019", YEAR_2019),
    }


def load(path, user, year=None, **options):
    return load_903([path], user=user, year=year, **options)


def test_a_clean_year_loads_with_its_counts(years, manager):
    result = load(years[2018], manager, 2018)
    assert result.applied and result.problems.errors == []
    assert result.summary["children"] == {"added": 2}
    assert result.summary["episodes"] == {"added": 2}
    assert result.summary["reviews"] == {"added": 3}
    assert result.summary["rows"]["uasc"] == 1
    b1 = Child.objects.get(local_id="B1")
    assert (b1.sex, b1.ethnicity, b1.source, b1.collection_year) == ("M", "WBRI", "imported", 2018)
    assert b1.first_name == "" and b1.display_name == "Child B1"
    assert Child.objects.get(local_id="B2").uasc_ceased == date(2030, 3, 15)
    # The product's schedule: held reviews numbered, and B1, still in care, has one next review.
    assert list(b1.reviews.filter(status="held").values_list("sequence", flat=True)) == [1, 2]
    assert b1.reviews.filter(status="due").count() == 1
    assert not Child.objects.get(local_id="B2").reviews.filter(status="due").exists()
    # Every row written keeps who wrote it and when.
    assert {h.history_user for h in CareEpisode.history.all()} == {manager}


def test_the_schedule_is_already_what_refresh_schedules_would_make(years, manager):
    load(years[2018], manager, 2018)
    load(years[2019], manager, 2019)
    before, history = snapshot(), history_counts()
    refresh_schedules(Child.objects.values_list("pk", flat=True), as_of=date.today())
    assert snapshot() == before and history_counts() == history


def test_years_give_the_same_database_whatever_order_they_are_loaded_in(years, manager):
    load(years[2018], manager, 2018)
    load(years[2019], manager, 2019)
    forwards = snapshot()
    for model in (Finding, ImportRun, ReturnRow, Review, CareEpisode, Child):
        model.objects.all().delete()
    load(years[2019], manager, 2019)
    load(years[2018], manager, 2018)
    assert snapshot() == forwards
    b1 = Child.objects.get(local_id="B1")
    assert (b1.ethnicity, b1.collection_year) == ("WIRI", 2019)  # the later year's row
    first = b1.episodes.get(decom=date(2018, 6, 1))
    assert (first.dec, first.rec, first.collection_year) == (date(2019, 8, 1), "X1", 2019)


def test_loading_both_years_in_one_run_gives_the_same_database(years, manager):
    load(years[2018], manager, 2018)
    load(years[2019], manager, 2019)
    separately = snapshot()
    for model in (Finding, ImportRun, ReturnRow, Review, CareEpisode, Child):
        model.objects.all().delete()
    # Prefixed file names give each its year, so one folder holds both.
    both = years[2018].parent / "both"
    both.mkdir()
    for year, folder in years.items():
        for f in folder.iterdir():
            (both / f"{year}-{f.name}").write_bytes(f.read_bytes())
    result = load(both, manager)
    assert result.run.years == [2018, 2019]
    assert snapshot() == separately


def test_an_earlier_year_never_overwrites_a_later_one(years, manager):
    load(years[2019], manager, 2019)
    result = load(years[2018], manager, 2018)
    b1 = Child.objects.get(local_id="B1")
    assert (b1.ethnicity, b1.collection_year) == ("WIRI", 2019)
    assert b1.episodes.get(decom=date(2018, 6, 1)).dec == date(2019, 8, 1)
    assert result.summary["children"] == {"unchanged": 1, "added": 1}  # B1 kept, B2 new
    assert result.summary["episodes"] == {"unchanged": 1, "added": 1}


def test_reimporting_the_same_files_changes_nothing(years, manager):
    load(years[2018], manager, 2018)
    load(years[2019], manager, 2019)
    before, history = snapshot(), history_counts()
    result = load(years[2019], manager, 2019)
    assert result.applied
    for kind in ("children", "episodes", "reviews", "other_rows"):
        assert set(result.summary[kind]) == {"unchanged"}, kind
    assert snapshot() == before
    assert history_counts() == history


def test_a_review_recorded_in_the_product_is_kept(years, manager, allocated_iro):
    child = make_child("B1", dob=date(2010, 1, 1), first="Bella", last="Jones")
    add_episode(child, date(2018, 6, 1))
    entered = Review.objects.create(
        child=child, status="held", held_date=date(2018, 6, 20), participation="PN2",
        chair=allocated_iro,
    )  # fmt: skip
    result = load(years[2018], manager, 2018)
    entered.refresh_from_db()
    assert (entered.participation, entered.source, entered.chair) == (
        "PN2",
        "entered",
        allocated_iro,
    )
    assert result.summary["reviews"] == {"kept": 1, "added": 2}
    (finding,) = Finding.objects.current().filter(child=child, rule="Q-REVIEW-ENTERED")
    assert (finding.file, finding.row, finding.column, finding.value) == (
        "reviews.csv", 2, "REVIEW_CODE", "PN1",
    )  # fmt: skip
    child.refresh_from_db()
    assert (child.first_name, child.ethnicity, child.collection_year) == ("Bella", "WBRI", 2018)


def test_a_row_with_an_error_changes_nothing(years, manager, tmp_path):
    load(years[2018], manager, 2018)
    before, history = snapshot(), history_counts()
    bad = write_return(
        tmp_path / "bad", YEAR_2019,
        episodes=[*YEAR_2019["episodes"][:2], "B3,2019-05-10,S,C1,N2,U3,PR1,,,,,,"],
    )  # fmt: skip
    result = load(bad, manager, 2019)
    assert result.run.status == "failed" and not result.applied
    (error,) = result.problems.errors
    assert (error.file, error.row, error.column, error.value, error.rule) == (
        "episodes.csv", 4, "DECOM", "2019-05-10", "E-DATE",
    )  # fmt: skip
    assert "dd/mm/yyyy" in error.message
    assert snapshot() == before and history_counts() == history
    assert result.run.problems.filter(severity="error").count() == 1


def test_strict_turns_findings_into_errors(years, manager, tmp_path):
    folder = write_return(tmp_path / "odd", YEAR_2018, reviews=["B1,01/01/2010,20/06/2018,PN9"])
    result = load(folder, manager, 2018, strict=True)
    assert result.run.status == "failed"
    assert [(e.rule, e.value) for e in result.problems.errors] == [("167", "PN9")]
    assert not Child.objects.exists()
    relaxed = load(folder, manager, 2018)
    assert relaxed.applied and relaxed.summary["findings"] == {"167": 1}
    finding = Finding.objects.current().get(rule="167")
    assert (finding.child.local_id, finding.file, finding.row) == ("B1", "reviews.csv", 2)


def test_strict_also_refuses_findings_on_the_merged_record(years, manager, tmp_path):
    # Each year alone is fine; together B1's 2018 episode (X1) is followed by nothing.
    load(years[2018], manager, 2018)
    x1 = write_return(
        tmp_path / "x1", YEAR_2019,
        episodes=["B1,01/06/2018,S,C2,N1,U4,PR1,01/08/2019,X1,CARPL,AB1 2CD,EF3 4GH,SC123456"],
        header=[YEAR_2019["header"][0]], reviews=[], missing=[],
    )  # fmt: skip
    before = snapshot()
    result = load(x1, manager, 2019, strict=True)
    assert result.run.status == "failed"
    assert {e.rule for e in result.problems.errors} == {"388"}
    assert snapshot() == before


def test_a_dry_run_reports_what_would_change_and_changes_nothing(years, manager):
    result = load(years[2018], manager, 2018, dry_run=True)
    assert result.run.status == "previewed"
    assert result.summary["children"] == {"added": 2}
    assert not Child.objects.exists() and not CareEpisode.history.exists()
    assert ImportRun.objects.get() == result.run


def test_findings_of_a_later_import_replace_the_earlier_ones(years, manager, tmp_path):
    odd = write_return(tmp_path / "odd", YEAR_2018, reviews=["B1,01/01/2010,20/06/2018,PN0"])
    first = load(odd, manager, 2018)
    assert Finding.objects.current().filter(rule="440").count() == 1
    second = load(years[2018], manager, 2018)
    old = Finding.objects.get(rule="440")
    assert old.superseded_by == second.run and old.import_run == first.run
    assert not Finding.objects.current().filter(rule="440").exists()


def test_values_the_database_cannot_hold_are_errors(years, manager, tmp_path):
    folder = write_return(
        tmp_path / "long", YEAR_2018,
        header=["B1,1,,WBRI,A123456789012,,", "B2,2,15/03/2012,BAFR,B123456789012,,"],
        episodes=["B1,01/06/2018,*DUMMY*,C2,N1,U4,PR1,,,,,,"], reviews=[], uasc=[],
    )  # fmt: skip
    result = load(folder, manager, 2018)
    assert sorted((e.rule, e.file, e.row, e.column, e.value) for e in result.problems.errors) == [
        ("E-MISSING-VALUE", "header.csv", 2, "DOB", ""),
        ("E-TOO-LONG", "episodes.csv", 2, "RNE", "*DUMMY*"),
    ]
    assert not Child.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_crash_mid_import_leaves_the_database_exactly_as_it_was(years, manager, monkeypatch):
    load(years[2018], manager, 2018)
    before, history = snapshot(), history_counts()
    runs, findings = ImportRun.objects.count(), Finding.objects.count()

    def crash(*args, **kwargs):
        raise RuntimeError("killed")  # after the children, episodes and reviews were written

    monkeypatch.setattr(loader, "refresh_schedules", crash)
    with pytest.raises(RuntimeError, match="killed"):
        load(years[2019], manager, 2019)
    assert snapshot() == before and history_counts() == history
    assert (ImportRun.objects.count(), Finding.objects.count()) == (runs, findings)


def test_oc2_rows_become_health_records_in_the_same_import(tmp_path, manager):
    """The 903 OC2 table feeds the health records (health listens to ``return_loaded``)."""
    from iro_tracker.health.models import HealthAssessment

    folder = tmp_path / "2018"
    folder.mkdir()
    (folder / "header.csv").write_text(
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nOC201,1,01/06/2010,WBRI,UN1,,\n"
    )
    (folder / "episodes.csv").write_text(
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,"
        "PL_POST,URN\nOC201,01/01/2017,S,C2,N1,U4,PR1,,,,,,SC123456\n"
    )
    (folder / "oc2.csv").write_text(
        "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,"
        "HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED\n"
        "OC201,01/06/2010,12,,0,,1,1,1,0,,\n"
    )
    result = load_903([folder], user=manager, year=2018)
    assert result.applied and result.problems.errors == [], result.problems.errors
    assessment = HealthAssessment.objects.get(child__local_id="OC201")
    assert assessment.source == "imported"
