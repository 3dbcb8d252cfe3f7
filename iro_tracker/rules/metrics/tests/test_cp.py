"""Child protection and caseload figures for 2018-19, every number counted by hand below."""

from datetime import date

import pytest

from iro_tracker.rules.metrics.cp import (
    ABOVE,
    BELOW,
    WITHIN,
    ChairCaseload,
    CpConferenceChild,
    CpPlan,
    band_status,
    caseload_summary,
    cp_drilldown,
    cp_report,
    review_due_dates,
)

D = date


def row(conf, child, kind, held, outcome, plan=None, sd=None, s47=None):
    return CpConferenceChild(conf, child, kind, held, outcome, plan, sd, s47)


ROWS = [
    # A: initial, siblings a1 and a2. Strategy discussion Fri 27 Apr 2018: 15 working days,
    # skipping Mon 7 May (bank holiday), is Mon 21 May -> on time. s47 from Mon 30 Apr: due
    # Tue 22 May -> on time.
    row(
        "A", "a1", "initial", D(2018, 5, 21), "plan_started", "pa1", D(2018, 4, 27), D(2018, 4, 30)
    ),
    row(
        "A", "a2", "initial", D(2018, 5, 21), "plan_started", "pa2", D(2018, 4, 27), D(2018, 4, 30)
    ),
    # B: strategy discussion Fri 25 May, skipping Mon 28 May: due Mon 18 Jun; s47 from Tue 29
    # May: due Tue 19 Jun. Held Wed 20 Jun: late on both bases.
    row("B", "b1", "initial", D(2018, 6, 20), "not_needed", None, D(2018, 5, 25), D(2018, 5, 29)),
    # C: no s47 date recorded: assessable on the strategy basis only (due 23 Jul).
    row("C", "c1", "initial", D(2018, 7, 10), "plan_started", "pc1", D(2018, 7, 2)),
    # D: first review of a1 and a2, due 3 months after 21 May = 21 Aug: on time.
    row("D", "a1", "review", D(2018, 8, 21), "plan_continued", "pa1"),
    row("D", "a2", "review", D(2018, 8, 21), "plan_ended", "pa2"),
    # E: a1's second review, due 6 months after 21 Aug = 21 Feb 2019: a day late.
    row("E", "a1", "review", D(2019, 2, 22), "plan_continued", "pa1"),
    # F: c1's first review, due 10 Oct: on time.
    row("F", "c1", "review", D(2018, 10, 10), "plan_continued", "pc1"),
    # G: a transfer-in conference starts t1's plan (no timescale measured).
    row("G", "t1", "transfer_in", D(2018, 11, 5), "plan_started", "pt1"),
    # H: a review of a plan whose earlier conferences are not held here: not assessable.
    row("H", "l1", "review", D(2018, 10, 1), "plan_continued", "pl1"),
    # Outside the year: not counted.
    row("Z", "a1", "initial", D(2018, 3, 30), "not_needed", None, D(2018, 3, 1)),
]

PLANS = [
    CpPlan("pa1", "a1", D(2018, 5, 21), None, "neglect"),
    CpPlan("pa2", "a2", D(2018, 5, 21), D(2018, 8, 21), "neglect"),
    CpPlan("pc1", "c1", D(2018, 7, 10), None, "physical"),
    CpPlan("pt1", "t1", D(2018, 11, 5), None, "sexual"),
    # o1: a plan of exactly 2 years (15 Jun 2016 to 15 Jun 2018) then a repeat in January.
    CpPlan("po1", "o1", D(2016, 6, 15), D(2018, 6, 15), "emotional"),
    CpPlan("po2", "o1", D(2019, 1, 10), None, "emotional"),
    # s1: one day short of 2 years.
    CpPlan("ps1", "s1", D(2016, 6, 16), D(2018, 6, 15), "neglect"),
    # r1: a second plan, but the first ended more than 2 years before.
    CpPlan("pr0", "r1", D(2014, 1, 1), D(2016, 1, 5), "neglect"),
    CpPlan("pr1", "r1", D(2018, 9, 1), None, "multiple"),
    # l1: open since 1 Apr 2016, so 2 years or more at year end.
    CpPlan("pl1", "l1", D(2016, 4, 1), None, "neglect"),
    # e1: ends on 31 Mar 2019 itself, so not on a plan at year end.
    CpPlan("pe1", "e1", D(2018, 12, 1), D(2019, 3, 31), "neglect"),
]


@pytest.fixture
def report():
    return cp_report(ROWS, PLANS, 2018)


