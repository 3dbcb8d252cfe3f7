"""Review timeliness and children's participation in a reporting year.

Issue 4: the figures are over reviews held in the year that fall inside a period of care,
one per child per date. Which review is number 1, 2, 3... of its period and when it was
due is decided by ``schedule.schedule_reviews`` (with the snapshot's ``history_from``), the
same code the product uses for every child's record: this module only counts.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from iro_tracker.rules.codes import LATE_REASON, PARTICIPATED, PARTICIPATION, PARTICIPATION_ELIGIBLE
from iro_tracker.rules.metrics.snapshot import (
    ReportingYear,
    ReviewRecord,
    Snapshot,
    Tally,
    percent,
)
from iro_tracker.rules.schedule import LOOKED_AFTER, SHORT_BREAKS, PlacedReview

DAYS_LATE_BANDS = ("1", "2_to_7", "8_to_28", "29_plus")
PARTICIPATION_CODES = tuple(PARTICIPATION.codes())


def days_late_band(days: int) -> str:
    """The issue's band for a late review's days late (1 or more)."""
    if days <= 1:
        return "1"
    if days <= 7:
        return "2_to_7"
    if days <= 28:
        return "8_to_28"
    return "29_plus"


@dataclass(frozen=True)
class ReviewRow:
    """One held review with its place in the schedule (``iro report reviews`` CSV)."""

    child_id: str
    kind: str  # schedule.LOOKED_AFTER, SHORT_BREAKS or OUTSIDE
    period_start: date | None
    sequence: int | None  # None when the period's earlier reviews are not in the data
    held: date
    due: date | None  # None: not assessable
    due_explanation: str
    on_time: bool | None
    days_late: int | None
    late_reason: str
    participation: str
    chair_id: str | None


def _placed_in_year(
    snapshot: Snapshot, ry: ReportingYear
) -> Iterator[tuple[str, PlacedReview, ReviewRecord]]:
    for child_id, records in snapshot.reviews_by_child.items():
        # Schedule only the children with a review in the year (the schedule is cached, so
        # the year before, shown beside this one, reuses it).
        if not snapshot.has_review_between(child_id, ry.start, ry.end):
            continue
        for placed in snapshot.schedule(child_id).reviews:
            if ry.contains(placed.held):
                yield child_id, placed, records[placed.key]


def review_rows(
    snapshot: Snapshot, year: int, *, kinds: Sequence[str] = (LOOKED_AFTER,)
) -> list[ReviewRow]:
    """One row per review held in reporting ``year`` (one per child per date), by child
    and date. By default only reviews inside a period of care, the ones the report counts;
    pass ``kinds`` to add short-break reviews or reviews outside any period.
    """
    rows = []
    for child_id, placed, record in _placed_in_year(snapshot, ReportingYear(year)):
        if placed.kind not in kinds:
            continue
        rows.append(
            ReviewRow(
                child_id=child_id,
                kind=placed.kind,
                period_start=placed.period_start,
                sequence=placed.sequence,
                held=placed.held,
                due=placed.due.date if placed.due else None,
                due_explanation=placed.due.explanation if placed.due else "",
                on_time=placed.on_time,
                days_late=placed.days_late,
                late_reason=record.late_reason,
                participation=record.participation,
                chair_id=record.chair_id,
            )
        )
    rows.sort(key=lambda r: (r.child_id, r.held))
    return rows


def review_figures(snapshot: Snapshot, ry: ReportingYear) -> tuple[dict[str, Any], Tally]:
    """``reviews``, ``participation`` and the short-break review counts of year ``ry``."""
    t = Tally()
    t.declare(
        *(f"reviews.{k}" for k in ("held", "on_time", "late", "not_assessable")),
        *(f"reviews.days_late.{band}" for band in DAYS_LATE_BANDS),
        *(f"participation.by_code.{code}" for code in PARTICIPATION_CODES),
        "participation.participated",
        "participation.eligible",
        "short_breaks.reviews_held",
        "short_breaks.reviews_on_time",
        "service.reviews_chaired",
    )
    for child_id, placed, record in _placed_in_year(snapshot, ry):
        if placed.kind == LOOKED_AFTER:
            t.add("service.reviews_chaired", child_id)
            _count_review(t, child_id, placed, record)
        elif placed.kind == SHORT_BREAKS:
            # Reg 48 reviews: reported separately, never in the looked-after figures.
            t.add("service.reviews_chaired", child_id)
            t.add("short_breaks.reviews_held", child_id)
            if placed.on_time:
                t.add("short_breaks.reviews_on_time", child_id)
        # OUTSIDE (no period of care or short-break series covers the date) is a data
        # problem, not a review of a looked-after child: issue 4 counts only reviews
        # inside a period of care.

    on_time, late = t.count("reviews.on_time"), t.count("reviews.late")
    participated, eligible = (
        t.count("participation.participated"),
        t.count("participation.eligible"),
    )
    figures = {
        "reviews": {
            "held": t.count("reviews.held"),
            "on_time": on_time,
            "late": late,
            "not_assessable": t.count("reviews.not_assessable"),
            "on_time_percent": percent(on_time, on_time + late),
            "days_late": {b: t.count(f"reviews.days_late.{b}") for b in DAYS_LATE_BANDS},
            "late_reasons": t.by_code("reviews.late_reasons.", LATE_REASON.codes()),
        },
        "participation": {
            "by_code": {c: t.count(f"participation.by_code.{c}") for c in PARTICIPATION_CODES},
            "participated": participated,
            "eligible": eligible,
            "percent": percent(participated, eligible),
        },
        "short_breaks": {
            "reviews_held": t.count("short_breaks.reviews_held"),
            "reviews_on_time": t.count("short_breaks.reviews_on_time"),
        },
    }
    return figures, t


def _count_review(t: Tally, child_id: str, placed: PlacedReview, record: ReviewRecord) -> None:
    t.add("reviews.held", child_id)
    if placed.due is None:
        t.add("reviews.not_assessable", child_id)
    elif placed.on_time:
        t.add("reviews.on_time", child_id)
    else:
        t.add("reviews.late", child_id)
        t.add(f"reviews.days_late.{days_late_band(placed.days_late or 0)}", child_id)
        # "Counts by reason code, where recorded": a late review with no reason is in
        # reviews.late only, and a reason given for an on-time review is ignored.
        if record.late_reason:
            t.add(f"reviews.late_reasons.{record.late_reason}", child_id)
    code = record.participation
    if code in PARTICIPATION:
        t.add(f"participation.by_code.{code}", child_id)
    if code in PARTICIPATION_ELIGIBLE:
        t.add("participation.eligible", child_id)
    if code in PARTICIPATED:
        t.add("participation.participated", child_id)
