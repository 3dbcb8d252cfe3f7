from dataclasses import replace
from datetime import date

import pytest

from iro_tracker.rules.periods import EpisodeRow, periods_of_care
from iro_tracker.rules.settings import DEFAULT
from iro_tracker.rules.timescales import (
    Due,
    adjournment_deadline,
    core_group_due,
    counted_review_dates,
    cp_review_due,
    days_late,
    decisions_circulation_due,
    dispute_resolution_due,
    documents_due,
    fifth_birthday,
    first_review_due,
    iha_due,
    initial_conference_due,
    iro_allocation_due,
    is_on_time,
    next_review_due,
    record_circulation_due,
    review_health_assessment_due,
    review_schedule,
)


def test_first_review_skips_christmas_bank_holidays():
    due = first_review_due(date(2018, 12, 20))
    assert due == Due(
        date(2019, 1, 22),
        "Due 22 Jan 2019: 20 working days after 20 Dec 2018, skipping 25 Dec 2018,"
        " 26 Dec 2018 and 1 Jan 2019 (bank holidays).",
        "reg33-first",
    )


def test_first_review_skips_easter_and_early_may_2019():
    due = first_review_due(date(2019, 4, 15))
    assert due.date == date(2019, 5, 16)
    assert "skipping 19 Apr 2019, 22 Apr 2019 and 6 May 2019 (bank holidays)" in due.explanation


def test_first_review_without_bank_holidays_says_nothing_about_them():
    due = first_review_due(date(2019, 1, 9))
    assert due.explanation == "Due 6 Feb 2019: 20 working days after 9 Jan 2019."


def test_first_review_from_a_saturday_start():
    assert first_review_due(date(2019, 1, 5)).date == date(2019, 2, 1)


def test_first_review_on_1_april_2011_uses_working_days_and_skips_the_royal_wedding():
    due = first_review_due(date(2011, 4, 1))
    assert due.rule == "reg33-first"
    assert due.date == date(2011, 5, 5)
    assert "22 Apr 2011, 25 Apr 2011, 29 Apr 2011 and 2 May 2011 (bank holidays)" in (
        due.explanation
    )


def test_first_review_before_april_2011_is_28_days_under_the_1991_regulations():
    due = first_review_due(date(2011, 3, 31))
    assert due.date == date(2011, 4, 28)
    assert due.rule == "1991-first"
    assert due.explanation == (
        "Due 28 Apr 2011: 28 days after 31 Mar 2011, under the Review of Children's Cases"
        " Regulations 1991 because the period of care began before 1 Apr 2011."
    )


def test_second_review_is_3_months_after_the_first_was_actually_held():
    due = next_review_due(date(2019, 3, 20), [date(2019, 4, 15)])
    assert due == Due(
        date(2019, 7, 15),
        "Due 15 Jul 2019: 3 months after review 1 held on 15 Apr 2019.",
        "reg33-second",
    )


def test_third_review_clamps_to_the_end_of_february():
    due = next_review_due(date(2018, 5, 1), [date(2018, 5, 25), date(2018, 8, 31)])
    assert due.date == date(2019, 2, 28)
    assert due.rule == "reg33-subsequent"
    assert due.explanation == (
        "Due 28 Feb 2019: 6 months after review 2 held on 31 Aug 2018; February has no 31st,"
        " so the last day of the month."
    )


def test_review_after_a_leap_day_review():
    due = next_review_due(date(2019, 10, 1), [date(2019, 10, 20), date(2020, 2, 29)])
    assert due.date == date(2020, 8, 29)
    assert "has no" not in due.explanation
    later = next_review_due(date(2019, 10, 1), [date(2019, 10, 20), date(2020, 2, 29), due.date])
    assert later.date == date(2021, 2, 28)
    assert "February 2021 has no 29th" in later.explanation


def test_late_review_moves_the_next_due_date_later():
    on_time = next_review_due(date(2019, 1, 2), [date(2019, 1, 20), date(2019, 4, 20)])
    late = next_review_due(date(2019, 1, 2), [date(2019, 1, 20), date(2019, 5, 10)])
    assert on_time.date == date(2019, 10, 20)
    assert late.date == date(2019, 11, 10)


def test_brought_forward_review_counts_and_restarts_the_clock():
    # An extra review on 1 Mar between review 1 (20 Jan) and its due date is review 2.
    due = next_review_due(date(2019, 1, 2), [date(2019, 1, 20), date(2019, 3, 1)])
    assert due.rule == "reg33-subsequent"
    assert due.date == date(2019, 9, 1)


