"""Place a child's held reviews in their periods of care and work out each one's due date.

This is the one place that decides, for the product and for the annual report alike, which
review is number 1, 2, 3... in which period, when it was due and when the next one is due.

A review's place in its period's sequence is known only when the period's start is in the
data (its first episode has RNE ``S``) and on or after the date from which the review history
is complete. For any other period the first review found cannot be assessed (we do not know
how many came before it) and every later one is due 6 months after the one before.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from iro_tracker.rules.calendar import add_months, format_date
from iro_tracker.rules.periods import (
    SHORT_BREAK_SERIES_GAP_MONTHS,
    EpisodeLike,
    Period,
    periods_of_care,
    short_break_series,
)
from iro_tracker.rules.settings import DEFAULT, RuleSettings
from iro_tracker.rules.timescales import Due, next_review_due

LOOKED_AFTER = "lac"
SHORT_BREAKS = "short_breaks"
OUTSIDE = "outside"


@dataclass(frozen=True)
class HeldReview:
    key: Hashable
    held: date


@dataclass(frozen=True)
class PlacedReview:
    """A held review with its place in the schedule (``due`` None = cannot be assessed)."""

    key: Hashable
    held: date
    kind: str  # LOOKED_AFTER, SHORT_BREAKS or OUTSIDE (no period of care covers the date)
    period_start: date | None
    sequence: int | None
    due: Due | None

    @property
    def on_time(self) -> bool | None:
        return None if self.due is None else self.held <= self.due.date

    @property
    def days_late(self) -> int | None:
        return None if self.due is None else max(0, (self.held - self.due.date).days)


@dataclass(frozen=True)
class NextReview:
    kind: str
    period_start: date
    sequence: int | None
    due: Due


@dataclass(frozen=True)
class Schedule:
    reviews: list[PlacedReview]
    next: NextReview | None
    periods: list[Period]
    short_breaks: list[Period]


def _sequence_known(period: Period, history_from: date | None) -> bool:
    return period.start_known and (history_from is None or period.start >= history_from)


def _place_in_period(
    period: Period,
    reviews: Sequence[HeldReview],
    kind: str,
    history_from: date | None,
    settings: RuleSettings,
) -> tuple[list[PlacedReview], Due]:
    short_break = kind == SHORT_BREAKS
    placed: list[PlacedReview] = []
    held_dates: list[date] = []
    known = _sequence_known(period, history_from)
    for review in reviews:
        if known:
            due: Due | None = next_review_due(
                period.start, held_dates, short_break=short_break, settings=settings
            )
            sequence: int | None = len(held_dates) + 1
        elif held_dates:
            due = _six_months_after(held_dates[-1], settings)
            sequence = None
        else:
            due, sequence = None, None
        placed.append(PlacedReview(review.key, review.held, kind, period.start, sequence, due))
        held_dates.append(review.held)
    if known or not held_dates:
        following = next_review_due(
            period.start, held_dates, short_break=short_break, settings=settings
        )
    else:
        following = _six_months_after(held_dates[-1], settings)
    return placed, following


def _six_months_after(previous: date, settings: RuleSettings) -> Due:
    months = settings.subsequent_review_months
    due = add_months(previous, months)
    text = (
        f"Due {format_date(due)}: {months} months after the previous review held on"
        f" {format_date(previous)} (earlier reviews in this period are not held here)."
    )
    return Due(due, text, "reg33-subsequent")


def schedule_reviews(
    episodes: Iterable[EpisodeLike],
    held: Iterable[HeldReview],
    *,
    history_from: date | None = None,
    today: date | None = None,
    settings: RuleSettings = DEFAULT,
) -> Schedule:
    """Place every held review of one child and find the next review due.

    A review belongs to the period of care whose dates contain it; failing that, to the
    latest short-break series (reg 48) that had started by then; failing that it is OUTSIDE
    (a data-quality finding). Two reviews on one date are one review. The next review is due
    in the child's open period of care, or, when none is open, in a short-break series that
    has not lapsed by ``today``.
    """
    episodes = list(episodes)
    periods = periods_of_care(episodes)
    series = short_break_series(episodes)
    unique: dict[date, HeldReview] = {}
    for review in sorted(held, key=lambda r: r.held):
        unique.setdefault(review.held, review)

    in_period: dict[int, list[HeldReview]] = {}
    in_series: dict[int, list[HeldReview]] = {}
    outside: list[PlacedReview] = []
    for review in unique.values():
        index = next((i for i, p in enumerate(periods) if p.contains(review.held)), None)
        if index is not None:
            in_period.setdefault(index, []).append(review)
            continue
        index = next(
            (i for i in range(len(series) - 1, -1, -1) if series[i].start <= review.held), None
        )
        if index is not None:
            in_series.setdefault(index, []).append(review)
        else:
            outside.append(PlacedReview(review.key, review.held, OUTSIDE, None, None, None))

    placed: list[PlacedReview] = list(outside)
    next_review: NextReview | None = None
    for index, period in enumerate(periods):
        items, following = _place_in_period(
            period, in_period.get(index, []), LOOKED_AFTER, history_from, settings
        )
        placed.extend(items)
        if period.is_open:
            number = len(items) + 1 if _sequence_known(period, history_from) else None
            next_review = NextReview(LOOKED_AFTER, period.start, number, following)
    for index, one_series in enumerate(series):
        items, following = _place_in_period(
            one_series, in_series.get(index, []), SHORT_BREAKS, history_from, settings
        )
        placed.extend(items)
        is_last = index == len(series) - 1
        if next_review is None and is_last and _series_active(one_series, today):
            number = len(items) + 1 if _sequence_known(one_series, history_from) else None
            next_review = NextReview(SHORT_BREAKS, one_series.start, number, following)
    placed.sort(key=lambda r: r.held)
    return Schedule(placed, next_review, periods, series)


def _series_active(series: Period, today: date | None) -> bool:
    if series.end is None or today is None:
        return True
    # As in periods.short_break_series: a year without a break means the series lapsed.
    return today <= add_months(series.end, SHORT_BREAK_SERIES_GAP_MONTHS)
