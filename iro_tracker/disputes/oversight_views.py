"""Thin views for oversight between reviews and the two compliance reports."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from iro_tracker.accounts.models import User
from iro_tracker.audit.services import log_form_view
from iro_tracker.children.models import Child
from iro_tracker.children.services import current_allocation
from iro_tracker.disputes import access, conf, oversight
from iro_tracker.disputes.forms import ContactForm, MidwayForm, PeriodForm
from iro_tracker.disputes.reporting import challenge_data, document_records
from iro_tracker.disputes.views import apply_errors
from iro_tracker.rules.calendar import add_months, format_date
from iro_tracker.rules.metrics.disputes import (
    cycles,
    documentation_figures,
    oversight_by,
    oversight_summary,
)

PAGE_SIZE = 50


def _default_iro(user, child):
    if user.is_iro:
        return user
    allocation = current_allocation(child)
    return allocation.iro if allocation else None


@require_http_methods(["GET", "POST"])
def midway(request, child_pk):
    child = access.get_child_to_act_on(request.user, child_pk)
    log_form_view(request, [child], "midway meeting form")
    initial = {
        "held_on": timezone.localdate(),
        "iro": _default_iro(request.user, child),
        "social_worker": child.social_worker,
    }
    form = MidwayForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = oversight.record_midway_meeting(child, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Midway meeting on {format_date(meeting.held_on)} recorded.")
            return redirect("children:detail", pk=child.pk)
    return render(request, "disputes/midway.html", {"child": child, "form": form})


@require_http_methods(["GET", "POST"])
def contact(request, child_pk):
    child = access.get_child_to_act_on(request.user, child_pk)
    log_form_view(request, [child], "oversight contact form")
    initial = {"on": timezone.localdate(), "iro": _default_iro(request.user, child)}
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            made = oversight.record_contact(child, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"{made.get_method_display()} on {format_date(made.on)} recorded.",
            )
            return redirect("children:detail", pk=child.pk)
    return render(request, "disputes/contact.html", {"child": child, "form": form})


def _period(request, *, show_iro=False):
    """The period chosen in the query string, or the 12 months to today."""
    today = timezone.localdate()
    default = {"start": add_months(today, -12) + timedelta(days=1), "end": today}
    form = PeriodForm(request.GET or None, show_iro=show_iro, initial=default)
    if request.GET and form.is_valid():
        data = form.cleaned_data
        return form, data["start"], data["end"], data.get("iro")
    return form, default["start"], default["end"], None


def oversight_report(request):
    """Midway meetings and contacts per IRO and per child, over any period."""
    scope = access.oversight_scope(request.user)
    form, start, end, chosen = _period(request, show_iro=scope is None)
    iro = scope or chosen
    data = challenge_data(timezone.localdate())
    found = cycles(data, start, end)
    if iro is not None:
        found = [c for c in found if c.iro_id == str(iro.pk)]
    names = {
        str(u.pk): u for u in User.objects.filter(pk__in={c.iro_id for c in found if c.iro_id})
    }
    per_iro = sorted(
        ((names.get(k) if k else None, row) for k, row in oversight_by(found, "iro_id").items()),
        key=lambda item: str(item[0] or "~"),
    )
    per_child = oversight_by(found, "child_id")
    children = {c.local_id: c for c in Child.objects.filter(local_id__in=per_child)}

    def gaps(row):
        return (row["cycles"] - row["with_midway"]) + (
            row["contact_expected"] - row["with_contact"]
        )

    child_rows = sorted(
        ({"child": children[k], "row": row, "gaps": gaps(row)} for k, row in per_child.items()),
        key=lambda r: (-r["gaps"], r["child"].last_name, r["child"].first_name),
    )
    page = Paginator(child_rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "start": start,
        "end": end,
        "iro": iro,
        "total": oversight_summary(found),
        "per_iro": per_iro,
        "page": page,
        "query": query.urlencode(),
        "min_age": conf.contact_min_age(),
    }
    return render(request, "disputes/oversight_report.html", context)


def documents_report(request):
    """Care plans and pre-meeting reports not received in time, by team and social worker."""
    access.require_documents_report(request.user)
    form, start, end, _ = _period(request)
    today = timezone.localdate()
    figures = documentation_figures(
        document_records(),
        start,
        end,
        as_of=today,
        settings=conf.rules(),
        pattern_count=conf.pattern_count(),
        pattern_months=conf.pattern_months(),
    )
    context = {
        "form": form,
        "start": start,
        "end": end,
        "f": figures,
        "window_end": date.fromisoformat(figures["pattern_window"]["end"]),
        "days": conf.rules().documents_working_days_before,
        "pattern_count": conf.pattern_count(),
        "pattern_months": conf.pattern_months(),
    }
    return render(request, "disputes/documents_report.html", context)
