from datetime import date

import pytest

from iro_tracker.rules.calendar import (
    add_months,
    add_working_days,
    bank_holiday_name,
    bank_holidays_between,
    format_date,
    format_date_list,
    is_working_day,
    subtract_working_days,
    working_days_between,
)


@pytest.mark.parametrize(
    "day",
    [
        date(2018, 12, 25),  # Christmas Day
        date(2019, 4, 19),  # Good Friday
        date(2019, 4, 22),  # Easter Monday
        date(2019, 5, 6),  # early May
        date(2019, 5, 27),  # late May
        date(2022, 6, 2),  # late May moved for the jubilee
        date(2022, 6, 3),  # Platinum Jubilee
        date(2022, 9, 19),  # State funeral
        date(2023, 5, 8),  # Coronation
        date(2021, 12, 27),  # substitute for Christmas on a Saturday
        date(2021, 12, 28),  # substitute for Boxing Day on a Sunday
        date(2022, 1, 3),  # substitute for New Year's Day on a Saturday
        date(2019, 1, 5),  # Saturday
        date(2019, 1, 6),  # Sunday
    ],
)
def test_bank_holidays_and_weekends_are_not_working_days(day):
    assert not is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2019, 1, 2),  # Scotland only
        date(2019, 3, 18),  # St Patrick's substitute, Northern Ireland only
        date(2019, 7, 12),  # Northern Ireland only
        date(2019, 12, 2),  # St Andrew's substitute, Scotland only
        date(2022, 5, 30),  # the usual late May Monday, moved in 2022
        date(2018, 12, 24),  # Christmas Eve: councils may close, but it is a working day
        date(2018, 12, 31),
    ],
)
def test_days_that_are_holidays_only_outside_england_are_working_days(day):
    assert is_working_day(day)


def test_bank_holiday_name_names_substitute_days():
    assert bank_holiday_name(date(2021, 12, 27)) == "Christmas Day (observed)"
    assert bank_holiday_name(date(2023, 5, 8)) == "Coronation of Charles III"
    assert bank_holiday_name(date(2021, 12, 25)) == "Christmas Day"
    assert bank_holiday_name(date(2019, 1, 2)) is None


def test_twenty_working_days_from_20_dec_2018_skip_christmas_and_new_year():
    # Dec 21, 24, 27, 28, 31 = 5; Jan 2-4 = 8; Jan 7-11, 14-18 = 18; Jan 21, 22 = 20.
    assert add_working_days(date(2018, 12, 20), 20) == date(2019, 1, 22)


def test_working_days_over_easter_2019_skip_good_friday_and_easter_monday():
    assert add_working_days(date(2019, 4, 18), 1) == date(2019, 4, 23)
    # Also crosses the early May bank holiday (6 May).
    assert add_working_days(date(2019, 4, 15), 20) == date(2019, 5, 16)


def test_research_note_worked_examples():
    assert add_working_days(date(2024, 12, 2), 20) == date(2025, 1, 2)
    assert add_working_days(date(2025, 4, 14), 20) == date(2025, 5, 15)


def test_working_days_skip_the_2022_jubilee_days():
    assert add_working_days(date(2022, 5, 25), 5) == date(2022, 6, 1)
    assert add_working_days(date(2022, 5, 25), 7) == date(2022, 6, 7)


def test_working_days_skip_christmas_2021_substitute_days():
    assert add_working_days(date(2021, 12, 23), 3) == date(2021, 12, 30)


def test_weekend_start_counts_from_the_next_working_day():
    # Saturday is day 0, so day 20 is four weeks on from Monday 7 Jan, less the weekend.
    assert add_working_days(date(2019, 1, 5), 20) == date(2019, 2, 1)
    assert add_working_days(date(2019, 1, 6), 20) == date(2019, 2, 1)
    assert add_working_days(date(2019, 1, 5), 1) == date(2019, 1, 7)


def test_bank_holiday_start_is_day_0():
    assert add_working_days(date(2018, 12, 25), 1) == date(2018, 12, 27)


def test_zero_working_days_is_the_start_date_even_on_a_weekend():
    assert add_working_days(date(2019, 1, 5), 0) == date(2019, 1, 5)


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2019, 1, 7), -1)
    with pytest.raises(ValueError):
        subtract_working_days(date(2019, 1, 7), -1)


def test_subtract_working_days_counts_back_over_easter():
    assert subtract_working_days(date(2019, 4, 23), 3) == date(2019, 4, 16)
    assert subtract_working_days(date(2019, 1, 10), 3) == date(2019, 1, 7)


def test_working_days_between_excludes_the_start_and_includes_the_end():
    assert working_days_between(date(2018, 12, 20), date(2019, 1, 22)) == 20
    assert working_days_between(date(2019, 1, 4), date(2019, 1, 7)) == 1
    assert working_days_between(date(2019, 1, 4), date(2019, 1, 6)) == 0
    assert working_days_between(date(2019, 1, 7), date(2019, 1, 7)) == 0


def test_working_days_between_is_negative_backwards():
    assert working_days_between(date(2019, 1, 22), date(2018, 12, 20)) == -20


def test_bank_holidays_between_lists_weekday_holidays_after_start_up_to_end():
    assert bank_holidays_between(date(2018, 12, 20), date(2019, 1, 22)) == [
        (date(2018, 12, 25), "Christmas Day"),
        (date(2018, 12, 26), "Boxing Day"),
        (date(2019, 1, 1), "New Year's Day"),
    ]
    assert bank_holidays_between(date(2018, 12, 25), date(2018, 12, 26)) == [
        (date(2018, 12, 26), "Boxing Day")
    ]


def test_bank_holidays_between_leaves_out_weekend_holidays():
    found = bank_holidays_between(date(2021, 12, 20), date(2021, 12, 31))
    assert [d for d, _ in found] == [date(2021, 12, 27), date(2021, 12, 28)]


def test_bank_holidays_between_is_empty_backwards():
    assert bank_holidays_between(date(2019, 1, 22), date(2018, 12, 20)) == []


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2018, 8, 31), 6, date(2019, 2, 28)),
        (date(2019, 8, 31), 6, date(2020, 2, 29)),
        (date(2018, 11, 30), 3, date(2019, 2, 28)),
        (date(2019, 11, 30), 3, date(2020, 2, 29)),
        (date(2020, 2, 29), 6, date(2020, 8, 29)),
        (date(2020, 2, 29), 12, date(2021, 2, 28)),
        (date(2018, 8, 31), 3, date(2018, 11, 30)),
        (date(2019, 11, 15), 3, date(2020, 2, 15)),
        (date(2019, 4, 15), 3, date(2019, 7, 15)),
        (date(2019, 3, 31), -1, date(2019, 2, 28)),
        (date(2019, 3, 31), 0, date(2019, 3, 31)),
    ],
)
def test_add_months_uses_the_corresponding_date_or_the_month_end(start, months, expected):
    assert add_months(start, months) == expected


def test_format_date_has_no_leading_zero():
    assert format_date(date(2019, 1, 2)) == "2 Jan 2019"
    assert format_date(date(2019, 1, 22)) == "22 Jan 2019"
    assert format_date(date(2020, 12, 31)) == "31 Dec 2020"


def test_format_date_list_joins_with_and():
    assert format_date_list([]) == ""
    assert format_date_list([date(2019, 1, 1)]) == "1 Jan 2019"
    assert format_date_list([date(2018, 12, 25), date(2018, 12, 26), date(2019, 1, 1)]) == (
        "25 Dec 2018, 26 Dec 2018 and 1 Jan 2019"
    )
