"""Read side of the legal status watch: who is listed, whether it has been discussed since
the last review, and which placement orders are flagged for revocation.

``watch_rows`` runs a fixed number of queries whatever the number of children.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from iro_tracker.children.models import Allocation, CareEpisode, Child
from iro_tracker.court.models import DiscussionOutcome, LegalStatusDiscussion
from iro_tracker.reviews.models import Review, Status
from iro_tracker.rules import codes
from iro_tracker.rules.legal import (
    PLACEMENT_ORDER,
    WatchItem,
    current_episode,
    discussed_since,
    legal_status_watch,
)
from iro_tracker.rules.periods import periods_of_care


@dataclass
class WatchRow:
    child: Child
    iro: object | None
    legal_status: str  # the current 903 LS, with its label
    item: WatchItem | None
    last_review: date | None
    next_review: Review | None
    discussion: LegalStatusDiscussion | None  # the latest since the last review
    revoke: LegalStatusDiscussion | None  # adoption no longer the plan, order still in force

    @property
    def needs_discussion(self) -> bool:
        return self.item is not None and self.discussion is None

    @property
    def discuss_by(self) -> date | None:
        """Before the next review: its booked date, else its due date."""
        if self.next_review is None:
            return self.item.listed_from if self.item else None
        return self.next_review.scheduled_date or self.next_review.due_date


def watch_rows(children: Iterable[Child], today: date) -> list[WatchRow]:
    """A row for each child given (5 queries)."""
    children = list(children)
    ids = [c.pk for c in children]
    episodes: dict[int, list] = defaultdict(list)
    for e in CareEpisode.objects.filter(child_id__in=ids).order_by("decom"):
        episodes[e.child_id].append(e)
    last_held: dict[int, date] = {}
    pending: dict[int, Review] = {}
    for r in Review.objects.filter(child_id__in=ids).exclude(status=Status.CANCELLED):
        if r.status == Status.HELD and r.held_date:
            last_held[r.child_id] = max(last_held.get(r.child_id, r.held_date), r.held_date)
        elif r.status in (Status.DUE, Status.SCHEDULED):
            pending[r.child_id] = r
    talks: dict[int, list] = defaultdict(list)
    for d in LegalStatusDiscussion.objects.filter(child_id__in=ids).order_by("discussed_on", "pk"):
        talks[d.child_id].append(d)
    current = {
        a.child_id: a.iro
        for a in Allocation.objects.filter(child_id__in=ids, end_date__isnull=True).select_related(
            "iro"
        )
    }
    rows = []
    for child in children:
        mine = episodes[child.pk]
        now = current_episode(mine, today)
        periods = periods_of_care(mine)
        start = periods[-1].start if periods else today
        last = last_held.get(child.pk)
        if last is not None and last < start:
            last = None  # a review of an earlier period of care
        since = discussed_since(last, start)
        recent = [d for d in talks[child.pk] if d.discussed_on >= since]
        latest = talks[child.pk][-1] if talks[child.pk] else None
        revoke = (
            latest
            if latest is not None
            and latest.outcome == DiscussionOutcome.REVOKE_PLACEMENT_ORDER
            and now is not None
            and now.ls == PLACEMENT_ORDER
            else None
        )
        rows.append(
            WatchRow(
                child=child,
                iro=current.get(child.pk),
                legal_status=f"{codes.LEGAL_STATUS.label(now.ls)} ({now.ls})" if now else "",
                item=legal_status_watch(mine, today),
                last_review=last,
                next_review=pending.get(child.pk),
                discussion=recent[-1] if recent else None,
                revoke=revoke,
            )
        )
    return rows


def watched_children(today: date, user=None):
    """Children looked after now whose status may need discussion: V2 or E1 (a queryset).

    For a chair (not a manager) only the children allocated to them.
    """
    open_now = CareEpisode.objects.filter(decom__lte=today, ls__in=("V2", PLACEMENT_ORDER)).exclude(
        dec__lte=today
    )
    qs = Child.objects.active().filter(pk__in=open_now.values("child_id"))
    if user is not None and user.is_chair and not user.is_manager:
        qs = qs.filter(allocations__iro=user, allocations__end_date__isnull=True)
    return qs.order_by("last_name", "first_name", "local_id")
