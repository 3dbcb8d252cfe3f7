"""Every change to a review goes through one of these functions.

Each owns its transaction, checks what cannot be true (raising ``ValidationError`` with a
message per field, so a form can show it beside the field) and leaves the child's schedule
right: the held reviews numbered in their periods and exactly one pending review with its due
date and the sentence that explains it. The change history (who and when) is written by
simple-history from the user passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from iro_tracker.audit.changes import check_version
from iro_tracker.children.models import Child, Source
from iro_tracker.reviews.models import Review, Status
from iro_tracker.reviews.scheduling import refresh_schedules
from iro_tracker.reviews.signals import documents_recorded
from iro_tracker.rules import codes
from iro_tracker.rules.calendar import format_date
from iro_tracker.rules.settings import DEFAULT as RULES
from iro_tracker.rules.timescales import adjournment_deadline

PARTICIPATION_AGE = 4  # PN0 means "under 4 at the time of the review" (903 guidance)


def today() -> date:
    return timezone.localdate()


def _save(review: Review, user, fields: list[str] | None = None) -> None:
    if user is not None:
        review._history_user = user
    if review.pk is not None:
        review.version += 1  # the row is locked (select_for_update) by every caller
    review.save(update_fields=[*fields, "updated_at", "version"] if fields else None)


# --- the schedule ---------------------------------------------------------------------------


def refresh_schedule(child: Child, *, user=None, as_of: date | None = None) -> Review | None:
    """Renumber the child's held reviews and keep one pending review with the right due date.

    Called after any change to the child's episodes or reviews. Returns the pending review, or
    None when the child is no longer looked after (any pending review is then cancelled).
    """
    return refresh_schedules([child.pk], user=user, as_of=as_of)[child.pk]


# --- recording a review ---------------------------------------------------------------------


@dataclass
class ReviewOutcome:
    held_date: date
    participation: str
    chair: object
    late_reason: str = ""
    late_reason_note: str = ""
    care_plan_received: date | None = None
    pre_meeting_report_received: date | None = None


def _check_held(review: Review, outcome: ReviewOutcome) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    child = review.child
    held = outcome.held_date
    if held > today():
        errors["held_date"] = [f"The date held cannot be in the future ({format_date(held)})."]
    start = review.period_start or _first_episode_start(child)
    if start is not None and held < start:
        errors["held_date"] = [
            f"The date held ({format_date(held)}) is before the period of care started"
            f" ({format_date(start)})."
        ]
    duplicate = child.reviews.filter(status=Status.HELD, held_date=held).exclude(pk=review.pk)
    if duplicate.exists():
        errors["held_date"] = [f"A review held on {format_date(held)} is already recorded."]
    age = child.age_on(held)
    code = outcome.participation
    if code not in codes.PARTICIPATION:
        errors["participation"] = ["Choose how the child took part."]
    elif code == "PN0" and age >= PARTICIPATION_AGE:
        errors["participation"] = [
            f"PN0 is only for a child under 4; {child.display_name} was {age} on"
            f" {format_date(held)}."
        ]
    elif code != "PN0" and age < PARTICIPATION_AGE:
        errors["participation"] = [
            f"{child.display_name} was under 4 on {format_date(held)}: the code must be PN0."
        ]
    if outcome.chair is None:
        errors["chair"] = ["Choose who chaired the review."]
    if review.due_date is not None and held > review.due_date:
        if not outcome.late_reason:
            errors["late_reason"] = [
                f"The review is {(held - review.due_date).days} days late (due"
                f" {format_date(review.due_date)}): give the reason."
            ]
        elif outcome.late_reason == "OTHER" and not outcome.late_reason_note.strip():
            errors["late_reason_note"] = ["Say what the other reason was."]
    for field in ("care_plan_received", "pre_meeting_report_received"):
        received = getattr(outcome, field)
        if received is not None and received > today():
            errors[field] = ["The date received cannot be in the future."]
    return errors


def _first_episode_start(child: Child) -> date | None:
    first = child.episodes.order_by("decom").first()
    return first.decom if first else None


@transaction.atomic
def record_review(
    review: Review, outcome: ReviewOutcome, *, user, expected_version: int | None = None
) -> Review | None:
    """Record a pending review as held. Returns the next review now due (or None).

    ``expected_version`` is the version the form showed: a review changed since is refused
    with what changed (``audit.changes.StaleEditError``).
    """
    review = Review.objects.select_for_update().select_related("child").get(pk=review.pk)
    check_version(review, expected_version, "review")
    if review.status not in (Status.DUE, Status.SCHEDULED):
        raise ValidationError({"held_date": ["This review has already been recorded."]})
    # The held date may fall in a different place in the sequence than the one planned
    # (e.g. an extra review): check lateness against the due date it will actually have.
    errors = _check_held(review, outcome)
    if errors:
        raise ValidationError(errors)
    late = review.due_date is not None and outcome.held_date > review.due_date
    review.held_date = outcome.held_date
    review.participation = outcome.participation
    review.chair = outcome.chair
    review.late_reason = outcome.late_reason if late else ""
    review.late_reason_note = outcome.late_reason_note if late else ""
    review.care_plan_received = outcome.care_plan_received
    review.pre_meeting_report_received = outcome.pre_meeting_report_received
    review.status = Status.HELD
    _save(review, user)
    documents_recorded.send(sender=Review, review=review, user=user)
    return refresh_schedule(review.child, user=user)


@transaction.atomic
def schedule_review(
    review: Review,
    *,
    scheduled_date: date,
    chair=None,
    user,
    expected_version: int | None = None,
) -> Review:
    """Book a date (and optionally a chair) for a pending review."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    check_version(review, expected_version, "review")
    if review.status not in (Status.DUE, Status.SCHEDULED):
        raise ValidationError({"scheduled_date": ["Only a review not yet held can be booked."]})
    if review.period_start and scheduled_date < review.period_start:
        raise ValidationError(
            {"scheduled_date": ["The date is before the child's period of care started."]}
        )
    review.scheduled_date = scheduled_date
    if chair is not None:
        review.chair = chair
    review.status = Status.SCHEDULED
    _save(review, user)
    return review


