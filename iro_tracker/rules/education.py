"""Personal Education Plans: when the first is due and when each review is due (research E-1, E-2).

- **Initial PEP**: 10 working days after the child became looked after (the care-plan
  deadline for an emergency placement; a setting).
- **Reviews**: one in every school term (a setting: the terms are data, so an authority
  that reviews twice a year lists two "terms"). The next review is due by the end of the
  term after the one in which the last PEP was held.
- A PEP is expected from the age of 3 (early years) while the child is looked after.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from iro_tracker.rules.calendar import add_working_days, bank_holidays_between, format_date
from iro_tracker.rules.periods import EpisodeLike, Period, periods_of_care
from iro_tracker.rules.settings import DEFAULT, RuleSettings
from iro_tracker.rules.timescales import Due

GOOD, REQUIRES_IMPROVEMENT, INADEQUATE = "good", "requires_improvement", "inadequate"
QUALITY = (
    (GOOD, "Good"),
    (REQUIRES_IMPROVEMENT, "Requires improvement"),
    (INADEQUATE, "Inadequate"),
)


@dataclass(frozen=True)
class Pep:
    held_on: date
    quality: str = ""
    key: Hashable = None


@dataclass(frozen=True)
class Term:
    name: str
    start: date
    end: date


@dataclass(frozen=True)
class PepStatus:
    period: Period | None
    expected: bool  # looked after and of PEP age
    initial_due: Due | None
    initial: Pep | None
    initial_on_time: bool | None
    last: Pep | None
    next_due: Due | None
    overdue: tuple[str, ...]


def age_on(dob: date, d: date) -> int:
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def initial_pep_due(period_start: date, *, settings: RuleSettings = DEFAULT) -> Due:
    """The first PEP: ``pep_initial_working_days`` after the child became looked after."""
    n = settings.pep_initial_working_days
    due = add_working_days(period_start, n)
    skipped = bank_holidays_between(period_start, due)
    text = (
        f"Due {format_date(due)}: {n} working days after the child became looked after on"
        f" {format_date(period_start)}"
    )
    if skipped:
        text += f", skipping {', '.join(format_date(d) for d, _ in skipped)} (bank holiday)"
    return Due(due, f"{text}.", "pep-initial")


def term_of(d: date, *, settings: RuleSettings = DEFAULT) -> Term:
    """The school term that contains ``d`` (terms run from one start to the next)."""
    starts = sorted(
        (date(year, month, day), name)
        for year in (d.year - 1, d.year, d.year + 1)
        for month, day, name in settings.pep_terms
    )
    for (start, name), (following, _) in zip(starts, starts[1:], strict=False):
        if start <= d < following:
            return Term(name, start, following - timedelta(days=1))
    raise ValueError("pep_terms must not be empty")  # pragma: no cover


def next_pep_due(last: date, *, settings: RuleSettings = DEFAULT) -> Due:
    """A PEP review is due by the end of the term after the one the last PEP was in."""
    current = term_of(last, settings=settings)
    following = term_of(current.end + timedelta(days=1), settings=settings)
    text = (
        f"Due {format_date(following.end)}: a PEP is reviewed each term; the last one, on"
        f" {format_date(last)}, was in the {current.name} term, so the next is due by the end"
        f" of the {following.name} term."
    )
    return Due(following.end, text, "pep-termly")


def pep_status(
    dob: date,
    episodes: Iterable[EpisodeLike],
    peps: Sequence[Pep],
    today: date,
    *,
    settings: RuleSettings = DEFAULT,
) -> PepStatus:
    """Where the child's PEPs stand on ``today`` in their latest period of care."""
    periods = periods_of_care(episodes)
    if not periods:
        return PepStatus(None, False, None, None, None, None, None, ())
    period = periods[-1]
    looked_after = period.start <= today and (period.end is None or today < period.end)
    in_period = sorted(
        (p for p in peps if _in(period, p.held_on)),
        key=lambda p: p.held_on,
    )
    # A child who turns 3 in care needs a PEP from then: count the deadline from that day.
    third = _birthday(dob, settings.pep_from_age)
    starts_from = max(period.start, third)
    initial_due = initial_pep_due(starts_from, settings=settings) if period.start_known else None
    initial = in_period[0] if in_period else None
    initial_on_time = None
    if initial is not None and initial_due is not None:
        initial_on_time = initial.held_on <= initial_due.date
    last = in_period[-1] if in_period else None
    next_due = next_pep_due(last.held_on, settings=settings) if last else None
    expected = looked_after and age_on(dob, today) >= settings.pep_from_age
    overdue: list[str] = []
    if expected:
        if initial is None and initial_due is not None and today > initial_due.date:
            overdue.append(f"No PEP recorded: the first was due {format_date(initial_due.date)}.")
        if next_due is not None and today > next_due.date:
            overdue.append(f"PEP review overdue: due {format_date(next_due.date)}.")
    return PepStatus(
        period, expected, initial_due, initial, initial_on_time, last, next_due, tuple(overdue)
    )


def _in(period: Period, d: date) -> bool:
    return period.start <= d and (period.end is None or d <= period.end)


def _birthday(dob: date, years: int) -> date:
    try:
        return dob.replace(year=dob.year + years)
    except ValueError:  # 29 February in a year without one: 1 March (UK convention)
        return date(dob.year + years, 3, 1)
