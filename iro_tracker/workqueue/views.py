"""Thin views: the work queue, recording invitations, and the calendar feed and its token."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from iro_tracker.audit.models import Action
from iro_tracker.audit.services import log_access, log_form_view
from iro_tracker.rules.calendar import format_date
from iro_tracker.workqueue import access, calendar, conf, registry, services
from iro_tracker.workqueue.forms import InvitationForm


def queue(request):
    """One page of what to do today, overdue first, each with its due date and a link."""
    user = request.user
    access.require_queue(user)
    today = timezone.localdate()
    items = registry.items_for(today, user)
    rows = [
        {"item": i, "overdue": i.is_overdue(today), "due_text": i.due_text(today)} for i in items
    ]
    context = {
        "rows": rows,
        "today": today,
        "overdue": sum(1 for r in rows if r["overdue"]),
        "counts": sorted(Counter(i.category for i in items).items()),
    }
    return render(request, "workqueue/queue.html", context)


@require_http_methods(["GET", "POST"])
def invitation(request, review_pk):
    review = access.get_review_to_invite(request.user, review_pk)
    log_form_view(request, [review.child], "invitations form")
    form = InvitationForm(request.POST or None, initial={"sent_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_invitation(
                review,
                sent_on=form.cleaned_data["sent_on"],
                notes=form.cleaned_data["notes"],
                user=request.user,
            )
        except ValidationError as error:
            for field, texts in error.message_dict.items():
                for text in texts:
                    form.add_error(field if field in form.fields else None, text)
        else:
            messages.success(
                request, f"Invitations sent {format_date(form.cleaned_data['sent_on'])} recorded."
            )
            if request.user.is_business_support or request.user.is_manager:
                return redirect("workqueue:index")
            return redirect("children:detail", pk=review.child_id)
    context = {"review": review, "child": review.child, "form": form}
    return render(request, "workqueue/invitation.html", context)


@require_http_methods(["GET", "POST"])
def calendar_settings(request):
    """Create, replace or turn off the IRO's calendar feed address."""
    user = request.user
    access.require_calendar(user)
    feed_url = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.revoke_calendar_token(user)
            messages.success(request, "Your calendar address no longer works.")
            return redirect("workqueue:calendar")
        token = services.issue_calendar_token(user)
        # Shown once: only a digest of the token is kept, so it cannot be shown again.
        feed_url = conf.site_url() + reverse("workqueue:feed", args=[token])
    response = render(
        request,
        "workqueue/calendar.html",
        {"token": services.live_token(user), "feed_url": feed_url},
    )
    response["Cache-Control"] = "no-store"
    return response


@login_not_required
@require_GET
def feed(request, token):
    """The iCalendar feed: no sign-in (calendar apps cannot sign in), the token instead."""
    user = services.user_for_token(token)
    if user is None or not access.may_have_calendar(user):
        raise Http404
    events = calendar.events_for(user, timezone.localdate())
    body = calendar.render(
        events, name=f"IRO Tracker – {user.get_full_name() or user.username}", now=timezone.now()
    )
    # The token is a secret: the access log records the feed, never its address.
    log_access(
        user,
        Action.EXPORT,
        path=request.path.replace(token, "[token]"),
        detail="Calendar feed",
        row_count=len(events),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="iro-tracker.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
