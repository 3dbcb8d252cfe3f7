"""Changes the work queue makes: invitations recorded, calendar tokens issued and revoked.

Each owns its transaction and writes history with the user passed in.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from iro_tracker.reviews.models import Review, Status
from iro_tracker.workqueue.models import CalendarToken, Invitation


@transaction.atomic
def record_invitation(review: Review, *, sent_on: date, notes: str = "", user) -> Invitation:
    """Record that the invitations to a booked review went out (once per review)."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    errors: dict[str, list[str]] = {}
    if review.status != Status.SCHEDULED:
        errors["sent_on"] = ["Only a booked review that has not been held has invitations."]
    elif Invitation.objects.filter(review=review).exists():
        errors["sent_on"] = ["Invitations to this review are already recorded."]
    elif sent_on > timezone.localdate():
        errors["sent_on"] = ["The date cannot be in the future."]
    if errors:
        raise ValidationError(errors)
    invitation = Invitation(review=review, sent_on=sent_on, sent_by=user, notes=notes.strip())
    invitation._history_user = user
    invitation.save()
    return invitation


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def issue_calendar_token(user) -> str:
    """Revoke ``user``'s live token, if any, and return a new one (shown once, never stored)."""
    revoke_calendar_token(user)
    token = secrets.token_urlsafe(32)
    CalendarToken.objects.create(user=user, digest=_digest(token))
    return token


@transaction.atomic
def revoke_calendar_token(user) -> bool:
    """Stop ``user``'s feed address working. True if there was one to revoke."""
    return bool(
        CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )


def live_token(user) -> CalendarToken | None:
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).first()


def user_for_token(token: str):
    """The active user whose live token this is, or None. Marks the token as used."""
    found = (
        CalendarToken.objects.filter(digest=_digest(token), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if found is None or not found.user.is_active:
        return None
    CalendarToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    return found.user
