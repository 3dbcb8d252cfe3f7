"""Records kept past their retention period: listed for a person to decide, never deleted.

A looked-after child's case record is kept until ``IRO_RETENTION_YEARS`` after their 18th
birthday (settings explains the regulations). Children still looked after are never listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from iro_tracker.children.models import CareEpisode, Child
from iro_tracker.rules.calendar import add_months


@dataclass(frozen=True)
class PastRetention:
    pk: int
    local_id: str
    date_of_birth: date
    keep_until: date
    archived: bool


def keep_until(date_of_birth: date, years: int | None = None) -> date:
    years = settings.IRO_RETENTION_YEARS if years is None else years
    return add_months(date_of_birth, 12 * (18 + years))


def past_retention(today: date, years: int | None = None) -> list[PastRetention]:
    """Children whose records are past retention on ``today``, oldest first."""
    years = settings.IRO_RETENTION_YEARS if years is None else years
    born_before = add_months(today, -12 * (18 + years))
    children = (
        Child.objects.filter(date_of_birth__lte=born_before)
        .exclude(pk__in=CareEpisode.objects.filter(dec__isnull=True).values("child_id"))
        .order_by("date_of_birth", "local_id")
        .values("pk", "local_id", "date_of_birth", "archived")
    )
    return [
        PastRetention(
            pk=c["pk"],
            local_id=c["local_id"],
            date_of_birth=c["date_of_birth"],
            keep_until=keep_until(c["date_of_birth"], years),
            archived=c["archived"],
        )
        for c in children
        if keep_until(c["date_of_birth"], years) <= today
    ]