def test_extra_reviews_can_be_left_out_of_the_sequence_by_setting():
    reviews = [(date(2019, 1, 20), False), (date(2019, 3, 1), True), (date(2019, 4, 18), False)]
    assert counted_review_dates(reviews) == [date(2019, 1, 20), date(2019, 3, 1), date(2019, 4, 18)]
    keep_plan = replace(DEFAULT, brought_forward_resets_clock=False)
    counted = counted_review_dates(reviews, settings=keep_plan)
    assert counted == [date(2019, 1, 20), date(2019, 4, 18)]
    assert next_review_due(date(2019, 1, 2), counted).date == date(2019, 10, 18)


def test_pre_2011_later_reviews_cite_the_1991_regulations():
    due = next_review_due(date(2010, 1, 4), [date(2010, 1, 25)])
    assert due.rule == "1991-second"
    assert due.date == date(2010, 4, 25)
    assert due.explanation.endswith("under the Review of Children's Cases Regulations 1991.")
    # The duty after a review held on or after 1 Apr 2011 is under reg 33.
    held = [date(2010, 1, 25), date(2010, 4, 20), date(2011, 4, 1)]
    due = next_review_due(date(2010, 1, 4), held)
    assert due.rule == "reg33-subsequent"


def test_short_break_reviews_run_3_then_6_months_from_the_first_break():
    first = next_review_due(date(2019, 11, 30), [], short_break=True)
    assert first.rule == "reg48-first"
    assert first.date == date(2020, 2, 29)
    assert first.explanation == (
        "Due 29 Feb 2020: 3 months after the first short break on 30 Nov 2019; February has no"
        " 30th, so the last day of the month."
    )
    second = next_review_due(date(2019, 11, 30), [date(2020, 2, 20)], short_break=True)
    assert second.rule == "reg48-subsequent"
    assert second.date == date(2020, 8, 20)
    assert second.explanation == "Due 20 Aug 2020: 6 months after review 1 held on 20 Feb 2020."


def test_held_dates_out_of_order_are_refused():
    with pytest.raises(ValueError):
        next_review_due(date(2019, 1, 2), [date(2019, 4, 20), date(2019, 1, 20)])


def test_review_schedule_gives_each_held_review_its_due_date_then_the_next():
    held = [date(2019, 1, 10), date(2019, 4, 15), date(2019, 10, 1)]
    schedule = review_schedule(date(2018, 12, 20), held)
    assert [d.date for d in schedule] == [
        date(2019, 1, 22),
        date(2019, 4, 10),
        date(2019, 10, 15),
        date(2020, 4, 1),
    ]
    assert [d.rule for d in schedule] == [
        "reg33-first",
        "reg33-second",
        "reg33-subsequent",
        "reg33-subsequent",
    ]
    assert [is_on_time(h, d) for h, d in zip(held, schedule, strict=False)] == [True, False, True]
    assert days_late(held[1], schedule[1]) == 5


def test_reviews_restart_at_1_in_a_new_period_of_care():
    episodes = [
        EpisodeRow(date(2018, 5, 1), date(2019, 2, 14), "S", "C2"),
        EpisodeRow(date(2019, 12, 20), None, "S", "V2"),
    ]
    second_period = periods_of_care(episodes)[1]
    due = next_review_due(second_period.start, [])
    # Fri 20 Dec: Dec 23, 24, 27, 30, 31 = 5; Jan 2, 3 = 7; Jan 6-10, 13-17 = 17; 20-22 = 20.
    assert (due.date, due.rule) == (date(2020, 1, 22), "reg33-first")


def test_on_time_means_on_or_before_the_due_date():
    due = first_review_due(date(2018, 12, 20))
    assert is_on_time(date(2019, 1, 22), due)
    assert days_late(date(2019, 1, 22), due) == 0
    assert not is_on_time(date(2019, 1, 23), due)
    assert days_late(date(2019, 1, 23), due) == 1
    assert days_late(date(2019, 1, 2), due.date) == 0


def test_adjourned_review_must_complete_within_20_working_days():
    due = adjournment_deadline(date(2019, 4, 15))
    assert due.date == date(2019, 5, 16)
    assert due.rule == "reg36-adjournment"
    assert due.explanation.startswith(
        "Due 16 May 2019: 20 working days after the review was adjourned on 15 Apr 2019, skipping"
    )


def test_documents_due_3_working_days_before_the_review():
    due = documents_due(date(2019, 1, 10))  # Thursday
    assert due == Due(
        date(2019, 1, 7),
        "Due 7 Jan 2019: 3 working days before the review on 10 Jan 2019.",
        "documents-before-review",
    )


