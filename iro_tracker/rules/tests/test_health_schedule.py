"""Initial and review health assessments across periods of care and the fifth birthday."""

from datetime import date

from iro_tracker.rules.health import (
    COMPLETED,
    INITIAL,
    NOT_RECORDED,
    REFUSED,
    REQUESTED,
    REVIEW,
    Assessment,
    health_status,
    yearly_due,
)
from iro_tracker.rules.periods import EpisodeRow

D = date
DOB = D(2014, 6, 10)  # turns 5 on 10 Jun 2019
CARE = [EpisodeRow(D(2018, 12, 20), None, "S", "C2", "U4")]


def test_iha_due_20_working_days_after_care_began_skipping_christmas():
    status = health_status(DOB, CARE, [], D(2019, 1, 10))
    assert status.iha.due.date == D(2019, 1, 22)
    assert status.iha.outcome == NOT_RECORDED
    assert status.overdue == ()
    late = health_status(DOB, CARE, [], D(2019, 1, 23))
    assert late.overdue == ("Initial health assessment not recorded: due 22 Jan 2019.",)


def test_iha_on_the_due_date_is_in_time_and_the_day_after_is_late():
    on_time = health_status(DOB, CARE, [Assessment(INITIAL, D(2019, 1, 22))], D(2019, 2, 1))
    assert (on_time.iha.outcome, on_time.iha.working_days, on_time.iha.on_time) == (
        COMPLETED, 20, True,
    )  # fmt: skip
    late = health_status(DOB, CARE, [Assessment(INITIAL, D(2019, 1, 23))], D(2019, 2, 1))
    assert (late.iha.working_days, late.iha.on_time) == (21, False)
    assert late.iha.explanation == (
        "Completed 23 Jan 2019, 21 working days after the child became looked after: late"
        " (due 22 Jan 2019)."
    )


def test_requested_refused_and_exempt_assessments():
    requested = [Assessment(INITIAL, requested_on=D(2018, 12, 21))]
    status = health_status(DOB, CARE, requested, D(2019, 1, 25))
    assert status.iha.outcome == REQUESTED
    assert status.overdue == ("Initial health assessment requested but not done: due 22 Jan 2019.",)
    refused = [Assessment(INITIAL, refused_on=D(2019, 1, 4))]
    status = health_status(DOB, CARE, refused, D(2019, 3, 1))
    assert (status.iha.outcome, status.overdue) == (REFUSED, ())
    assert status.next_review.date == D(2019, 7, 4)
    assert "the health assessment refused on 4 Jan 2019" in status.next_review.explanation
    # An assessment in the 3 months before care began stands as the IHA (reg 7).
    before = [Assessment(INITIAL, D(2018, 10, 1))]
    assert health_status(DOB, CARE, before, D(2019, 3, 1)).iha.on_time is True


def test_review_assessments_are_6_monthly_under_5_and_yearly_from_5():
    iha = Assessment(INITIAL, D(2019, 1, 15))
    # Assessed at 4 (on 15 Jan 2019): the next is 6 months on, even past the 5th birthday.
    status = health_status(DOB, CARE, [iha], D(2019, 6, 11))
    assert status.next_review.date == D(2019, 7, 15)
    assert status.next_review.rule == "rha-under5"
    rha = Assessment(REVIEW, D(2019, 7, 1))  # assessed at 5: the next is 12 months on
    status = health_status(DOB, CARE, [iha, rha], D(2019, 8, 1))
    assert [(r.due.date, r.on_time) for r in status.reviews] == [(D(2019, 7, 15), True)]
    assert status.next_review.date == D(2020, 7, 1)
    assert status.next_review.rule == "rha-5plus"
    assert health_status(DOB, CARE, [iha, rha], D(2020, 7, 2)).overdue == (
        "Review health assessment overdue: due 1 Jul 2020.",
    )


def test_a_new_period_of_care_needs_a_new_iha():
    episodes = [
        EpisodeRow(D(2017, 1, 2), D(2017, 6, 1), "S", "V2", "U6", "E13"),
        EpisodeRow(D(2018, 12, 20), None, "S", "C2", "U4"),
    ]
    old = [Assessment(INITIAL, D(2017, 1, 10))]
    status = health_status(DOB, episodes, old, D(2019, 1, 30))
    assert status.iha.outcome == NOT_RECORDED
    assert status.is_overdue


def test_short_breaks_and_unknown_starts_expect_no_iha():
    short = [EpisodeRow(D(2019, 1, 2), D(2019, 1, 4), "S", "V3", "K2", "E8")]
    assert health_status(DOB, short, [], D(2019, 6, 1)).iha is None
    mid = [EpisodeRow(D(2018, 12, 20), None, "P", "C2", "U4")]  # began before our records
    assert health_status(DOB, mid, [], D(2019, 6, 1)).iha is None


def test_yearly_checks_count_from_the_last_or_from_care_starting():
    assert yearly_due(D(2018, 5, 31), D(2017, 1, 1), 12, "dental check").date == D(2019, 5, 31)
    first = yearly_due(None, D(2018, 2, 28), 12, "dental check")
    assert first.explanation == (
        "Due 28 Feb 2019: no dental check recorded, and 12 months after the child became"
        " looked after on 28 Feb 2018."
    )


def test_a_missing_iha_is_no_longer_flagged_once_a_review_assessment_is_done():
    review = [Assessment(REVIEW, D(2019, 4, 1))]
    status = health_status(DOB, CARE, review, D(2019, 5, 1))
    assert status.iha.outcome == NOT_RECORDED  # still counted as missing in the figures
    assert status.overdue == ()
    assert status.next_review.date == D(2019, 10, 1)


def test_no_iha_is_expected_for_a_period_before_the_records_are_complete():
    assert health_status(DOB, CARE, [], D(2019, 6, 1), history_from=D(2019, 1, 1)).iha is None
