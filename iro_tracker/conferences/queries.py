"""Read-side queries for child protection: what is due next for each child, and a child's
history for their record. Fixed query counts whatever the number of children."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch

from iro_tracker.conferences import access
from iro_tracker.conferences.models import (
    ChildProtectionPlan,
    ConferenceChild,
    CoreGroup,
    EnquiryChild,
    Kind,
)
from iro_tracker.reviews.queries import RAG_LABELS, rag


@dataclass(frozen=True)
class ConferenceDue:
    """The next conference due for one child: an initial one after a strategy discussion, or
    the next review of their plan. ``chair_id`` is the plan's chair (None for an initial)."""

    child_id: int
    kind: str
    due: date
    explanation: str
    chair_id: int | None = None
    s47_due: date | None = None


def open_enquiries():
    """Children whose initial conference is still to be held (not answered, not closed)."""
    return EnquiryChild.objects.filter(
        conference__isnull=True, closed_reason="", child__archived=False
    )


def conference_dues(*, chair=None) -> dict[int, ConferenceDue]:
    """Each child's next conference due, by child id (two queries).

    With ``chair``, only the plans that chair chairs (pending initial conferences have no
    chair yet, so they are left out). A child with both keeps the earlier.
    """
    dues: dict[int, ConferenceDue] = {}
    if chair is None:
        enquiries = (
            open_enquiries()
            .order_by()
            .values_list(
                "child_id",
                "discussion__icpc_due",
                "discussion__icpc_due_explanation",
                "discussion__icpc_due_s47",
            )
        )
        for child_id, due, text, s47 in enquiries:
            found = dues.get(child_id)
            if found is None or due < found.due:
                dues[child_id] = ConferenceDue(child_id, Kind.INITIAL, due, text, None, s47)
    plans = ChildProtectionPlan.objects.filter(
        end_date__isnull=True, next_review_due__isnull=False, child__archived=False
    )
    if chair is not None:
        plans = plans.filter(chair=chair)
    for child_id, due, text, chair_id in plans.order_by().values_list(
        "child_id", "next_review_due", "next_review_explanation", "chair_id"
    ):
        found = dues.get(child_id)
        if found is None or due < found.due:
            dues[child_id] = ConferenceDue(child_id, Kind.REVIEW, due, text, chair_id)
    return dues


@dataclass
class PlanView:
    plan: ChildProtectionPlan
    rows: list[ConferenceChild]
    core_groups: list[CoreGroup]
    first_core_group_on_time: bool | None
    can_record_core_group: bool


def child_cp_context(user, child, today: date) -> dict:
    """What the child's record shows about child protection (five queries).

    Their plans (newest first) with each conference and core group, any initial conference
    still due after a strategy discussion, and the next conference due with its explanation,
    beside the looked-after timeline the record already shows.
    """
    rows = (
        ConferenceChild.objects.filter(child=child)
        .select_related("conference", "conference__chair")
        .order_by("conference__held_on")
    )
    plans = list(
        access.plans_for(user)
        .filter(child=child)
        .select_related("chair")
        .prefetch_related(Prefetch("core_groups", queryset=CoreGroup.objects.order_by("held_on")))
        .order_by("-start_date")
    )
    rows = list(rows)
    by_plan: dict[int | None, list[ConferenceChild]] = {}
    for row in rows:
        by_plan.setdefault(row.plan_id, []).append(row)
    views = []
    for plan in plans:
        groups = list(plan.core_groups.all())
        first_on_time = None
        if plan.core_group_due is not None and groups:
            first_on_time = groups[0].held_on <= plan.core_group_due
        views.append(
            PlanView(
                plan=plan,
                rows=by_plan.get(plan.pk, []),
                core_groups=groups,
                first_core_group_on_time=first_on_time,
                can_record_core_group=plan.is_open and access.can(user, access.CORE_GROUP, plan),
            )
        )
    pending = list(open_enquiries().filter(child=child).select_related("discussion").order_by("pk"))
    open_plan = next((p for p in plans if p.is_open), None)
    next_due = None
    if open_plan is not None and open_plan.next_review_due:
        next_due = ConferenceDue(
            child.pk,
            Kind.REVIEW,
            open_plan.next_review_due,
            open_plan.next_review_explanation,
            open_plan.chair_id,
        )
    elif pending:
        d = pending[0].discussion
        next_due = ConferenceDue(
            child.pk, Kind.INITIAL, d.icpc_due, d.icpc_due_explanation, None, d.icpc_due_s47
        )
    # One timeline, newest first: each plan with its conferences, and each initial
    # conference that found no plan was needed.
    timeline = [{"date": v.plan.start_date, "plan": v} for v in views]
    timeline += [{"date": r.conference.held_on, "row": r} for r in by_plan.get(None, [])]
    timeline.sort(key=lambda item: item["date"], reverse=True)
    return {
        "cp_timeline": timeline,
        "cp_plans": views,
        "cp_unplanned_rows": by_plan.get(None, []),
        "cp_pending": pending,
        "cp_next_due": next_due,
        "cp_next_rag": rag(next_due.due, today) if next_due else None,
        "cp_rag_labels": RAG_LABELS,
        "cp_open_plan": open_plan,
        "cp_can_record": access.can(user, access.RECORD),
        "cp_can_strategy": access.can(user, access.STRATEGY),
    }
