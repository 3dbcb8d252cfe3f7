"""A looked-after child's health assessments: what is due, when, and whether it is overdue.

- **Initial health assessment (IHA)**: one per period of care, due 20 working days after
  the child became looked after (``timescales.iha_due``; research H-1). It may be done up
  to 3 months before the period began (the reg 7 exemption) and a child of sufficient
  understanding may refuse it, which is recorded as its outcome.
- **Review health assessments (RHA)**: 6 months after the last assessment while under 5,
  12 months from 5 (``timescales.review_health_assessment_due``; research H-2).
- **Dental check** and **SDQ**: yearly (the OC2 indicators, research H-3 and H-4).

Short-break series (reg 48) never need these: reg 7 is disapplied, and ``periods_of_care``
leaves their episodes out. A period that began before the records held here (its first
episode is not RNE ``S``) expects no IHA: we cannot know whether one was done.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from iro_tracker.rules.calendar import add_months, format_date, working_days_between
from iro_tracker.rules.periods import EpisodeLike, Period, periods_of_care
from iro_tracker.rules.settings import DEFAULT, RuleSettings
from iro_tracker.rules.timescales import Due, iha_due, review_health_assessment_due

INITIAL = "initial"
REVIEW = "review"
# An assessment in the 3 months before the period began stands as its IHA (reg 7(2)).
IHA_EXEMPTION_MONTHS = 3
SDQ_MONTHS = 12  # an SDQ each year (statutory guidance 2015)

COMPLETED, REFUSED, REQUESTED, NOT_RECORDED = "completed", "refused", "requested", "not_recorded"


@dataclass(frozen=True)
class Assessment:
    """A health assessment in plain form (a model row, an import row or a test value)."""

    kind: str  # INITIAL or REVIEW
    completed_on: date | None = None
    requested_on: date | None = None
    refused_on: date | None = None
    key: Hashable = None

    @property
    def anchor(self) -> date | None:
        """The date that places the assessment in a period of care."""
        return self.completed_on or self.refused_on or self.requested_on

    @property
    def done_on(self) -> date | None:
        """The date the assessment was done or refused (its outcome), None while awaited."""
        return self.completed_on or self.refused_on


@dataclass(frozen=True)
class IhaStatus:
    period_start: date
    due: Due
    record: Assessment | None
    outcome: str  # COMPLETED, REFUSED, REQUESTED or NOT_RECORDED
    working_days: int | None  # from becoming looked after to the outcome
    on_time: bool | None  # None while awaited and not yet due

    @property
    def explanation(self) -> str:
        if self.outcome in (COMPLETED, REFUSED) and self.record is not None:
            verb = "Completed" if self.outcome == COMPLETED else "Refused"
            when = format_date(self.record.done_on)
            timing = "in time" if self.on_time else "late"
            return (
                f"{verb} {when}, {self.working_days} working days after the child became"
                f" looked after: {timing} (due {format_date(self.due.date)})."
            )
        return self.due.explanation


@dataclass(frozen=True)
class ReviewAssessment:
    record: Assessment
    due: Due | None  # None when there was no earlier assessment to count from
    on_time: bool | None


@dataclass(frozen=True)
class HealthStatus:
    """The health-assessment schedule of a child's latest period of care on ``today``."""

    period: Period | None
    looked_after: bool
    iha: IhaStatus | None
    reviews: tuple[ReviewAssessment, ...]
    next_review: Due | None
    overdue: tuple[str, ...]  # one sentence per overdue item; empty when none

    @property
    def is_overdue(self) -> bool:
        return bool(self.overdue)


def iha_for_period(
    period: Period,
    assessments: Iterable[Assessment],
    *,
    history_from: date | None = None,
    settings: RuleSettings = DEFAULT,
) -> IhaStatus | None:
    """The IHA of ``period``: the first initial assessment placed in it, and its timing.

    None for a period that began before the records held here (its first episode is not
    RNE ``S``, or it began before ``history_from``, the date from which the records are
    complete). An assessment belongs to the period if its date falls from 3 months before
    the start to the period's end.
    """
    if not period.start_known or (history_from is not None and period.start < history_from):
        return None
    due = iha_due(period.start, settings=settings)
    earliest = add_months(period.start, -IHA_EXEMPTION_MONTHS)
    mine = [
        a
        for a in assessments
        if a.kind == INITIAL
        and a.anchor is not None
        and earliest <= a.anchor
        and (period.end is None or a.anchor <= period.end)
    ]
    done = sorted((a for a in mine if a.done_on), key=lambda a: a.done_on)
    if done:
        record = done[0]
        outcome = COMPLETED if record.completed_on else REFUSED
        days = max(0, working_days_between(period.start, record.done_on))
        return IhaStatus(period.start, due, record, outcome, days, record.done_on <= due.date)
    record = min(mine, key=lambda a: a.anchor) if mine else None
    return IhaStatus(period.start, due, record, REQUESTED if record else NOT_RECORDED, None, None)


