"""Read-side queries for review lists: fixed query counts whatever the number of children."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import F, Prefetch, Q

from iro_tracker.children.models import Allocation
from iro_tracker.reviews.models import Review, Status

RED, AMBER, GREEN = "red", "amber", "green"
RAG_LABELS = {RED: "Overdue", AMBER: "Due soon", GREEN: "On track"}


def rag(due: date | None, today: date) -> str:
    """Red when overdue, amber within IRO_AMBER_DAYS of the due date, green otherwise."""
    if due is None:
        return GREEN
    if due < today:
        return RED
    if (due - today).days <= settings.IRO_AMBER_DAYS:
        return AMBER
    return GREEN


@dataclass
class DueRow:
    review: Review
    iro: object | None
    days_left: int | None
    rag: str

    @property
    def rag_label(self) -> str:
        return RAG_LABELS[self.rag]

    @property
    def overdue_days(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


def pending_reviews(base):
    """Pending reviews from the queryset ``base``, with the child, team and current IRO."""
    current = Allocation.objects.filter(end_date__isnull=True).select_related("iro")
    return (
        base.filter(status__in=(Status.DUE, Status.SCHEDULED))
        .select_related("child", "child__team", "chair")
        .prefetch_related(Prefetch("child__allocations", queryset=current, to_attr="current"))
    )


def to_rows(reviews, today: date) -> list[DueRow]:
    rows = []
    for review in reviews:
        current = review.child.current
        due = review.due_date
        rows.append(
            DueRow(
                review=review,
                iro=current[0].iro if current else None,
                days_left=(due - today).days if due else None,
                rag=rag(due, today),
            )
        )
    return rows


# Each order ends on name, local id and pk: without a total order PostgreSQL returns
# ties (children who became looked after on a weekend share a due date) in any order,
# and a list that reshuffles between page loads reads as a list that changed.
BY_CHILD = ("child__last_name", "child__first_name", "child__local_id", "pk")
SORTS = {
    "due": ("due_date", *BY_CHILD),
    "child": BY_CHILD,
    # Unscheduled reviews first on both databases (PostgreSQL puts NULLs last by default).
    "scheduled": (F("scheduled_date").asc(nulls_first=True), "due_date", *BY_CHILD),
}


@dataclass
class DueFilters:
    iro: int | None = None
    team: int | None = None
    due_from: date | None = None
    due_to: date | None = None
    overdue: bool = False
    unscheduled: bool = False
    sort: str = "due"


def filter_due(base, filters: DueFilters, today: date):
    qs = pending_reviews(base)
    if filters.iro:
        qs = qs.filter(
            child__allocations__iro_id=filters.iro, child__allocations__end_date__isnull=True
        )
    if filters.team:
        qs = qs.filter(child__team_id=filters.team)
    if filters.due_from:
        qs = qs.filter(due_date__gte=filters.due_from)
    if filters.due_to:
        qs = qs.filter(due_date__lte=filters.due_to)
    if filters.overdue:
        qs = qs.filter(due_date__lt=today)
    if filters.unscheduled:
        qs = qs.filter(Q(status=Status.DUE) | Q(scheduled_date__isnull=True))
    return qs.order_by(*SORTS.get(filters.sort, SORTS["due"]))


def service_summary(today: date) -> dict:
    """Aggregate figures for the summary page (no child-level data)."""
    from django.db.models import Count, F

    from iro_tracker.children.models import CareEpisode
    from iro_tracker.rules.calendar import add_months
    from iro_tracker.rules.codes import (
        PARTICIPATED,
        PARTICIPATION_ELIGIBLE,
        SHORT_BREAK_LEGAL_STATUSES,
    )

    looked_after = (
        CareEpisode.objects.filter(decom__lte=today, child__archived=False)
        .filter(Q(dec__isnull=True) | Q(dec__gt=today))
        .exclude(ls__in=SHORT_BREAK_LEGAL_STATUSES)
        .values("child")
        .distinct()
        .count()
    )
    since = add_months(today, -12)
    held = Review.objects.filter(
        status=Status.HELD, kind="lac", held_date__gt=since, held_date__lte=today
    )
    figures = held.aggregate(
        held=Count("pk"),
        assessable=Count("pk", filter=Q(due_date__isnull=False)),
        on_time=Count("pk", filter=Q(held_date__lte=F("due_date"))),
        eligible=Count("pk", filter=Q(participation__in=PARTICIPATION_ELIGIBLE)),
        participated=Count("pk", filter=Q(participation__in=PARTICIPATED)),
    )
    pending = Review.objects.filter(
        status__in=(Status.DUE, Status.SCHEDULED), child__archived=False
    )
    overdue = pending.filter(due_date__lt=today).count()

    def percent(part, whole):
        return round(100 * part / whole, 1) if whole else None

    return {
        "looked_after": looked_after,
        "since": since,
        "held": figures["held"],
        "on_time_percent": percent(figures["on_time"], figures["assessable"]),
        "participation_percent": percent(figures["participated"], figures["eligible"]),
        "overdue": overdue,
        "due_next_28_days": pending.filter(
            due_date__gte=today, due_date__lte=today + timedelta(days=28)
        ).count(),
    }
