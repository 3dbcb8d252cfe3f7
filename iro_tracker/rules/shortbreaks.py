"""The limits of an agreed series of short breaks (CPPCR 2010 reg 48; research LAC-9).

A child on short breaks is not looked after between breaks only while every condition of
reg 48 holds: no single break lasts more than 17 days and the breaks total no more than 75
days in any 12 months. When either fails, the full looked-after rules apply instead, so the
IRO watches both.

Days are counted as the 903 validator counts them (rules 365 and 367): a break's length is
DEC - DECOM, the nights away, so a break from Friday to Sunday is 2 days. Only V3 episodes
record individual breaks; a V4 episode records an agreement, whose breaks are not in the
data, so it cannot be checked here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from iro_tracker.rules.calendar import add_months, format_date
from iro_tracker.rules.periods import EpisodeLike
from iro_tracker.rules.settings import DEFAULT, RuleSettings

INDIVIDUAL_BREAKS = "V3"  # V4 records agreements, not breaks (ssda903-reference §2.2)


@dataclass(frozen=True)
class Break:
    """One short break (a V3 episode). ``end`` is None while the child is away now."""

    start: date
    end: date | None

    def days(self, today: date) -> int:
        """Nights away: DEC - DECOM, counting an open break up to ``today``."""
        return max(0, ((self.end or today) - self.start).days)

    def nights_between(self, start: date, end: date, today: date) -> int:
        """Nights away that begin on or after ``start`` and before ``end``."""
        first = max(self.start, start)
        last = min(self.end or today, end)
        return max(0, (last - first).days)


@dataclass(frozen=True)
class LongBreak:
    """A single break longer than the 17-day limit."""

    brk: Break
    days: int
    explanation: str


@dataclass(frozen=True)
class BusyYear:
    """The 12 months ending on ``end`` (exclusive) hold more than 75 days of breaks."""

    start: date
    end: date
    days: int
    explanation: str


@dataclass(frozen=True)
class Limits:
    """What the IRO needs to know about one child's short breaks on ``today``."""

    breaks: tuple[Break, ...]
    long_breaks: tuple[LongBreak, ...]
    busy_years: tuple[BusyYear, ...]
    days_in_last_12_months: int
    days_left: int
    max_days: int
    max_days_in_12_months: int

    @property
    def exceeded(self) -> bool:
        """True when reg 48 no longer applies and the child should be looked after in full."""
        return bool(self.long_breaks or self.busy_years)


def breaks_from(episodes: Iterable[EpisodeLike]) -> list[Break]:
    """The individual breaks (V3 episodes), oldest first."""
    found = [Break(e.decom, e.dec) for e in episodes if e.ls == INDIVIDUAL_BREAKS]
    return sorted(found, key=lambda b: (b.start, b.end or date.max))


def days_in_window(breaks: Iterable[Break], start: date, end: date, today: date) -> int:
    """Nights away beginning in ``[start, end)``."""
    return sum(b.nights_between(start, end, today) for b in breaks)


def check_limits(
    episodes: Iterable[EpisodeLike], today: date, *, settings: RuleSettings = DEFAULT
) -> Limits:
    """Check every break against the 17-day and 75-days-in-12-months limits.

    A 12-month total can only reach its highest at the end of a break, so only the 12
    months ending with each break (and those ending today) are checked: a window ending on
    DEC covers the nights from the same date a year before up to DEC.
    """
    breaks = breaks_from(episodes)
    single, yearly = settings.short_break_max_days, settings.short_break_max_days_in_12_months
    long_breaks = []
    for brk in breaks:
        days = brk.days(today)
        if days > single:
            ends = f"ended {format_date(brk.end)}" if brk.end else "still going on"
            long_breaks.append(
                LongBreak(
                    brk,
                    days,
                    f"The break from {format_date(brk.start)} ({ends}) lasted {days} days:"
                    f" more than the {single}-day limit for a single short break.",
                )
            )
    busy: list[BusyYear] = []
    reported_until = date.min
    for brk in breaks:
        end = brk.end or today
        start = add_months(end, -12)
        total = days_in_window(breaks, start, end, today)
        # One finding per run of over-limit windows: the first break that tips it over.
        if total > yearly and start >= reported_until:
            busy.append(
                BusyYear(
                    start,
                    end,
                    total,
                    f"{total} days of short breaks in the 12 months from {format_date(start)}"
                    f" to {format_date(end - timedelta(days=1))}: more than the {yearly}-day"
                    " limit.",
                )
            )
            reported_until = end
    used = days_in_window(breaks, add_months(today, -12), today, today)
    return Limits(
        breaks=tuple(breaks),
        long_breaks=tuple(long_breaks),
        busy_years=tuple(busy),
        days_in_last_12_months=used,
        days_left=max(0, yearly - used),
        max_days=single,
        max_days_in_12_months=yearly,
    )
