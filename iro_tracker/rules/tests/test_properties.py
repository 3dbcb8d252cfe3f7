from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from iro_tracker.rules.calendar import (
    add_months,
    add_working_days,
    bank_holidays_between,
    is_working_day,
    subtract_working_days,
    working_days_between,
)
from iro_tracker.rules.timescales import first_review_due, next_review_due, review_schedule

# Building a year's holiday list on first use can exceed Hypothesis's default deadline.
settings.register_profile("rules", deadline=None, max_examples=100)
settings.load_profile("rules")

dates = st.dates(min_value=date(1995, 1, 1), max_value=date(2035, 12, 31))
counts = st.integers(min_value=0, max_value=120)


@given(dates, st.integers(min_value=1, max_value=120))
def test_add_working_days_lands_on_a_working_day(start, n):
    assert is_working_day(add_working_days(start, n))


@given(dates, counts)
def test_working_days_between_undoes_add_working_days(start, n):
    assert working_days_between(start, add_working_days(start, n)) == n


@given(dates, st.integers(min_value=1, max_value=120))
def test_subtract_working_days_leaves_n_minus_1_working_days_in_between(start, n):
    result = subtract_working_days(start, n)
    assert is_working_day(result)
    # Strictly between: the start may itself be a weekend or bank holiday (day 0).
    assert working_days_between(result, start - timedelta(days=1)) == n - 1


@given(dates, st.integers(min_value=1, max_value=120))
def test_each_skipped_weekday_is_a_listed_bank_holiday(start, n):
    end = add_working_days(start, n)
    weekdays = sum(1 for i in range(1, (end - start).days + 1)
                   if (start + timedelta(days=i)).weekday() < 5)  # fmt: skip
    assert weekdays - n == len(bank_holidays_between(start, end))


@given(dates, st.integers(min_value=-240, max_value=240))
def test_add_months_never_errors_and_never_overshoots_the_day(start, n):
    result = add_months(start, n)
    assert result.day <= start.day
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == n
    if start.day <= 28:
        assert result.day == start.day


@given(dates)
def test_first_review_on_a_weekday_start_is_never_sooner_than_28_days(start):
    due = first_review_due(start).date
    # A weekend start is day 0, so its day 20 can fall 26 or 27 days later.
    assert (due - start).days >= (28 if start.weekday() < 5 else 26)


@given(
    st.dates(min_value=date(2005, 1, 1), max_value=date(2030, 12, 31)),
    st.lists(st.integers(min_value=0, max_value=400), max_size=6),
    st.booleans(),
)
def test_next_review_is_due_after_the_previous_review(period_start, gaps, short_break):
    held = []
    for gap in gaps:
        held.append((held[-1] if held else period_start) + timedelta(days=gap))
    due = next_review_due(period_start, held, short_break=short_break).date
    assert due > (held[-1] if held else period_start)


@given(
    st.dates(min_value=date(2005, 1, 1), max_value=date(2030, 12, 31)),
    st.lists(st.integers(min_value=0, max_value=400), max_size=6),
    st.booleans(),
)
def test_review_schedule_has_one_due_date_per_held_review_plus_the_next(
    period_start, gaps, short_break
):
    held = []
    for gap in gaps:
        held.append((held[-1] if held else period_start) + timedelta(days=gap))
    schedule = review_schedule(period_start, held, short_break=short_break)
    assert len(schedule) == len(held) + 1
    assert schedule[-1] == next_review_due(period_start, held, short_break=short_break)
