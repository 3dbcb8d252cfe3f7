"""Working days, months and date formatting for statutory timescales (England).

A working day is Monday to Friday and not a bank holiday in England and Wales. The
holiday list is the ``holidays`` package's GB/ENG subdivision: it includes substitute
days and one-off days (2022-06-03, 2022-09-19, 2023-05-08). The plain GB list is never
used because it adds Scottish and Northern Irish days.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays

_ONE_DAY = timedelta(days=1)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@cache
def _holidays_for_year(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year).items())


def bank_holiday_name(d: date) -> str | None:
    """The name of the England bank holiday on ``d`` (weekend ones included), or None."""
    return _holidays_for_year(d.year).get(d)


def is_working_day(d: date) -> bool:
    """True if ``d`` is Monday to Friday and not an England bank holiday."""
    return d.weekday() < 5 and d not in _holidays_for_year(d.year)


def add_working_days(start: date, n: int) -> date:
    """The ``n``th working day strictly after ``start``.

    ``start`` is day 0 whatever day of the week it is, so a weekend or bank-holiday start
    counts from the next working day. ``n == 0`` returns ``start``.
    """
    if n < 0:
        raise ValueError("n must be 0 or more; use subtract_working_days to count back")
    d = start
    while n:
        d += _ONE_DAY
        if is_working_day(d):
            n -= 1
    return d


def subtract_working_days(start: date, n: int) -> date:
    """The ``n``th working day strictly before ``start`` (``start`` is day 0)."""
    if n < 0:
        raise ValueError("n must be 0 or more")
    d = start
    while n:
        d -= _ONE_DAY
        if is_working_day(d):
            n -= 1
    return d


def working_days_between(a: date, b: date) -> int:
    """The number of working days ``d`` with ``a < d <= b`` (negative if ``b < a``)."""
    if b < a:
        return -working_days_between(b, a)
    count = 0
    d = a + _ONE_DAY
    while d <= b:
        if is_working_day(d):
            count += 1
        d += _ONE_DAY
    return count


def bank_holidays_between(a: date, b: date) -> list[tuple[date, str]]:
    """England bank holidays falling on weekdays with ``a < d <= b``, in date order.

    Weekend holidays are left out: they never change a working-day count.
    """
    found: list[tuple[date, str]] = []
    for year in range(a.year, b.year + 1):
        for d, name in _holidays_for_year(year).items():
            if a < d <= b and d.weekday() < 5:
                found.append((d, name))
    return sorted(found)


def days_in_month(year: int, month: int) -> int:
    """The number of days in ``month`` of ``year``."""
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - _ONE_DAY).day


def add_months(d: date, n: int) -> date:
    """The same day-of-month ``n`` calendar months after ``d`` (before, if ``n < 0``).

    Where the target month is shorter, its last day (Interpretation Act 1978 and the
    corresponding-date rule): 31 Aug + 6 months is 28 or 29 Feb.
    """
    index = d.year * 12 + (d.month - 1) + n
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(d.day, days_in_month(year, month)))


def format_date(d: date) -> str:
    """``d`` as it appears in explanations, e.g. ``"2 Jan 2019"`` (no leading zero)."""
    # Not strftime: %b follows the locale and %-d is not portable.
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def format_date_list(dates: list[date]) -> str:
    """Dates joined for a sentence: ``"25 Dec 2018, 26 Dec 2018 and 1 Jan 2019"``."""
    parts = [format_date(d) for d in dates]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