@transaction.atomic
def record_documents(
    review: Review,
    *,
    care_plan: date | None,
    pre_meeting_report: date | None,
    user,
    expected_version: int | None = None,
) -> Review:
    review = Review.objects.select_for_update().get(pk=review.pk)
    check_version(review, expected_version, "review")
    errors = {}
    for field, value in (
        ("care_plan_received", care_plan),
        ("pre_meeting_report_received", pre_meeting_report),
    ):
        if value is not None and value > today():
            errors[field] = ["The date received cannot be in the future."]
    if errors:
        raise ValidationError(errors)
    review.care_plan_received = care_plan
    review.pre_meeting_report_received = pre_meeting_report
    _save(review, user)
    documents_recorded.send(sender=Review, review=review, user=user)
    return review


# --- adjournment (reg 36) -------------------------------------------------------------------


@transaction.atomic
def adjourn_review(
    review: Review, *, meeting_date: date, reason: str, user, expected_version: int | None = None
) -> Review:
    """The IRO adjourns the meeting. Once only, for at most 20 working days (reg 36(2)).

    The meeting date stays the review's date for timeliness, so the next review's clock runs
    from it; the completion date is recorded separately.
    """
    review = Review.objects.select_for_update().select_related("child").get(pk=review.pk)
    check_version(review, expected_version, "review")
    if review.adjourned_on is not None or review.status == Status.ADJOURNED:
        raise ValidationError(
            {"meeting_date": ["This review has already been adjourned once: it cannot be again."]}
        )
    if review.status not in (Status.DUE, Status.SCHEDULED):
        raise ValidationError({"meeting_date": ["Only a review not yet held can be adjourned."]})
    errors = {}
    if meeting_date > today():
        errors["meeting_date"] = ["The meeting date cannot be in the future."]
    if not reason.strip():
        errors["reason"] = ["Say why the review was adjourned."]
    if errors:
        raise ValidationError(errors)
    review.status = Status.ADJOURNED
    review.held_date = meeting_date
    review.adjourned_on = meeting_date
    review.adjourned_reason = reason
    _save(review, user)
    refresh_schedule(review.child, user=user)
    return review


def adjournment_due(review: Review):
    return adjournment_deadline(review.adjourned_on) if review.adjourned_on else None


def completion_overdue(review: Review) -> bool:
    """True when an adjourned review was (or is still not) completed within 20 working days."""
    if review.adjourned_on is None:
        return False
    deadline = adjournment_deadline(review.adjourned_on, settings=RULES).date
    return (review.completed_date or today()) > deadline


@transaction.atomic
def complete_adjourned_review(
    review: Review,
    outcome: ReviewOutcome,
    *,
    completed_date: date,
    user,
    expected_version: int | None = None,
) -> Review | None:
    review = Review.objects.select_for_update().select_related("child").get(pk=review.pk)
    check_version(review, expected_version, "review")
    if review.status != Status.ADJOURNED:
        raise ValidationError({"completed_date": ["This review is not adjourned."]})
    outcome.held_date = review.held_date
    errors = _check_held(review, outcome)
    if completed_date < review.adjourned_on:
        errors["completed_date"] = ["The review cannot be completed before it was adjourned."]
    elif completed_date > today():
        errors["completed_date"] = ["The completion date cannot be in the future."]
    if errors:
        raise ValidationError(errors)
    late = review.due_date is not None and review.held_date > review.due_date
    review.participation = outcome.participation
    review.chair = outcome.chair
    review.late_reason = outcome.late_reason if late else ""
    review.late_reason_note = outcome.late_reason_note if late else ""
    review.completed_date = completed_date
    review.status = Status.HELD
    _save(review, user)
    return refresh_schedule(review.child, user=user)


# --- imported or generated history ----------------------------------------------------------


def add_held_review(
    child: Child,
    *,
    held_date: date,
    participation: str,
    chair=None,
    source=Source.ENTERED,
    late_reason: str = "",
    user=None,
) -> Review:
    """Record a past review without the form's checks (imports and demo data)."""
    review = Review(
        child=child,
        held_date=held_date,
        participation=participation,
        chair=chair,
        status=Status.HELD,
        source=source,
        late_reason=late_reason,
    )
    _save(review, user)
    return review