def test_conferences_and_children_are_counted_by_type(report):
    assert report["conferences"] == {"initial": 3, "review": 4, "transfer_in": 1, "total": 8}
    assert report["children_at_conferences"] == {
        "initial": 4,
        "review": 5,
        "transfer_in": 1,
        "total": 10,
    }


def test_initial_conferences_within_15_working_days_on_both_bases(report):
    assert report["initial_conferences"] == {
        "children": 4,
        "assessable_strategy": 4,
        "within_15_days_strategy": 3,
        "within_15_days_strategy_percent": 75.0,
        "assessable_s47": 3,
        "within_15_days_s47": 2,
        "within_15_days_s47_percent": 66.7,
    }
    assert cp_drilldown(ROWS, PLANS, 2018, "initial_conferences.within_15_days_s47") == [
        "a1",
        "a2",
    ]


def test_review_conferences_on_time_against_3_then_6_months(report):
    assert report["review_conferences"] == {
        "children": 5,
        "assessable": 4,
        "on_time": 3,
        "late": 1,
        "on_time_percent": 75.0,
    }
    dues = review_due_dates(ROWS)
    assert dues[("D", "a1")] == D(2018, 8, 21)
    assert dues[("E", "a1")] == D(2019, 2, 21)
    assert dues[("H", "l1")] is None
    assert cp_drilldown(ROWS, PLANS, 2018, "review_conferences.late") == ["a1"]


def test_plans_started_ended_long_and_repeated(report):
    plans = report["plans"]
    assert plans["started"] == 7
    assert plans["started_by_category"] == {
        "neglect": 3,
        "emotional": 1,
        "physical": 1,
        "sexual": 1,
        "multiple": 1,
    }
    assert (plans["ended"], plans["ended_lasting_2_years_plus"]) == (4, 1)
    assert plans["ended_lasting_2_years_plus_percent"] == 25.0
    assert cp_drilldown(ROWS, PLANS, 2018, "plans.ended_lasting_2_years_plus") == ["o1"]
    assert plans["open_at_year_end"] == 6
    assert plans["open_2_years_plus_at_year_end"] == 1
    assert (plans["second_or_subsequent"], plans["repeat_within_2_years"]) == (2, 1)
    assert plans["repeat_within_2_years_percent"] == 14.3
    assert cp_drilldown(ROWS, PLANS, 2018, "plans.repeat_within_2_years") == ["o1"]
    assert cp_drilldown(ROWS, PLANS, 2018, "plans.open_by_category.sexual") == ["t1"]


def test_an_empty_year_gives_zeros_and_no_percentages():
    report = cp_report([], [], 2018)
    assert report["conferences"]["total"] == 0
    assert report["initial_conferences"]["within_15_days_strategy_percent"] is None
    assert report["plans"]["started_by_category"] == {}


def test_drilldown_refuses_a_key_that_is_not_a_count():
    assert cp_drilldown(ROWS, PLANS, 2018, "plans.started_by_category.neglect") == [
        "a1",
        "a2",
        "e1",
    ]
    assert cp_drilldown(ROWS, PLANS, 2018, "plans.started_by_category.other") == []
    with pytest.raises(KeyError):
        cp_drilldown(ROWS, PLANS, 2018, "plans.started_percent")


@pytest.mark.parametrize(
    "lac,fte,expected",
    [
        (50, 1.0, WITHIN),
        (70, 1.0, WITHIN),
        (71, 1.0, ABOVE),
        (49, 1.0, BELOW),
        (35, 0.5, WITHIN),  # 70 per FTE
        (36, 0.5, ABOVE),  # 72 per FTE
        (10, 0, None),
    ],
)
def test_band_status_is_inclusive_at_both_ends(lac, fte, expected):
    assert band_status(lac, fte, (50, 70)) == expected


def test_caseload_summary_adds_cp_children_to_the_looked_after_caseload():
    summary = caseload_summary(
        [
            ChairCaseload("s1", 1.0, lac=55, cp=40, meetings_12_months=200),
            ChairCaseload("s2", 0.5, lac=40, cp=10, meetings_12_months=90),
            ChairCaseload("s3", 0.8, lac=30, cp=20, meetings_12_months=100),
            ChairCaseload("s4", 0, lac=0, cp=5),
        ]
    )
    assert summary == {
        "chairs": 4,
        "chair_fte_at_year_end": 2.3,
        "lac_allocated_to_chairs": 125,
        "cp_children": 75,
        "combined_caseload": 200,
        "combined_per_fte": 87.0,  # 200 / 2.3 = 86.96
        "chairs_within_band": 1,
        "chairs_above_band": 1,
        "chairs_below_band": 1,
        "meetings_chaired_12_months": 390,
    }