def test_documents_due_counts_back_over_easter():
    due = documents_due(date(2019, 4, 23))
    assert due.date == date(2019, 4, 16)
    assert due.explanation == (
        "Due 16 Apr 2019: 3 working days before the review on 23 Apr 2019, skipping"
        " 19 Apr 2019 and 22 Apr 2019 (bank holidays)."
    )


def test_decisions_circulation_skips_the_coronation():
    due = decisions_circulation_due(date(2023, 4, 28))
    assert due.date == date(2023, 5, 9)
    assert due.explanation == (
        "Due 9 May 2023: 5 working days after the review on 28 Apr 2023, skipping 1 May 2023"
        " and 8 May 2023 (bank holidays)."
    )


def test_record_circulation_skips_the_late_may_bank_holiday():
    due = record_circulation_due(date(2019, 5, 20))
    assert due.date == date(2019, 6, 18)
    assert due.explanation.endswith("skipping 27 May 2019 (bank holiday).")


def test_iha_due_matches_the_first_review_deadline():
    assert iha_due(date(2018, 12, 20)).date == first_review_due(date(2018, 12, 20)).date
    assert iha_due(date(2018, 12, 20)).rule == "iha"


def test_rha_every_6_months_under_5_and_12_months_from_5():
    dob = date(2016, 3, 10)
    under_5 = review_health_assessment_due(date(2020, 1, 15), dob)
    assert (under_5.date, under_5.rule) == (date(2020, 7, 15), "rha-under5")
    five_plus = review_health_assessment_due(date(2021, 3, 10), dob)  # 5th birthday
    assert (five_plus.date, five_plus.rule) == (date(2022, 3, 10), "rha-5plus")


def test_rha_stays_6_months_when_the_child_turns_5_before_the_due_date():
    due = review_health_assessment_due(date(2021, 3, 9), date(2016, 3, 10))
    assert due.date == date(2021, 9, 9)
    assert due.explanation == (
        "Due 9 Sep 2021: 6 months after the last health assessment on 9 Mar 2021"
        " (the child was under 5 then)."
    )


def test_leap_day_child_turns_5_on_1_march():
    assert fifth_birthday(date(2016, 2, 29)) == date(2021, 3, 1)
    assert review_health_assessment_due(date(2021, 2, 28), date(2016, 2, 29)).rule == "rha-under5"


def test_dispute_resolution_within_20_working_days_skips_christmas_2021():
    due = dispute_resolution_due(date(2021, 12, 20))
    # Dec 21-24 = 4; 29-31 = 7; Jan 4-7 = 11; 10-14 = 16; 17-20 = 20.
    assert due.date == date(2022, 1, 20)
    assert "skipping 27 Dec 2021, 28 Dec 2021 and 3 Jan 2022 (bank holidays)" in due.explanation


def test_initial_conference_within_15_working_days_of_the_strategy_discussion():
    due = initial_conference_due(date(2021, 12, 20))
    assert due.date == date(2022, 1, 13)
    assert due.rule == "icpc"
    assert "after the strategy discussion on 20 Dec 2021" in due.explanation


def test_core_group_within_10_working_days_skips_the_jubilee():
    due = core_group_due(date(2022, 5, 25))
    assert due.date == date(2022, 6, 10)
    assert due.explanation == (
        "Due 10 Jun 2022: 10 working days after the initial conference on 25 May 2022,"
        " skipping 2 Jun 2022 and 3 Jun 2022 (bank holidays)."
    )


def test_cp_reviews_3_then_6_months():
    first = cp_review_due(date(2018, 11, 30), True)
    assert (first.date, first.rule) == (date(2019, 2, 28), "cp-first-review")
    later = cp_review_due(date(2019, 2, 20), False)
    assert (later.date, later.rule) == (date(2019, 8, 20), "cp-subsequent-review")


def test_iro_allocation_within_5_working_days():
    due = iro_allocation_due(date(2019, 4, 18))
    assert due.date == date(2019, 4, 29)
    assert due.rule == "iro-allocation"


def test_settings_change_the_numbers_not_the_code():
    local = replace(DEFAULT, first_review_working_days=15, pre_2011_first_review_days=21)
    assert first_review_due(date(2019, 1, 9), settings=local).date == date(2019, 1, 30)
    assert "15 working days" in first_review_due(date(2019, 1, 9), settings=local).explanation
    assert first_review_due(date(2010, 1, 1), settings=local).date == date(2010, 1, 22)


def test_one_working_day_is_singular():
    local = replace(DEFAULT, decisions_circulation_working_days=1)
    due = decisions_circulation_due(date(2019, 1, 9), settings=local)
    assert due.explanation == "Due 10 Jan 2019: 1 working day after the review on 9 Jan 2019."