def _refused_due(refused_on: date, dob: date, settings: RuleSettings) -> Due:
    # A refusal is not an assessment, but the child is offered one again at the interval
    # that would have applied: the schedule runs on from the date of the refusal.
    due = review_health_assessment_due(refused_on, dob, settings=settings)
    text = due.explanation.replace(
        "the last health assessment on", "the health assessment refused on"
    )
    return Due(due.date, text, due.rule)


def health_status(
    dob: date,
    episodes: Iterable[EpisodeLike],
    assessments: Sequence[Assessment],
    today: date,
    *,
    history_from: date | None = None,
    settings: RuleSettings = DEFAULT,
) -> HealthStatus:
    """Where the child's health assessments stand on ``today``.

    Looks at the latest period of care only: an earlier period's assessments were due
    then. Each review assessment carries the due date it had (counted from the assessment
    before it); ``next_review`` counts from the latest one done. A missing IHA stops being
    flagged once a review assessment has been done in the period: it can no longer inform
    the first review, and the review schedule has taken over.
    """
    periods = periods_of_care(episodes)
    if not periods:
        return HealthStatus(None, False, None, (), None, ())
    period = periods[-1]
    looked_after = period.contains(today) and (period.end is None or today < period.end)
    iha = iha_for_period(period, assessments, history_from=history_from, settings=settings)
    earliest = add_months(period.start, -IHA_EXEMPTION_MONTHS)
    in_period = sorted(
        (
            a
            for a in assessments
            if a.done_on is not None
            and earliest <= a.done_on
            and (period.end is None or a.done_on <= period.end)
            and (a.kind == REVIEW or (iha is not None and a == iha.record))
        ),
        key=lambda a: a.done_on,
    )
    reviews: list[ReviewAssessment] = []
    previous: Assessment | None = None
    for item in in_period:
        if item.kind == REVIEW:
            due = _due_after(previous, dob, settings) if previous else None
            on_time = None if due is None else item.done_on <= due.date
            reviews.append(ReviewAssessment(item, due, on_time))
        previous = item
    next_review = _due_after(previous, dob, settings) if previous else None

    overdue: list[str] = []
    if looked_after:
        awaited = iha is not None and iha.outcome in (REQUESTED, NOT_RECORDED)
        if awaited and not reviews and today > iha.due.date:
            state = "requested but not done" if iha.outcome == REQUESTED else "not recorded"
            overdue.append(f"Initial health assessment {state}: due {format_date(iha.due.date)}.")
        if next_review is not None and today > next_review.date:
            when = format_date(next_review.date)
            overdue.append(f"Review health assessment overdue: due {when}.")
    return HealthStatus(period, looked_after, iha, tuple(reviews), next_review, tuple(overdue))


def _due_after(previous: Assessment, dob: date, settings: RuleSettings) -> Due:
    if previous.completed_on is None and previous.refused_on is not None:
        return _refused_due(previous.refused_on, dob, settings)
    return review_health_assessment_due(previous.done_on, dob, settings=settings)


def yearly_due(last: date | None, period_start: date, months: int, what: str) -> Due:
    """A yearly check (dental, SDQ): ``months`` after the last one, or after care began."""
    if last is not None:
        due = add_months(last, months)
        text = f"Due {format_date(due)}: {months} months after the last {what} on"
        return Due(due, f"{text} {format_date(last)}.", f"{what}-yearly")
    due = add_months(period_start, months)
    text = (
        f"Due {format_date(due)}: no {what} recorded, and {months} months after the child"
        f" became looked after on {format_date(period_start)}."
    )
    return Due(due, text, f"{what}-first")


def sdq_expected(dob: date, on: date, *, settings: RuleSettings = DEFAULT) -> bool:
    """True if an SDQ is expected for a child of this age on ``on`` (4 to 16 inclusive)."""
    low, high = settings.sdq_ages
    age = on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))
    return low <= age <= high
