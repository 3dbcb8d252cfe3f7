"""Keep the stored schedule of many children's reviews in step with their episodes.

The rules (which review is number 1, 2, 3... and when each was due) are decided by the pure
``rules.schedule``; this module only reads a batch of children's episodes and reviews, asks the
rules, and writes the differences back in bulk, so an import of a whole authority, or of the
whole country, costs a handful of queries per thousand children instead of several per child.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from iro_tracker.children.models import CareEpisode
from iro_tracker.reviews.models import Kind, Review, Status
from iro_tracker.rules.schedule import OUTSIDE, SHORT_BREAKS, HeldReview, schedule_reviews

DERIVED = ["kind", "period_start", "sequence", "due_date", "due_explanation"]
BATCH = 2000


def explain(place) -> str:
    """The sentence shown beside a held review's due date."""
    if place.kind == OUTSIDE:
        return "Not in any period of care in the episodes held here."
    if place.due is None:
        return (
            "Cannot be assessed: the period of care began before the history held here, so"
            " the reviews before this one are not known."
        )
    return place.due.explanation


def _kind(kind: str) -> str:
    return Kind.SHORT_BREAKS if kind == SHORT_BREAKS else Kind.LOOKED_AFTER


def _set(review: Review, values: dict) -> bool:
    if all(getattr(review, k) == v for k, v in values.items()):
        return False
    for k, v in values.items():
        setattr(review, k, v)
    return True


class _Plan:
    def __init__(self):
        self.derived: list[Review] = []
        self.cancelled: list[Review] = []
        self.created: list[Review] = []
        self.pending: dict[int, Review | None] = {}


def _plan_child(plan: _Plan, child_id: int, episodes, reviews, as_of: date) -> None:
    held = [r for r in reviews if r.held_date is not None]
    schedule = schedule_reviews(
        episodes,
        [HeldReview(r.pk, r.held_date) for r in held],
        history_from=settings.IRO_HISTORY_COMPLETE_FROM,
        today=as_of,
    )
    placed = {p.key: p for p in schedule.reviews}
    for review in held:
        place = placed.get(review.pk)
        if place is None:  # a second review on the same date: the first one counts
            continue
        values = {
            "kind": _kind(place.kind),
            "period_start": place.period_start,
            "sequence": place.sequence,
            "due_date": place.due.date if place.due else None,
            "due_explanation": explain(place),
        }
        if _set(review, values):
            plan.derived.append(review)

    pending = sorted(
        (r for r in reviews if r.status in (Status.DUE, Status.SCHEDULED)),
        key=lambda r: (r.due_date or date.max, r.pk),
    )
    nxt = schedule.next
    if nxt is None:
        for review in pending:
            review.status = Status.CANCELLED
            review.cancelled_reason = "The child is no longer looked after."
            plan.cancelled.append(review)
        plan.pending[child_id] = None
        return
    for extra in pending[1:]:
        extra.status = Status.CANCELLED
        extra.cancelled_reason = "Replaced by the next review due."
        plan.cancelled.append(extra)
    values = {
        "kind": _kind(nxt.kind),
        "period_start": nxt.period_start,
        "sequence": nxt.sequence,
        "due_date": nxt.due.date,
        "due_explanation": nxt.due.explanation,
    }
    if pending:
        current = pending[0]
        if _set(current, values):
            plan.derived.append(current)
    else:
        current = Review(child_id=child_id, status=Status.DUE, **values)
        plan.created.append(current)
    plan.pending[child_id] = current


def refresh_schedules(
    child_ids: Iterable[int], *, user=None, as_of: date | None = None
) -> dict[int, Review | None]:
    """Bring the schedule of every child in ``child_ids`` up to date.

    Held reviews get their period, number, due date and explanation; each child in an open
    period of care (or active short-break series) keeps exactly one pending review; any other
    pending review is cancelled, never deleted. Returns each child's pending review (or None).
    """
    as_of = as_of or timezone.localdate()
    ids = sorted(set(child_ids))
    result: dict[int, Review | None] = {}
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        episodes = defaultdict(list)
        for episode in CareEpisode.objects.filter(child_id__in=batch).only(
            "child_id", "decom", "dec", "rne", "ls"
        ):
            episodes[episode.child_id].append(episode)
        reviews = defaultdict(list)
        for review in Review.objects.filter(child_id__in=batch).exclude(status=Status.CANCELLED):
            reviews[review.child_id].append(review)
        plan = _Plan()
        for child_id in batch:
            _plan_child(plan, child_id, episodes[child_id], reviews[child_id], as_of)
        if plan.derived:
            Review.objects.bulk_update(plan.derived, DERIVED, batch_size=1000)
        if plan.cancelled:
            bulk_update_with_history(
                plan.cancelled,
                Review,
                ["status", "cancelled_reason"],
                batch_size=1000,
                default_user=user,
            )
        if plan.created:
            bulk_create_with_history(plan.created, Review, batch_size=1000, default_user=user)
        result.update(plan.pending)
    return result
