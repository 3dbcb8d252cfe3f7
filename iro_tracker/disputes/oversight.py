"""The IRO's oversight between reviews: recording it, and where each child stands.

Midway meetings (IRO with social worker) and contacts with the child are local practice, not
statute (LAC-13; seed report §4.10, §9.10-9.11). Compliance is computed by
``rules.metrics.disputes``: each review cycle has a midway meeting, and each child aged 5 or
over when the cycle began has a contact with the IRO in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from iro_tracker.disputes import conf
from iro_tracker.disputes.models import ChildContact, ContactMethod, MidwayMeeting
from iro_tracker.disputes.services import _by, _check_date
from iro_tracker.reviews.models import PENDING_STATUSES, Kind, Review, Status
from iro_tracker.rules.calendar import format_date


def _check_iro(errors: dict, iro) -> None:
    if iro is None or not iro.is_iro:
        errors["iro"] = ["Choose the IRO."]


@transaction.atomic
def record_midway_meeting(
    child, *, held_on: date, iro, social_worker: str = "", notes: str = "", user
) -> MidwayMeeting:
    """Record the IRO's midway meeting with the child's social worker."""
    errors: dict[str, list[str]] = {}
    _check_date(errors, "held_on", held_on, not_before=child.date_of_birth, what="birth")
    _check_iro(errors, iro)
    if errors:
        raise ValidationError(errors)
    meeting = MidwayMeeting(
        child=child,
        iro=iro,
        held_on=held_on,
        social_worker=social_worker.strip() or child.social_worker,
        notes=notes.strip(),
    )
    _by(meeting, user).save()
    return meeting


@transaction.atomic
def record_contact(
    child,
    *,
    on: date,
    method: str,
    iro,
    seen_alone: bool | None = None,
    notes: str = "",
    user,
) -> ChildContact:
    """Record the IRO's visit, call or message to the child."""
    errors: dict[str, list[str]] = {}
    _check_date(errors, "on", on, not_before=child.date_of_birth, what="birth")
    _check_iro(errors, iro)
    if method not in ContactMethod.values:
        errors["method"] = ["Choose how the IRO was in touch."]
    elif method != ContactMethod.MESSAGE and seen_alone is None:
        errors["seen_alone"] = ["Say whether the child was seen or spoken to alone."]
    if errors:
        raise ValidationError(errors)
    contact = ChildContact(
        child=child,
        iro=iro,
        on=on,
        method=method,
        # A message is not a conversation: "alone" does not apply.
        seen_alone=None if method == ContactMethod.MESSAGE else seen_alone,
        notes=notes.strip(),
    )
    _by(contact, user).save()
    return contact


@dataclass(frozen=True)
class CurrentCycle:
    """Where the child is in the time since their last review."""

    since: date | None  # the last held review, None if none yet
    next_due: date | None
    midway_due: date | None
    midway: MidwayMeeting | None
    contact: ChildContact | None
    contact_expected: bool

    @property
    def midway_text(self) -> str:
        if self.since is None:
            return "No review held yet: the first cycle starts at the first review."
        if self.midway is not None:
            return f"Held {format_date(self.midway.held_on)}."
        if self.midway_due is None:
            return "Not yet held."
        return (
            f"Not yet held. Due by {format_date(self.midway_due)}: halfway between the last"
            f" review on {format_date(self.since)} and the next, due {format_date(self.next_due)}"
            " (local practice)."
        )

    @property
    def contact_text(self) -> str:
        if self.contact is not None:
            return f"{self.contact.get_method_display()} on {format_date(self.contact.on)}."
        if self.since is None:
            return "No review held yet: the first cycle starts at the first review."
        if not self.contact_expected:
            return f"Not expected: the child was under {conf.contact_min_age()} at the last review."
        return "None since the last review: due before the next review."


def current_cycle(child, today: date) -> CurrentCycle:
    """The child's current review cycle, midway point and latest oversight in it."""
    last = (
        Review.objects.filter(child=child, status=Status.HELD, kind=Kind.LOOKED_AFTER)
        .order_by("-held_date")
        .values_list("held_date", flat=True)
        .first()
    )
    pending = (
        Review.objects.filter(child=child, status__in=PENDING_STATUSES, kind=Kind.LOOKED_AFTER)
        .order_by("due_date")
        .values_list("due_date", flat=True)
        .first()
    )
    midway = contact = None
    midway_due = None
    if last is not None:
        midway = child.midway_meetings.filter(held_on__gt=last).order_by("-held_on", "-pk").first()
        contact = child.iro_contacts.filter(on__gt=last).order_by("-on", "-pk").first()
        if pending is not None and pending > last:
            # LAC-13's suggestion: the midway point of the time to the next review's due date.
            midway_due = last + timedelta(days=(pending - last).days // 2)
    expected = child.age_on(last or today) >= conf.contact_min_age()
    return CurrentCycle(last, pending, midway_due, midway, contact, expected)
