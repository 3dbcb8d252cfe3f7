"""Changes to children, their episodes and their IRO allocation, each in one transaction."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from iro_tracker.children.models import Allocation, CareEpisode, Child
from iro_tracker.reviews.services import refresh_schedule
from iro_tracker.rules.calendar import format_date


def _by(obj, user):
    if user is not None:
        obj._history_user = user
    return obj


def current_allocation(child: Child) -> Allocation | None:
    return child.allocations.filter(end_date__isnull=True).select_related("iro").first()


@transaction.atomic
def allocate_iro(child: Child, iro, *, start_date: date, reason: str = "", user=None) -> Allocation:
    """Appoint ``iro`` to ``child`` from ``start_date``, ending any current allocation the day
    before. Allocations never overlap: a start on or before the current allocation's start, or
    inside any earlier allocation, is refused.
    """
    Child.objects.select_for_update().get(pk=child.pk)
    if not (iro.is_active and iro.is_iro):
        raise ValidationError({"iro": [f"{iro} does not chair looked-after reviews."]})
    current = current_allocation(child)
    if current is not None and current.iro_id == iro.pk:
        raise ValidationError({"iro": [f"{iro} is already {child.display_name}'s IRO."]})
    if current is not None and not reason.strip():
        raise ValidationError({"reason": ["Say why the IRO is changing."]})
    overlapping = child.allocations.filter(end_date__isnull=False, end_date__gte=start_date)
    if current is not None and start_date <= current.start_date:
        raise ValidationError(
            {
                "start_date": [
                    f"The new allocation would overlap {current.iro}'s, which started on"
                    f" {format_date(current.start_date)}: choose a later date."
                ]
            }
        )
    if overlapping.exists():
        other = overlapping.order_by("-end_date").first()
        raise ValidationError(
            {
                "start_date": [
                    f"The new allocation would overlap {other.iro}'s, which ran to"
                    f" {format_date(other.end_date)}."
                ]
            }
        )
    if current is not None:
        current.end_date = start_date - timedelta(days=1)
        _by(current, user).save(update_fields=["end_date"])
    allocation = Allocation(child=child, iro=iro, start_date=start_date, reason=reason)
    _by(allocation, user).save()
    return allocation


@transaction.atomic
def add_episode(child: Child, *, user=None, **fields) -> CareEpisode:
    """Add a care episode and bring the child's review schedule up to date."""
    episode = CareEpisode(child=child, **fields)
    episode.full_clean()
    _by(episode, user).save()
    refresh_schedule(child, user=user)
    return episode
