"""Every change to an outcome record goes through one of these functions.

Each owns its transaction, checks what cannot be true (raising ``ValidationError`` with a
message per field, so a form can show it beside the field) and passes the user on to
simple-history. The letter's versions have their own functions in ``outcomes.letters``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from iro_tracker.outcomes.models import (
    RATINGS,
    Attendee,
    AttendeeRole,
    Decision,
    DecisionStatus,
    Gathered,
    OutcomeRecord,
    QAAnswer,
    QAKind,
    QAQuestion,
)
from iro_tracker.reviews.models import Review, Status
from iro_tracker.rules.calendar import format_date


def today() -> date:
    return timezone.localdate()


def _by(obj, user):
    if user is not None:
        obj._history_user = user
    return obj


def _held_review(review: Review) -> Review:
    review = Review.objects.select_for_update().select_related("child").get(pk=review.pk)
    if review.status != Status.HELD:
        raise ValidationError("An outcome record is kept only for a review that has been held.")
    return review


def _record_for_update(review: Review, user) -> OutcomeRecord:
    """The review's outcome record, created on the first change (a GET never creates one)."""
    review = _held_review(review)
    record = OutcomeRecord.objects.select_for_update().filter(review=review).first()
    if record is None:
        record = _by(OutcomeRecord(review=review), user)
        record.save()
    record.review = review
    return record


# --- the record of the meeting -----------------------------------------------------------


@dataclass
class MeetingDetails:
    wishes_and_feelings: str
    gathered: list[str]
    spoke_before: bool | None
    spoke_alone: bool | None
    not_alone_reason: str = ""
    attendees: list[tuple[str, str]] = field(default_factory=list)  # (name, role)


def _check_meeting(details: MeetingDetails) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not details.wishes_and_feelings.strip():
        errors["wishes_and_feelings"] = [
            "Record the child's wishes and feelings: they are the letter's 'What you told us'."
        ]
    if not details.gathered:
        errors["gathered"] = ["Say how the child's wishes and feelings were gathered."]
    elif set(details.gathered) - set(Gathered.values):
        errors["gathered"] = ["Choose from the ways listed."]
    if details.spoke_alone is False and not details.not_alone_reason.strip():
        # CPPCR 2010 reg 36(1)(b): the IRO speaks to the child in private before the review
        # unless the child refuses or it is inappropriate; the record says which.
        errors["not_alone_reason"] = ["Say why you did not speak to the child alone."]
    for name, role in details.attendees:
        if not name.strip() or role not in AttendeeRole.values:
            errors["attendees"] = ["Give each person's name and role."]
    return errors


@transaction.atomic
def save_meeting(review: Review, details: MeetingDetails, *, user) -> OutcomeRecord:
    """Record the child's wishes and feelings, how they were gathered and who attended."""
    errors = _check_meeting(details)
    if errors:
        raise ValidationError(errors)
    record = _record_for_update(review, user)
    record.wishes_and_feelings = details.wishes_and_feelings.strip()
    record.gathered = [code for code in Gathered.values if code in details.gathered]
    record.spoke_before = details.spoke_before
    record.spoke_alone = details.spoke_alone
    record.not_alone_reason = (
        details.not_alone_reason.strip() if details.spoke_alone is False else ""
    )
    _by(record, user).save()
    # The attendance list is replaced as a whole; simple-history keeps the rows it replaces.
    for old in record.attendees.all():
        _by(old, user).delete()
    for order, (name, role) in enumerate(details.attendees):
        _by(Attendee(record=record, name=name.strip(), role=role, order=order), user).save()
    return record


# --- decisions ---------------------------------------------------------------------------


@dataclass
class DecisionData:
    text: str
    why: str
    owner: str
    due_date: date
    status: str = DecisionStatus.OPEN
    status_note: str = ""


def _check_decision(data: DecisionData, review: Review) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not data.text.strip():
        errors["text"] = ["Write the decision."]
    if not data.owner.strip():
        errors["owner"] = ["Say who will do it."]
    if data.due_date < review.held_date:
        errors["due_date"] = [
            f"The due date cannot be before the review ({format_date(review.held_date)})."
        ]
    if data.status not in DecisionStatus.values:
        errors["status"] = ["Choose the decision's status."]
    elif data.status == DecisionStatus.DROPPED and not data.status_note.strip():
        errors["status_note"] = ["Say why the decision was dropped."]
    return errors


