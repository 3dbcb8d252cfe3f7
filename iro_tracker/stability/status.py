"""Read side: placements and moves, the DfE stability measures, short-break limits.

Everything comes from the 903 episodes through ``rules.stability`` and ``rules.shortbreaks``;
the list functions run a fixed number of queries whatever the number of children.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch, Q

from iro_tracker.children.models import Allocation, CareEpisode, Child
from iro_tracker.reviews.models import Kind, Review, Status
from iro_tracker.rules import codes
from iro_tracker.rules.calendar import add_months
from iro_tracker.rules.periods import is_short_break
from iro_tracker.rules.shortbreaks import Limits, check_limits
from iro_tracker.rules.stability import (
    LongTerm,
    Placement,
    current_period,
    long_term,
    placements,
    placements_in_year_to,
)


@dataclass
class ChildStability:
    child: Child
    iro: object | None
    placements: list[Placement]  # every placement, newest first
    in_last_12_months: list[Placement]
    long_term: LongTerm
    looked_after: bool
    limits: Limits | None  # only for a child with short breaks
    moves_in_last_12_months: int = 0
    next_short_break_review: Review | None = None

    @property
    def three_or_more(self) -> bool:
        return self.looked_after and len(self.in_last_12_months) >= 3

    def place_label(self, placement: Placement) -> str:
        return codes.PLACEMENT.label(placement.place)


def stability_for(child: Child, episodes, today: date, iro=None) -> ChildStability:
    episodes = list(episodes)
    care = [e for e in episodes if not is_short_break(e)]
    short = [e for e in episodes if is_short_break(e)]
    every = placements(care)
    window_start = add_months(today, -12) + timedelta(days=1)
    return ChildStability(
        child=child,
        iro=iro,
        placements=list(reversed(every)),
        in_last_12_months=placements_in_year_to(care, today),
        long_term=long_term(child.date_of_birth, care, today),
        looked_after=current_period(care, today) is not None,
        limits=check_limits(short, today) if short else None,
        moves_in_last_12_months=sum(1 for p in every if p.is_move and p.start >= window_start),
    )


def child_stability(child: Child, today: date, *, episodes=None) -> ChildStability:
    """One child's placements and short breaks (1 query, none with ``episodes`` given)."""
    episodes = episodes if episodes is not None else child.episodes.order_by("decom")
    return stability_for(child, episodes, today)


def _with_iro(children):
    current = Allocation.objects.filter(end_date__isnull=True).select_related("iro")
    return children.prefetch_related(Prefetch("allocations", queryset=current, to_attr="current"))


def _episodes_of(ids) -> dict[int, list]:
    found: dict[int, list] = defaultdict(list)
    for e in CareEpisode.objects.filter(child_id__in=ids).order_by("decom"):
        found[e.child_id].append(e)
    return found


def looked_after_stability(today: date) -> list[ChildStability]:
    """Every child looked after today, with their stability (3 queries)."""
    open_now = (
        CareEpisode.objects.filter(decom__lte=today)
        .filter(Q(dec__isnull=True) | Q(dec__gt=today))
        .exclude(ls__in=codes.SHORT_BREAK_LEGAL_STATUSES)
        .values("child_id")
    )
    children = list(_with_iro(Child.objects.active().filter(pk__in=open_now)))
    episodes = _episodes_of([c.pk for c in children])
    return [
        stability_for(c, episodes[c.pk], today, c.current[0].iro if c.current else None)
        for c in children
    ]


def short_break_children(today: date) -> list[ChildStability]:
    """Children with a short break (V3/V4) in the last 12 months or an open agreement, with
    their limits and next reg 48 review (4 queries)."""
    since = add_months(today, -12)
    recent = CareEpisode.objects.filter(ls__in=codes.SHORT_BREAK_LEGAL_STATUSES).filter(
        Q(dec__isnull=True) | Q(dec__gte=since)
    )
    children = list(
        _with_iro(Child.objects.active().filter(pk__in=recent.values("child_id"))).order_by(
            "last_name", "first_name", "local_id"
        )
    )
    episodes = _episodes_of([c.pk for c in children])
    reviews = {
        r.child_id: r
        for r in Review.objects.filter(
            child__in=children, kind=Kind.SHORT_BREAKS, status__in=(Status.DUE, Status.SCHEDULED)
        )
    }
    rows = []
    for c in children:
        row = stability_for(c, episodes[c.pk], today, c.current[0].iro if c.current else None)
        row.next_short_break_review = reviews.get(c.pk)
        rows.append(row)
    return rows


def disabled_children(today: date) -> list[Child]:
    """Children with a disability looked after today or on short breaks in the last year."""
    since = today - timedelta(days=366)
    touching = CareEpisode.objects.filter(decom__lte=today).filter(
        Q(dec__isnull=True) | Q(dec__gte=since)
    )
    return list(
        _with_iro(
            Child.objects.active().filter(disabled=True, pk__in=touching.values("child_id"))
        ).order_by("last_name", "first_name", "local_id")
    )
