"""The demo's health, education and court records: deterministic and calibrated to the seed.

Planned from the demo generator's own records (no database), counted by the same metrics
as the annual report.
"""

from datetime import date

import pytest

from iro_tracker.court import demo as court_demo
from iro_tracker.demo.generator import generate
from iro_tracker.education import demo as education_demo
from iro_tracker.health import demo as health_demo
from iro_tracker.rules.metrics.education import PepRecord, education_section
from iro_tracker.rules.metrics.health import IHA, RHA, HealthRecord, health_section
from iro_tracker.rules.metrics.legal import ProceedingsRecord, legal_section
from iro_tracker.rules.metrics.snapshot import ChildRecord, EpisodeRecord, Snapshot

UNTIL = date(2019, 9, 30)


@pytest.fixture(scope="module")
def generated():
    demo = generate(2019, UNTIL)
    children = health_demo.from_generated(demo)
    snapshot = Snapshot(
        [ChildRecord(c.local_id, c.dob, c.sex, c.ethnicity, c.disabled) for c in demo.children],
        [
            EpisodeRecord(e.child, e.decom, e.dec, e.rne, e.ls, e.place, e.rec)
            for e in demo.episodes
        ],
        (),
    )
    return children, snapshot, {c.pk: c.local_id for c in children}


def test_health_is_deterministic_and_43_percent_of_ihas_are_in_time_in_2018_19(generated):
    children, snapshot, ids = generated
    planned = health_demo.plan(2019, children, UNTIL)
    assert planned == health_demo.plan(2019, children, UNTIL)
    records = [
        HealthRecord(
            ids[p.fields["child_id"]],
            IHA if p.fields["kind"] == "initial" else RHA,
            p.fields.get("completed_on"),
            p.fields.get("requested_on"),
            p.fields.get("refused_on"),
        )
        for p in planned
        if p.model == "HealthAssessment"
    ]
    figures = health_section(snapshot, records, 2018)
    assert 42.5 <= figures["iha_within_20_working_days_percent"] <= 43.5
    assert 60.5 <= figures["iha_within_25_working_days_percent"] <= 61.5
    assert health_section(snapshot, records, 2017)["iha_within_20_working_days_percent"] > 43.5


def test_93_care_proceedings_issued_in_2018_19_a_fifth_within_26_weeks(generated):
    children, snapshot, ids = generated
    planned = court_demo.plan(2019, children, UNTIL)
    records = [
        ProceedingsRecord(
            str(i),
            tuple(ids[pk] for pk in p["children"]),
            p["issued_on"],
            p.get("concluded_on"),
            p.get("outcome", ""),
            p.get("iro_contribution_on"),
        )
        for i, p in enumerate(planned)
    ]
    figures = legal_section(snapshot, records, 2018)
    assert figures["issued_in_year"] == 93
    assert 19.0 <= figures["within_26_weeks_percent"] <= 21.0
    assert 29.5 <= figures["mean_length_weeks"] <= 32.0
    assert legal_section(snapshot, records, 2017)["issued_in_year"] == 91


def test_peps_are_planned_for_children_of_school_age(generated):
    children, snapshot, ids = generated
    planned = education_demo.plan(2019, children, UNTIL)
    peps = [
        PepRecord(ids[p.fields["child_id"]], p.fields["held_on"], p.fields.get("quality", ""))
        for p in planned
        if p.model == "PersonalEducationPlan"
    ]
    figures = education_section(snapshot, peps, 2018)
    assert 50 <= figures["pep_initial_in_time_percent"] <= 70
    assert figures["pep_up_to_date_percent"] > 80
