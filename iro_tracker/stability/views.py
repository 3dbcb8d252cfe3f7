"""Thin views: placement stability, short breaks and children with disabilities."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from iro_tracker.accounts import access
from iro_tracker.audit.services import log_form_view
from iro_tracker.health.forms import apply_errors
from iro_tracker.stability import services
from iro_tracker.stability.forms import DisabilityForm
from iro_tracker.stability.status import (
    disabled_children,
    looked_after_stability,
    short_break_children,
)


def _staff_only(user):
    if user.is_read_only:
        raise PermissionDenied


def overview(request):
    """Children with three or more placements in 12 months, and the long-term measure."""
    _staff_only(request.user)
    today = timezone.localdate()
    rows = looked_after_stability(today)
    movers = sorted(
        (r for r in rows if r.three_or_more),
        key=lambda r: (-len(r.in_last_12_months), r.child.last_name),
    )
    cohort = [r for r in rows if r.long_term.in_cohort]
    unsettled = sorted(
        (r for r in cohort if not r.long_term.stable), key=lambda r: r.child.last_name
    )
    return render(
        request,
        "stability/overview.html",
        {
            "today": today,
            "looked_after": len(rows),
            "movers": movers,
            "cohort": len(cohort),
            "stable": len(cohort) - len(unsettled),
            "unsettled": unsettled,
        },
    )


def short_breaks(request):
    """Children on short breaks (reg 48) with their limits, and children with disabilities."""
    _staff_only(request.user)
    today = timezone.localdate()
    return render(
        request,
        "stability/short_breaks.html",
        {
            "today": today,
            "rows": short_break_children(today),
            "disabled": disabled_children(today),
        },
    )


@require_http_methods(["GET", "POST"])
def disability(request, pk):
    child = access.get_child_for_user(request.user, pk, access.RECORD)
    log_form_view(request, [child], "disability form")
    initial = {"disabled": "yes" if child.disabled else "no", "detail": child.disability_detail}
    form = DisabilityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_disability(child, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Disability saved.")
            return redirect("children:detail", pk=child.pk)
    return render(request, "stability/disability.html", {"form": form, "child": child})