@transaction.atomic
def add_decision(review: Review, data: DecisionData, *, user) -> Decision:
    """Add a decision to the review's outcome record, numbered after the last one."""
    record = _record_for_update(review, user)
    errors = _check_decision(data, record.review)
    if errors:
        raise ValidationError(errors)
    last = record.decisions.aggregate(n=Max("number"))["n"] or 0
    decision = Decision(record=record, number=last + 1)
    _apply_decision(decision, data)
    _by(decision, user).save()
    return decision


@transaction.atomic
def update_decision(decision: Decision, data: DecisionData, *, user) -> Decision:
    """Change a decision or follow it up: done or dropped (with why) closes it today."""
    decision = (
        Decision.objects.select_for_update().select_related("record__review").get(pk=decision.pk)
    )
    errors = _check_decision(data, decision.record.review)
    if errors:
        raise ValidationError(errors)
    _apply_decision(decision, data)
    _by(decision, user).save()
    return decision


def _apply_decision(decision: Decision, data: DecisionData) -> None:
    was = decision.status if decision.pk else DecisionStatus.OPEN
    decision.text = data.text.strip()
    decision.why = data.why.strip()
    decision.owner = data.owner.strip()
    decision.due_date = data.due_date
    decision.status_note = data.status_note.strip()
    decision.status = data.status
    if data.status == DecisionStatus.OPEN:
        decision.closed_on = None
    elif was == DecisionStatus.OPEN or decision.closed_on is None:
        decision.closed_on = today()


# --- quality assurance -------------------------------------------------------------------


def active_questions():
    return QAQuestion.objects.filter(active=True).order_by("order", "code")


@transaction.atomic
def save_qa(review: Review, answers: dict[int, tuple[str, str]], *, user) -> OutcomeRecord:
    """Save the QA judgements: ``answers`` maps a question's pk to (rating, comment).

    A question left without a rating (and without a comment) has no answer; an earlier
    answer to it is removed.
    """
    questions = {q.pk: q for q in QAQuestion.objects.filter(pk__in=answers)}
    errors: dict[str, list[str]] = {}
    for pk, (rating, comment) in answers.items():
        question = questions.get(pk)
        if question is None:
            errors["__all__"] = ["One of the questions no longer exists: reload the page."]
            continue
        scale = [code for code, _ in RATINGS[QAKind(question.kind)]]
        if rating and rating not in scale:
            errors[f"q{pk}_rating"] = [f"Choose an answer for '{question.text}'."]
        elif comment.strip() and not rating:
            errors[f"q{pk}_rating"] = [
                f"Choose an answer for '{question.text}' or clear the comment."
            ]
    if errors:
        raise ValidationError(errors)
    record = _record_for_update(review, user)
    existing = {a.question_id: a for a in record.qa_answers.all()}
    for pk, (rating, comment) in answers.items():
        answer = existing.get(pk)
        if not rating:
            if answer is not None:
                _by(answer, user).delete()
            continue
        answer = answer or QAAnswer(record=record, question=questions[pk])
        if answer.pk and (answer.rating, answer.comment) == (rating, comment.strip()):
            continue  # unchanged: no history row
        answer.rating, answer.comment = rating, comment.strip()
        _by(answer, user).save()
    return record


# --- circulation -------------------------------------------------------------------------


@transaction.atomic
def record_circulation(
    review: Review, *, decisions_on: date | None, record_on: date | None, user
) -> OutcomeRecord:
    """Record when the decisions and the full record were circulated to professionals."""
    record = _record_for_update(review, user)
    held = record.review.held_date
    errors: dict[str, list[str]] = {}
    for name, value in (
        ("decisions_circulated_on", decisions_on),
        ("record_circulated_on", record_on),
    ):
        if value is None:
            continue
        if value < held:
            errors[name] = [f"The date cannot be before the review ({format_date(held)})."]
        elif value > today():
            errors[name] = ["The date cannot be in the future."]
    if errors:
        raise ValidationError(errors)
    record.decisions_circulated_on = decisions_on
    record.record_circulated_on = record_on
    _by(record, user).save()
    return record
