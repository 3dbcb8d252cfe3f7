"""Read-side queries: outstanding decisions, circulation against its timescales, next review.

Lists run a fixed number of queries whatever their size (the caseload's count of outstanding
decisions is one query for every child on it).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch

from iro_tracker.outcomes import conf
from iro_tracker.outcomes.models import Decision, DecisionStatus, LetterVersion, OutcomeRecord
from iro_tracker.reviews.models import PENDING_STATUSES, Review, Status
from iro_tracker.rules.calendar import format_date, working_days_between
from iro_tracker.rules.metrics.qa import letter_due
from iro_tracker.rules.timescales import Due, decisions_circulation_due, record_circulation_due


def record_for(review: Review) -> OutcomeRecord | None:
    """The review's outcome record with everything its page shows, or None."""
    return (
        OutcomeRecord.objects.filter(review=review)
        .prefetch_related(
            "attendees",
            "decisions",
            "qa_answers__question",
            Prefetch("letters", queryset=LetterVersion.objects.order_by("number")),
        )
        .first()
    )


def next_review(review: Review) -> Review | None:
    """The child's review after ``review``: the next one held, else the one now pending."""
    later = (
        Review.objects.filter(child_id=review.child_id, held_date__gt=review.held_date)
        .exclude(status=Status.CANCELLED)
        .order_by("held_date")
        .first()
    )
    if later is not None:
        return later
    return Review.objects.filter(child_id=review.child_id, status__in=PENDING_STATUSES).first()


# --- decisions followed up ---------------------------------------------------------------


@dataclass
class DecisionRow:
    decision: Decision
    working_days_late: int  # 0 when not yet due
    overdue: bool  # late by more than the setting: offer to raise an issue
    issue_text: str

    @property
    def past_due(self) -> bool:
        return self.working_days_late > 0


def issue_history_text(decision: Decision, today: date, late: int) -> str:
    """The history an issue resolution starts from, ready to copy (issue 7, item 2)."""
    review = decision.record.review
    lines = [
        f"Decision {decision.number} of the review held on {format_date(review.held_date)}:"
        f" {decision.text}",
        f"Who will do it: {decision.owner}. Due by {format_date(decision.due_date)}.",
        f"Still open on {format_date(today)}, {late} working day{'s' if late != 1 else ''}"
        " after it was due.",
    ]
    if decision.status_note:
        lines.append(f"Progress noted: {decision.status_note}")
    return "\n".join(lines)


def decision_row(decision: Decision, today: date) -> DecisionRow:
    late = 0
    if decision.status == DecisionStatus.OPEN and decision.due_date < today:
        late = working_days_between(decision.due_date, today)
    overdue = late > conf.decision_overdue_working_days()
    text = issue_history_text(decision, today, late) if overdue else ""
    return DecisionRow(decision, late, overdue, text)


def open_decisions(child_id: int, today: date, *, before: date | None = None) -> list[DecisionRow]:
    """The child's open decisions, oldest review first; ``before``: from reviews held earlier."""
    decisions = Decision.objects.open().for_child(child_id).with_review()
    if before is not None:
        decisions = decisions.filter(record__review__held_date__lt=before)
    decisions = decisions.order_by("record__review__held_date", "number")
    return [decision_row(d, today) for d in decisions]


def annotate_open_decisions(rows, today: date) -> None:
    """Set ``open_decisions`` and ``overdue_decisions`` on each caseload row (one query)."""
    child_ids = [row.review.child_id for row in rows]
    found: dict[int, list[date]] = defaultdict(list)
    for child_id, due in (
        Decision.objects.open()
        .filter(record__review__child_id__in=child_ids)
        .values_list("record__review__child_id", "due_date")
    ):
        found[child_id].append(due)
    limit = conf.decision_overdue_working_days()
    for row in rows:
        dues = found.get(row.review.child_id, [])
        row.open_decisions = len(dues)
        row.overdue_decisions = sum(
            1 for due in dues if due < today and working_days_between(due, today) > limit
        )


def child_panel(child, held_reviews, today: date) -> dict:
    """What the child's record shows: outstanding decisions and each held review's outcome."""
    review_ids = [r.pk for r in held_reviews if r.status == Status.HELD]
    records = {
        r.review_id: r
        for r in OutcomeRecord.objects.filter(review_id__in=review_ids).prefetch_related(
            Prefetch("letters", queryset=LetterVersion.objects.order_by("number"))
        )
    }
    outcomes = []
    for review in held_reviews:
        if review.status != Status.HELD:
            continue
        record = records.get(review.pk)
        letters = list(record.letters.all()) if record else []
        outcomes.append(
            {"review": review, "record": record, "letter": letters[-1] if letters else None}
        )
    return {
        "decisions": open_decisions(child.pk, today),
        "reviews": outcomes,
        "overdue_limit": conf.decision_overdue_working_days(),
    }


# --- timescales --------------------------------------------------------------------------


@dataclass
class Timeliness:
    label: str
    done_on: date | None
    due: Due
    today: date

    @property
    def within(self) -> bool | None:
        """True if done on or before the due date; False if done late or now overdue."""
        if self.done_on is not None:
            return self.done_on <= self.due.date
        return False if self.today > self.due.date else None

    @property
    def sentence(self) -> str:
        if self.done_on is None:
            state = "Overdue" if self.today > self.due.date else "Not yet done"
        elif self.within:
            state = f"Done {format_date(self.done_on)}, in time"
        else:
            late = working_days_between(self.due.date, self.done_on)
            days = f"{late} working day{'s' if late != 1 else ''}"
            state = f"Done {format_date(self.done_on)}, {days} late"
        return f"{state}. {self.due.explanation}"


def circulation(record: OutcomeRecord | None, review: Review, today: date) -> list[Timeliness]:
    held = review.held_date
    return [
        Timeliness(
            "Decisions circulated",
            record.decisions_circulated_on if record else None,
            decisions_circulation_due(held),
            today,
        ),
        Timeliness(
            "Record circulated",
            record.record_circulated_on if record else None,
            record_circulation_due(held),
            today,
        ),
    ]


def letter_timeliness(review: Review, versions, today: date) -> Timeliness:
    """When the letter was first sent (any final version) against its timescale."""
    sent = [v.sent_on for v in versions if v.sent_on is not None]
    due = letter_due(review.held_date, conf.letter_working_days())
    return Timeliness("Letter sent to the child", min(sent) if sent else None, due, today)
