"""Placements, placement moves and the DfE's two placement stability measures.

A **placement** starts with each care episode whose RNE is ``S`` (the period's first) or
``P``, ``B``, ``T`` or ``U`` (a change of placement, with or without a change of carer or of
legal status); an ``L`` episode changes only the legal status and continues the placement.
A **move** is a placement that started with ``P``, ``B``, ``T`` or ``U``. Short breaks (V3/V4)
are never placements of a looked-after child.

The DfE measures (Stability measures for children looked after in England), each on a date
(31 March for the annual report, today for the IRO's lists):
- **Short-term**: children looked after on the date with three or more placements during
  the 12 months ending on it.
- **Long-term**: children under 16 on the date, looked after continuously for at least 2.5
  years, who have lived in the same placement for at least 2 years, or who are placed for
  adoption and whose adoptive placement together with the placement before it has lasted
  2 years.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from iro_tracker.rules.calendar import add_months
from iro_tracker.rules.legal import PLACED_FOR_ADOPTION
from iro_tracker.rules.periods import EpisodeLike, Period, periods_of_care

MOVE_RNE = frozenset({"P", "B", "T", "U"})
SHORT_TERM_PLACEMENTS = 3
LONG_TERM_CARE_MONTHS = 30  # 2.5 years looked after
LONG_TERM_PLACEMENT_MONTHS = 24
LONG_TERM_MAX_AGE = 16  # under 16 on the date


@dataclass(frozen=True)
class Placement:
    start: date
    end: date | None
    place: str  # the placement type of its latest episode
    is_move: bool  # started with RNE P, B, T or U
    period_start: date

    def overlaps(self, start: date, end: date) -> bool:
        """True if the child was in this placement on any day from ``start`` to ``end``.

        The day a placement ends is the first day of the next, so it does not count.
        """
        return self.start <= end and (self.end is None or self.end > start)


def placements(episodes: Iterable[EpisodeLike]) -> list[Placement]:
    """Every placement in the child's periods of care, oldest first."""
    found: list[Placement] = []
    for period in periods_of_care(episodes):
        found.extend(_in_period(period))
    return found


def _in_period(period: Period) -> list[Placement]:
    result: list[Placement] = []
    for index, e in enumerate(period.episodes):
        starts = index == 0 or e.rne in MOVE_RNE
        if starts:
            result.append(Placement(e.decom, e.dec, e.place, index > 0, period.start))
        else:
            last = result[-1]
            result[-1] = Placement(last.start, e.dec, e.place, last.is_move, last.period_start)
    return result


def moves_between(episodes: Iterable[EpisodeLike], start: date, end: date) -> list[Placement]:
    """Placement moves that happened from ``start`` to ``end`` inclusive."""
    return [p for p in placements(episodes) if p.is_move and start <= p.start <= end]


def placements_in_year_to(episodes: Iterable[EpisodeLike], on: date) -> list[Placement]:
    """Placements the child had during the 12 months ending on ``on``."""
    start = add_months(on, -12) + timedelta(days=1)
    return [p for p in placements(episodes) if p.overlaps(start, on)]


def current_period(episodes: Iterable[EpisodeLike], on: date) -> Period | None:
    """The period of care the child is in on ``on`` (not on the day it ends)."""
    for period in periods_of_care(episodes):
        if period.start <= on and (period.end is None or period.end > on):
            return period
    return None


def has_three_or_more(episodes: Iterable[EpisodeLike], on: date) -> bool:
    """The short-term measure: looked after on ``on`` with 3+ placements in the 12 months."""
    episodes = list(episodes)
    if current_period(episodes, on) is None:
        return False
    return len(placements_in_year_to(episodes, on)) >= SHORT_TERM_PLACEMENTS


@dataclass(frozen=True)
class LongTerm:
    in_cohort: bool  # under 16 and looked after 2.5 years or more
    stable: bool  # same placement (or adoptive and previous placement) 2 years or more
    placement_since: date | None


def long_term(dob: date, episodes: Iterable[EpisodeLike], on: date) -> LongTerm:
    """The long-term measure for one child on ``on``."""
    episodes = list(episodes)
    period = current_period(episodes, on)
    age = on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))
    if period is None or age >= LONG_TERM_MAX_AGE:
        return LongTerm(False, False, None)
    if period.start > add_months(on, -LONG_TERM_CARE_MONTHS):
        return LongTerm(False, False, None)
    mine = [p for p in _in_period(period) if p.start <= on]
    since = mine[-1].start
    # Placed for adoption: the adoptive placement and the one before it count together.
    if mine[-1].place in PLACED_FOR_ADOPTION and len(mine) > 1:
        since = mine[-2].start
    stable = since <= add_months(on, -LONG_TERM_PLACEMENT_MONTHS)
    return LongTerm(True, stable, since)
