"""The work queue's own items: reviews to book, invitations to send, documents to chase.

Each provider reads with a fixed number of queries and returns only what is still to do, so an
item leaves the queue as soon as the review is booked, the invitation recorded or the
documents received. Business support and managers get them; anyone else gets none.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse

from iro_tracker.disputes import conf as dispute_conf
from iro_tracker.disputes.documents import missing_text, readiness
from iro_tracker.disputes.models import Issue
from iro_tracker.reviews.models import Review, Status
from iro_tracker.rules.calendar import add_working_days, format_date, subtract_working_days
from iro_tracker.rules.timescales import Due
from iro_tracker.workqueue import conf
from iro_tracker.workqueue.registry import WorkItem


def _for_admin(user) -> bool:
    return user.is_business_support or user.is_manager


def _label(review: Review) -> str:
    return f"review {review.sequence}" if review.sequence else "the next review"


def _item(review: Review, **fields) -> WorkItem:
    return WorkItem(child_name=review.child.display_name, child_id=review.child.local_id, **fields)


def reviews_to_schedule(today: date, user) -> list[WorkItem]:
    """Reviews due within 8 weeks (a setting) with no date booked, overdue ones included."""
    if not _for_admin(user):
        return []
    horizon = today + timedelta(weeks=conf.schedule_within_weeks())
    reviews = Review.objects.filter(
        status=Status.DUE, child__archived=False, due_date__lte=horizon
    ).select_related("child")
    return [
        _item(
            r,
            key=f"schedule:{r.pk}",
            category="Reviews to schedule",
            title=f"Book {_label(r)} for {r.child.display_name}",
            due=r.due_date,
            explanation=r.due_explanation,
            url=reverse("reviews:schedule", args=[r.pk]),
            action="Schedule",
        )
        for r in reviews
    ]


def invitation_due(meeting: date) -> Due:
    """Invitations go out 15 working days (a setting) before the meeting."""
    n = conf.invitation_working_days_before()
    due = subtract_working_days(meeting, n)
    text = (
        f"Due {format_date(due)}: {n} working days before the review on {format_date(meeting)}"
        " (local practice)."
    )
    return Due(due, text, "invitations-before-review")


def _booked(today: date, until: date):
    return Review.objects.filter(
        status=Status.SCHEDULED,
        child__archived=False,
        scheduled_date__gte=today,
        scheduled_date__lte=until,
    ).select_related("child")


def invitations_to_send(today: date, user) -> list[WorkItem]:
    """Booked reviews whose invitations are due within the lookahead and not yet recorded."""
    if not _for_admin(user):
        return []
    horizon = add_working_days(today, conf.lookahead_working_days())
    # Invitations are due N working days before the meeting, so no later meeting is due yet.
    until = add_working_days(horizon, conf.invitation_working_days_before())
    items = []
    for review in _booked(today, until).filter(invitation__isnull=True):
        due = invitation_due(review.scheduled_date)
        if due.date > horizon:
            continue
        items.append(
            _item(
                review,
                key=f"invite:{review.pk}",
                category="Invitations to send",
                title=(
                    f"Send invitations to {review.child.display_name}'s review on"
                    f" {format_date(review.scheduled_date)}"
                ),
                due=due.date,
                explanation=due.explanation,
                url=reverse("workqueue:invitation", args=[review.pk]),
                action="Record invitations sent",
            )
        )
    return items


def documents_to_chase(today: date, user) -> list[WorkItem]:
    """Care plans and pre-meeting reports not received, due within the lookahead or overdue."""
    if not _for_admin(user):
        return []
    horizon = add_working_days(today, conf.lookahead_working_days())
    until = add_working_days(horizon, dispute_conf.rules().documents_working_days_before)
    reviews = list(
        _booked(today, until).filter(
            Q(care_plan_received__isnull=True) | Q(pre_meeting_report_received__isnull=True)
        )
    )
    open_issues = set(
        Issue.objects.open()
        .filter(automatic=True, review__in=reviews)
        .values_list("review_id", flat=True)
    )
    items = []
    for review in reviews:
        state = readiness(review, today)
        if state.due.date > horizon:
            continue
        title = (
            f"Chase the {' and '.join(state.missing)} for {review.child.display_name}'s review on"
            f" {format_date(review.scheduled_date)}"
        )
        if review.pk in open_issues:
            title += " (documentation issue raised)"
        items.append(
            _item(
                review,
                key=f"documents:{review.pk}",
                category="Documents to chase",
                title=title,
                due=state.due.date,
                explanation=f"{missing_text(state.missing)} not received. {state.due.explanation}",
                url=reverse("reviews:schedule", args=[review.pk]),
                action="Record documents received",
            )
        )
    return items


BUILT_IN = (reviews_to_schedule, invitations_to_send, documents_to_chase)
