"""Thin views over health records: parse the form, call the service, show the child."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from iro_tracker.accounts import access
from iro_tracker.audit.services import log_form_view
from iro_tracker.health import services
from iro_tracker.health.forms import (
    DentalCheckForm,
    IhaForm,
    ImmunisationForm,
    ReviewAssessmentForm,
    SdqForm,
    apply_errors,
)
from iro_tracker.health.overview import overview_context
from iro_tracker.health.status import child_health

# Decision (issue 9): business support records health dates as well as the allocated IRO
# and managers, so "schedule" (support, manager, allocated IRO) is the permission needed.
RECORD_HEALTH = access.SCHEDULE


def _record(request, pk, form_class, title, save, *, initial=None, intro=""):
    """Show ``form_class`` for the child; on a valid POST call ``save(child, data, user)``."""
    child = access.get_child_for_user(request.user, pk, RECORD_HEALTH)
    log_form_view(request, [child], title)
    form = form_class(request.POST or None, initial=initial(child) if initial else None)
    if request.method == "POST" and form.is_valid():
        try:
            message = save(child, form.cleaned_data, request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, message)
            return redirect("children:detail", pk=child.pk)
    context = {
        "child": child,
        "form": form,
        "title": title,
        "intro": intro,
        "health": child_health(child, timezone.localdate()),
    }
    return render(request, "health/record.html", context)


def _iha_initial(child):
    row = services.current_iha(child)
    if row is None:
        return {}
    return {
        "requested_on": row.requested_on,
        "completed_on": row.completed_on,
        "refused_on": row.refused_on,
        "notes": row.notes,
    }


def _save_iha(child, data, user):
    services.record_iha(child, user=user, **data)
    status = child_health(child, timezone.localdate()).iha
    return f"Initial health assessment saved. {status.explanation}" if status else "Saved."


@require_http_methods(["GET", "POST"])
def iha(request, pk):
    return _record(
        request,
        pk,
        IhaForm,
        "Initial health assessment",
        _save_iha,
        initial=_iha_initial,
        intro="Record when it was requested, then when it was done or refused.",
    )


@require_http_methods(["GET", "POST"])
def assessment(request, pk):
    def save(child, data, user):
        services.record_review_assessment(child, user=user, **data)
        following = child_health(child, timezone.localdate()).status.next_review
        text = "Review health assessment saved."
        return f"{text} {following.explanation}" if following else text

    return _record(request, pk, ReviewAssessmentForm, "Review health assessment", save)


@require_http_methods(["GET", "POST"])
def dental(request, pk):
    def save(child, data, user):
        services.record_dental_check(child, user=user, **data)
        return "Dental check saved."

    return _record(request, pk, DentalCheckForm, "Dental check", save)


@require_http_methods(["GET", "POST"])
def immunisations(request, pk):
    def save(child, data, user):
        services.record_immunisations(child, user=user, **data)
        return "Immunisation status saved."

    return _record(request, pk, ImmunisationForm, "Immunisations", save)


@require_http_methods(["GET", "POST"])
def sdq(request, pk):
    def save(child, data, user):
        services.record_sdq(child, user=user, **data)
        return "SDQ saved."

    return _record(request, pk, SdqForm, "Strengths and Difficulties Questionnaire (SDQ)", save)


def overview(request):
    """Health assessments across the service: this year beside last, and who is overdue."""
    user = request.user
    if user.is_read_only:
        raise PermissionDenied
    year = request.GET.get("year", "")
    context = overview_context(user, timezone.localdate(), int(year) if year.isdigit() else None)
    return render(request, "health/overview.html", context)
