"""Quality-assurance figures from the IRO's outcome records, for the annual report and dashboard.

No Django: ``outcomes.reporting`` turns the database into ``QARow``s; tests build them by hand.
The figures answer the seed report's questions (§9.9-9.13): were the health assessment and
the PEP up to date, how good was the care plan, did the child get their letter in time, and
were the decisions and the record circulated within the unit's timescales (RULES.md "Around
the review": 5 and 20 working days; the letter within ``letter_working_days``, default 5).

Definitions (over held reviews with an outcome record whose date falls in the period):

- ``reviews_with_outcome_record``; ``reviews_with_qa`` (at least one QA answer).
- ``health_assessment_up_to_date`` and ``pep_up_to_date``: counts of ``yes``, ``no`` and
  ``not_applicable`` answers; ``yes_percent`` = yes ÷ (yes + no): "not applicable" and
  unanswered reviews are left out of the denominator.
- ``care_plan_quality``: counts per rating (``good``, ``requires_improvement``,
  ``inadequate``, ``not_seen``); ``good_percent`` = good ÷ the reviews rated (not_seen left out).
- ``by_question``: counts per rating for every question answered, by question code.
- ``letters``, ``decisions_circulated``, ``records_circulated``: ``within_timescale`` (done on
  or before the due date), ``late`` (done after it, or not done and the due date has passed by
  ``as_of``), ``awaiting`` (not done, due date not yet passed: left out of the percentage) and
  ``within_timescale_percent`` = within ÷ (within + late). ``timescale`` says which rule.

Keys follow ``suppression``'s convention (``x_percent`` beside its numerator ``x``), so the
published report suppresses them like every other figure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from iro_tracker.rules.calendar import add_working_days, bank_holidays_between, format_date
from iro_tracker.rules.metrics.snapshot import ReportingYear, percent
from iro_tracker.rules.settings import DEFAULT, RuleSettings
from iro_tracker.rules.timescales import Due, decisions_circulation_due, record_circulation_due

LETTER_WORKING_DAYS = 5
YES_NO = ("yes", "no", "not_applicable")
QUALITY = ("good", "requires_improvement", "inadequate", "not_seen")


@dataclass(frozen=True)
class QARow:
    """One held review's outcome record: its QA answers (question code -> rating) and dates."""

    review_id: str
    child_id: str
    held: date
    answers: Mapping[str, str] = field(default_factory=dict)
    decisions_circulated: date | None = None
    record_circulated: date | None = None
    letter_sent: date | None = None


def letter_due(held: date, working_days: int = LETTER_WORKING_DAYS) -> Due:
    """The letter to the child: ``working_days`` working days after the review (local practice).

    Worded as ``rules.timescales`` words its working-day timescales (the review is day 0).
    """
    due = add_working_days(held, working_days)
    days = f"{working_days} working day{'' if working_days == 1 else 's'}"
    text = f"Due {format_date(due)}: {days} after the review on {format_date(held)}"
    skipped = [d for d, _ in bank_holidays_between(held, due)]
    if skipped:
        noun = "bank holiday" if len(skipped) == 1 else "bank holidays"
        text += f", skipping {', '.join(format_date(d) for d in skipped)} ({noun})"
    return Due(due, f"{text}.", "letter-to-child")


def _answer_counts(rows: list[QARow], code: str, ratings: tuple[str, ...]) -> Counter:
    return Counter(row.answers[code] for row in rows if row.answers.get(code) in ratings)


def _yes_no(rows: list[QARow], code: str) -> dict[str, Any]:
    counts = _answer_counts(rows, code, YES_NO)
    yes, no = counts["yes"], counts["no"]
    return {
        "yes": yes,
        "no": no,
        "not_applicable": counts["not_applicable"],
        "yes_percent": percent(yes, yes + no),
    }


def _quality(rows: list[QARow], code: str) -> dict[str, Any]:
    counts = _answer_counts(rows, code, QUALITY)
    figures: dict[str, Any] = {rating: counts[rating] for rating in QUALITY}
    rated = sum(counts[r] for r in QUALITY if r != "not_seen")
    figures["good_percent"] = percent(counts["good"], rated)
    return figures


def _timeliness(
    rows: list[QARow],
    done: Callable[[QARow], date | None],
    due: Callable[[date], Due],
    as_of: date,
    timescale: str,
) -> dict[str, Any]:
    within = late = awaiting = 0
    for row in rows:
        when, deadline = done(row), due(row.held).date
        if when is not None:
            if when <= deadline:
                within += 1
            else:
                late += 1
        elif deadline < as_of:
            late += 1
        else:
            awaiting += 1
    return {
        "within_timescale": within,
        "late": late,
        "awaiting": awaiting,
        "within_timescale_percent": percent(within, within + late),
        "timescale": timescale,
    }


def qa_figures(
    rows: Iterable[QARow],
    start: date,
    end: date,
    *,
    as_of: date,
    settings: RuleSettings = DEFAULT,
    letter_working_days: int = LETTER_WORKING_DAYS,
) -> dict[str, Any]:
    """The QA figures over reviews held from ``start`` to ``end`` inclusive (module docstring).

    ``as_of`` decides whether something not yet done is late or still awaited: use today for
    the dashboard, and today (or the date the report is run) for the annual report.
    """
    kept = [row for row in rows if start <= row.held <= end]
    by_question: dict[str, dict[str, int]] = {}
    for row in kept:
        for code, rating in row.answers.items():
            by_question.setdefault(code, Counter())[rating] += 1
    decisions_days = settings.decisions_circulation_working_days
    record_days = settings.record_circulation_working_days
    return {
        "reviews_with_outcome_record": len(kept),
        "reviews_with_qa": sum(1 for row in kept if row.answers),
        "health_assessment_up_to_date": _yes_no(kept, "health_assessment_up_to_date"),
        "pep_up_to_date": _yes_no(kept, "pep_up_to_date"),
        "care_plan_quality": _quality(kept, "care_plan_quality"),
        "by_question": {code: dict(sorted(c.items())) for code, c in sorted(by_question.items())},
        "letters": _timeliness(
            kept,
            lambda r: r.letter_sent,
            lambda held: letter_due(held, letter_working_days),
            as_of,
            f"{letter_working_days} working days after the review",
        ),
        "decisions_circulated": _timeliness(
            kept,
            lambda r: r.decisions_circulated,
            lambda held: decisions_circulation_due(held, settings=settings),
            as_of,
            f"{decisions_days} working days after the review",
        ),
        "records_circulated": _timeliness(
            kept,
            lambda r: r.record_circulated,
            lambda held: record_circulation_due(held, settings=settings),
            as_of,
            f"{record_days} working days after the review",
        ),
    }


def qa_for_year(
    rows: Iterable[QARow],
    year: int,
    *,
    as_of: date,
    settings: RuleSettings = DEFAULT,
    letter_working_days: int = LETTER_WORKING_DAYS,
) -> dict[str, Any]:
    """``qa_figures`` for reporting year ``year`` (1 April ``year`` to 31 March ``year + 1``)."""
    ry = ReportingYear(year)
    return qa_figures(
        rows,
        ry.start,
        ry.end,
        as_of=as_of,
        settings=settings,
        letter_working_days=letter_working_days,
    )
