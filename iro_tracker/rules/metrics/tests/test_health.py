"""The ``health`` section on hand-built data, this year beside last year."""

from datetime import date

from iro_tracker.rules.metrics import annual_report_with_previous
from iro_tracker.rules.metrics.health import (
    DENTAL,
    IHA,
    IMMUNISATIONS,
    RHA,
    SDQ,
    HealthRecord,
    health_figures,
    health_section,
)
from iro_tracker.rules.metrics.tests.builders import child, ep, snap

D = date

# Periods starting in 2018-19. The IHA is due 20 working days after each start.
EPISODES = [
    ep("a", D(2018, 6, 4)),  # IHA due Mon 2 Jul 2018
    ep("b", D(2018, 6, 4)),
    ep("c", D(2018, 6, 4)),
    ep("d", D(2018, 6, 4)),
    ep("e", D(2018, 6, 4), D(2018, 6, 8)),  # left after 4 days with no IHA: not counted
    ep("f", D(2017, 6, 5)),  # IHA due Tue 3 Jul 2017: last year's figures
    ep("old", D(2016, 1, 4)),  # in care 12 months+ at 31 Mar 2019
]
RECORDS = [
    HealthRecord("a", IHA, D(2018, 7, 2)),  # day 20: within 20
    HealthRecord("b", IHA, D(2018, 7, 6)),  # day 24: within 25 only
    HealthRecord("c", IHA, None, refused_on=D(2018, 6, 20)),
    HealthRecord("f", IHA, D(2017, 8, 1)),  # late
    HealthRecord("old", RHA, D(2018, 6, 1)),  # aged 9: next due 1 Jun 2019, up to date
    HealthRecord("old", DENTAL, D(2018, 4, 1)),
    HealthRecord("old", IMMUNISATIONS, D(2018, 5, 1), up_to_date=True),
    HealthRecord("old", SDQ, D(2018, 9, 1), score=14),
    HealthRecord("f", RHA, D(2017, 9, 1)),  # due 1 Sep 2018: overdue at 31 Mar 2019
    HealthRecord("f", DENTAL, D(2018, 3, 31)),  # 12 months and a day before: not counted
    HealthRecord("f", IMMUNISATIONS, D(2017, 9, 1), up_to_date=True),
    HealthRecord("f", IMMUNISATIONS, D(2018, 9, 1), up_to_date=False),  # the latest counts
    HealthRecord("f", SDQ, D(2018, 9, 1), reason="SDQ5"),  # a reason, not a score
]
CHILDREN = [child(i) for i in "abcdef"] + [child("old", dob=D(2009, 5, 1))]


def snapshot():
    return snap(EPISODES, children=CHILDREN)


def test_iha_within_20_and_25_working_days_with_refusals_apart():
    figures = health_section(snapshot(), RECORDS, 2018)
    assert {k: v for k, v in figures.items() if k.startswith("iha")} == {
        "iha_due": 4,
        "iha_within_20_working_days": 1,
        "iha_within_20_working_days_percent": 25.0,
        "iha_within_25_working_days": 2,
        "iha_within_25_working_days_percent": 50.0,
        "iha_refused": 1,
        "iha_not_recorded": 1,
    }


def test_the_oc2_cohort_and_its_indicators():
    figures = health_section(snapshot(), RECORDS, 2018)
    assert figures["looked_after_12_months"] == 2  # old and f (since Jun 2017)
    assert (figures["health_assessments_up_to_date"], figures["dental_checks_up_to_date"]) == (1, 1)
    assert figures["immunisations_up_to_date_percent"] == 50.0
    assert (figures["sdq_eligible"], figures["sdq_completed"], figures["sdq_average_score"]) == (
        2, 1, 14.0,
    )  # fmt: skip


def test_drill_down_lists_the_children_behind_each_count():
    _, tally = health_figures(snapshot(), RECORDS, 2018)
    assert tally.members["health.iha_within_25_working_days"] == ["a", "b"]
    assert tally.members["health.iha_not_recorded"] == ["d"]


def test_last_year_beside_this_year_through_snapshot_extra():
    extra = {"health": lambda s, year: health_section(s, RECORDS, year)}
    report = annual_report_with_previous(snap(EPISODES, children=CHILDREN, extra=extra), 2018)
    current, previous = report["current"]["health"], report["previous"]["health"]
    assert (current["iha_due"], current["iha_within_20_working_days"]) == (4, 1)
    assert (previous["iha_due"], previous["iha_within_20_working_days"]) == (1, 0)
    assert previous["iha_within_20_working_days_percent"] == 0.0
