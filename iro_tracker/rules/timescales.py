"""Statutory and local-practice due dates, each explaining itself in one sentence.

The rules are those of /work/shared/domain/RULES.md; every number comes from
``RuleSettings`` so a local authority can change it without touching code. A working-day
timescale counts from day 0 (the event) and names any bank holidays it skipped; a month
timescale uses the corresponding date, or the month's last day when there is none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from iro_tracker.rules.calendar import (
    add_months,
    add_working_days,
    bank_holidays_between,
    format_date,
    format_date_list,
    subtract_working_days,
)
from iro_tracker.rules.settings import DEFAULT, RuleSettings

_1991_REGS = "the Review of Children's Cases Regulations 1991"
_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()


@dataclass(frozen=True)
class Due:
    date: date
    explanation: str
    rule: str


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _skipping(holidays: list[tuple[date, str]]) -> str:
    if not holidays:
        return ""
    noun = "bank holiday" if len(holidays) == 1 else "bank holidays"
    return f", skipping {format_date_list([d for d, _ in holidays])} ({noun})"


def _after_working_days(start: date, n: int, event: str, rule: str) -> Due:
    due = add_working_days(start, n)
    skipped = bank_holidays_between(start, due)
    when = f"{event} {format_date(start)}" if event else format_date(start)
    text = f"Due {format_date(due)}: {_plural(n, 'working day')} after {when}"
    return Due(due, f"{text}{_skipping(skipped)}.", rule)


def _after_months(start: date, n: int, event: str, rule: str, note: str = "") -> Due:
    due = add_months(start, n)
    text = f"Due {format_date(due)}: {_plural(n, 'month')} after {event} {format_date(start)}"
    text += note
    if due.day != start.day:
        month = _MONTH_NAMES[due.month - 1]
        # Only a 29th needs the year: other days are missing from the month every year.
        if start.day == 29:
            month = f"{month} {due.year}"
        text += f"; {month} has no {_ordinal(start.day)}, so the last day of the month"
    return Due(due, f"{text}.", rule)


# Looked-after children's reviews ------------------------------------------------------


def first_review_due(period_start: date, *, settings: RuleSettings = DEFAULT) -> Due:
    """Review 1: 20 working days after the period of care began (CPPCR 2010 reg 33(1)).

    A period that began before 1 April 2011 has 28 calendar days instead (Review of
    Children's Cases Regulations 1991), the rule in force when the duty arose.
    """
    if period_start < settings.reg33_change_date:
        days = settings.pre_2011_first_review_days
        due = period_start + timedelta(days=days)
        text = (
            f"Due {format_date(due)}: {days} days after {format_date(period_start)}, under"
            f" {_1991_REGS} because the period of care began before"
            f" {format_date(settings.reg33_change_date)}."
        )
        return Due(due, text, "1991-first")
    return _after_working_days(period_start, settings.first_review_working_days, "", "reg33-first")


def next_review_due(
    period_start: date,
    held_dates: Sequence[date],
    *,
    short_break: bool = False,
    settings: RuleSettings = DEFAULT,
) -> Due:
    """The due date of review number ``len(held_dates) + 1`` in a period of care.

    ``held_dates`` are the actual dates of the period's earlier reviews, oldest first.
    Review 2 is due 3 months after review 1 was held and each later review 6 months after
    the one before, so an early or late review moves the next one with it. For a short-
    break series (reg 48) ``period_start`` is the first break: review 1 is due 3 months
    after it, then every 6 months.
    """
    # Only the last two dates decide the next due date, so only they are checked: checking
    # the whole list made scheduling a long period quadratic.
    if len(held_dates) >= 2 and held_dates[-1] < held_dates[-2]:
        raise ValueError("held_dates must be in ascending order")
    number = len(held_dates) + 1
    if short_break:
        if number == 1:
            return _after_months(
                period_start,
                settings.short_break_first_months,
                "the first short break on",
                "reg48-first",
            )
        return _after_months(
            held_dates[-1],
            settings.short_break_subsequent_months,
            f"review {number - 1} held on",
            "reg48-subsequent",
        )
    if number == 1:
        return first_review_due(period_start, settings=settings)
    previous = held_dates[-1]
    if number == 2:
        months, stage = settings.second_review_months, "second"
    else:
        months, stage = settings.subsequent_review_months, "subsequent"
    # The intervals were the same under the 1991 regulations; only the citation differs,
    # decided by the date the duty arose (the previous review).
    if previous < settings.reg33_change_date:
        return _after_months(
            previous,
            months,
            f"review {number - 1} held on",
            f"1991-{stage}",
            note=f", under {_1991_REGS}",
        )
    return _after_months(previous, months, f"review {number - 1} held on", f"reg33-{stage}")


def review_schedule(
    period_start: date,
    held_dates: Sequence[date],
    *,
    short_break: bool = False,
    settings: RuleSettings = DEFAULT,
) -> list[Due]:
    """The due date of each held review, then of the next one (``len(held_dates) + 1``)."""
    return [
        next_review_due(period_start, held_dates[:i], short_break=short_break, settings=settings)
        for i in range(len(held_dates) + 1)
    ]


def counted_review_dates(
    reviews: Iterable[tuple[date, bool]], *, settings: RuleSettings = DEFAULT
) -> list[date]:
    """The review dates that count in the statutory sequence, oldest first.

    ``reviews`` pairs each held date with whether it was an extra (brought-forward)
    review. By default an extra review counts and restarts the clock (reg 33(2) read
    literally); with ``brought_forward_resets_clock=False`` it is left out, so the planned
    schedule stands. Pass the result to ``next_review_due`` or ``review_schedule``.
    """
    return sorted(
        held for held, extra in reviews if settings.brought_forward_resets_clock or not extra
    )


def _due_date(due: Due | date) -> date:
    return due.date if isinstance(due, Due) else due


def is_on_time(held: date, due: Due | date) -> bool:
    """True if the event on ``held`` met the due date (on or before it)."""
    return held <= _due_date(due)


def days_late(held: date, due: Due | date) -> int:
    """Calendar days after the due date (0 if on time)."""
    return max(0, (held - _due_date(due)).days)


def adjournment_deadline(adjourned_on: date, *, settings: RuleSettings = DEFAULT) -> Due:
    """Latest completion of an adjourned review: 20 working days after adjourning (reg 36).

    The original meeting date stays the review date for timeliness; a completion after
    this deadline is flagged.
    """
    return _after_working_days(
        adjourned_on,
        settings.adjournment_max_working_days,
        "the review was adjourned on",
        "reg36-adjournment",
    )


def documents_due(review_date: date, *, settings: RuleSettings = DEFAULT) -> Due:
    """The latest date the care plan and pre-meeting report may reach the IRO.

    Counts back 3 working days from the review (the review day is day 0), so for a
    Thursday review with no bank holidays the documents are due on the Monday.
    """
    n = settings.documents_working_days_before
    due = subtract_working_days(review_date, n)
    skipped = bank_holidays_between(due, review_date - timedelta(days=1))
    text = (
        f"Due {format_date(due)}: {_plural(n, 'working day')} before the review on"
        f" {format_date(review_date)}"
    )
    return Due(due, f"{text}{_skipping(skipped)}.", "documents-before-review")


def decisions_circulation_due(review_date: date, *, settings: RuleSettings = DEFAULT) -> Due:
    """Review decisions circulated: 5 working days after the review (local practice)."""
    return _after_working_days(
        review_date,
        settings.decisions_circulation_working_days,
        "the review on",
        "decisions-circulation",
    )


def record_circulation_due(review_date: date, *, settings: RuleSettings = DEFAULT) -> Due:
    """Full review record circulated: 20 working days after the review (local practice)."""
    return _after_working_days(
        review_date, settings.record_circulation_working_days, "the review on", "record-circulation"
    )


def iro_allocation_due(period_start: date, *, settings: RuleSettings = DEFAULT) -> Due:
    """IRO appointed: 5 working days after the period of care began (good practice).

    The statutory test, appointment before the first review, is a comparison of two
    recorded dates and needs no due date.
    """
    return _after_working_days(
        period_start,
        settings.iro_allocation_working_days,
        "the period of care began on",
        "iro-allocation",
    )


# Health ---------------------------------------------------------------------------------


def iha_due(became_looked_after: date, *, settings: RuleSettings = DEFAULT) -> Due:
    """Initial health assessment: 20 working days after becoming looked after."""
    return _after_working_days(
        became_looked_after, settings.iha_working_days, "the child became looked after on", "iha"
    )


def fifth_birthday(child_dob: date) -> date:
    """The date the child turns 5.

    A child born on 29 February turns 5 on 1 March, the UK convention for a leap-day
    birthday in a year without one (5 years on is never a leap year).
    """
    if child_dob.month == 2 and child_dob.day == 29:
        return date(child_dob.year + 5, 3, 1)
    return child_dob.replace(year=child_dob.year + 5)


def review_health_assessment_due(
    last_assessment: date, child_dob: date, *, settings: RuleSettings = DEFAULT
) -> Due:
    """Next review health assessment: 6 months after the last one under 5, else 12.

    The interval is decided by the child's age on the date of the last assessment. A
    child under 5 then is due again in 6 months even if they turn 5 before that date:
    the stricter reading, which never lets an under-5 go longer than 6 months.
    """
    if last_assessment < fifth_birthday(child_dob):
        return _after_months(
            last_assessment,
            settings.rha_under5_months,
            "the last health assessment on",
            "rha-under5",
            note=" (the child was under 5 then)",
        )
    return _after_months(
        last_assessment,
        settings.rha_5plus_months,
        "the last health assessment on",
        "rha-5plus",
        note=" (the child was 5 or over then)",
    )


# Issues resolution ----------------------------------------------------------------------


def dispute_resolution_due(formal_start: date, *, settings: RuleSettings = DEFAULT) -> Due:
    """Formal dispute resolved: 20 working days after it was raised (IRO Handbook ch. 6)."""
    return _after_working_days(
        formal_start,
        settings.dispute_formal_working_days,
        "the dispute was formally raised on",
        "dispute-formal",
    )


# Child protection -----------------------------------------------------------------------


def initial_conference_due(strategy_discussion: date, *, settings: RuleSettings = DEFAULT) -> Due:
    """Initial child protection conference: 15 working days after the strategy discussion
    that started the s47 enquiry (Working Together).

    For the CIN-census basis pass the s47 start date instead.
    """
    return _after_working_days(
        strategy_discussion, settings.icpc_working_days, "the strategy discussion on", "icpc"
    )


def cp_review_due(
    initial_conference_or_previous: date, is_first: bool, *, settings: RuleSettings = DEFAULT
) -> Due:
    """Child protection review conference: 3 months after the initial conference for the
    first, then 6 months after the previous review conference (Working Together).
    """
    if is_first:
        return _after_months(
            initial_conference_or_previous,
            settings.cp_first_review_months,
            "the initial conference on",
            "cp-first-review",
        )
    return _after_months(
        initial_conference_or_previous,
        settings.cp_subsequent_review_months,
        "the previous review conference on",
        "cp-subsequent-review",
    )


def core_group_due(initial_conference: date, *, settings: RuleSettings = DEFAULT) -> Due:
    """First core group: 10 working days after the initial conference (Working Together)."""
    return _after_working_days(
        initial_conference,
        settings.core_group_working_days,
        "the initial conference on",
        "core-group",
    )
