"""Thin views over caseloads: every chair's on a date, one chair's next 90 days, and the
ranked IRO suggestion for a child."""

from __future__ import annotations

from datetime import timedelta

from django.shortcuts import render
from django.utils import timezone

from iro_tracker.audit.services import log_child_view
from iro_tracker.caseloads import access
from iro_tracker.caseloads.forms import OnDateForm
from iro_tracker.caseloads.services import (
    UPCOMING_DAYS,
    caseload_rows,
    upcoming_conferences,
    upcoming_reviews,
)
from iro_tracker.caseloads.suggestions import suggest_iro
from iro_tracker.reviews.queries import BY_CHILD
from iro_tracker.rules.metrics.cp import caseload_summary


def caseload_list(request):
    """Each chair's caseload on a date against the 50-70 band (a chair sees their own)."""
    chair = access.chair_filter(request.user)
    today = timezone.localdate()
    form = OnDateForm(request.GET or None)
    on = (form.cleaned_data["on"] if form.is_valid() else None) or today
    rows = caseload_rows(on, chair=chair)
    context = {
        "form": form,
        "on": on,
        "is_today": on == today,
        "rows": rows,
        "summary": caseload_summary([r.as_record() for r in rows]),
        "band": rows[0].band if rows else None,
        "upcoming_days": UPCOMING_DAYS,
    }
    return render(request, "caseloads/list.html", context)


def chair(request, pk):
    """One chair's caseload today and their meetings in the next 90 days, by date."""
    user = access.get_chair_for_user(request.user, pk)
    today = timezone.localdate()
    rows = caseload_rows(today, chair=user)
    reviews = (
        upcoming_reviews(today)
        .filter(who=user.pk)
        .select_related("child")
        .order_by("when", *BY_CHILD)
    )
    meetings = [
        {
            "date": r.when,
            "kind": "Looked-after review",
            "children": [r.child],
            "booked": r.scheduled_date is not None,
        }
        for r in reviews
    ]
    grouped: dict = {}
    for plan in upcoming_conferences(today).filter(chair=user).select_related("child"):
        grouped.setdefault(plan.next_review_due, []).append(plan.child)
    meetings += [
        {"date": due, "kind": "Review conference", "children": children, "booked": False}
        for due, children in grouped.items()
    ]
    meetings.sort(key=lambda m: (m["date"], m["kind"]))
    return render(
        request,
        "caseloads/chair.html",
        {
            "chair": user,
            "row": rows[0] if rows else None,
            "meetings": meetings,
            "until": today + timedelta(days=UPCOMING_DAYS),
        },
    )


def suggest(request, pk):
    """The ranked IROs for a child, with the reason for each place (managers)."""
    child = access.get_child_to_allocate(request.user, pk)
    log_child_view(request, child, detail="IRO suggestions")
    return render(
        request,
        "caseloads/suggest.html",
        {"child": child, "suggestions": suggest_iro(child)},
    )
