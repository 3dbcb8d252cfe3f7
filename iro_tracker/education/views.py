"""Thin views over PEPs and education contacts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from iro_tracker.accounts import access
from iro_tracker.audit.services import log_form_view
from iro_tracker.education import services
from iro_tracker.education.access import get_pep_for_user
from iro_tracker.education.forms import ContactForm, JudgementForm, PepForm
from iro_tracker.education.status import child_education
from iro_tracker.health.forms import apply_errors


def _page(request, child, form, title, **extra):
    context = {
        "child": child,
        "form": form,
        "title": title,
        "education": child_education(child, timezone.localdate()),
        **extra,
    }
    return render(request, "education/record.html", context)


@require_http_methods(["GET", "POST"])
def pep(request, pk):
    """Record a PEP meeting. Business support records dates too (decision, issue 9)."""
    child = access.get_child_for_user(request.user, pk, access.SCHEDULE)
    log_form_view(request, [child], "PEP form")
    can_judge = access.can(request.user, access.RECORD, child)
    form = PepForm(request.POST or None, can_judge=can_judge)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_pep(child, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            status = child_education(child, timezone.localdate()).status
            text = "PEP saved."
            if status.next_due is not None:
                text += f" The next PEP review is due {status.next_due.date:%-d %b %Y}."
            messages.success(request, text)
            return redirect("children:detail", pk=child.pk)
    return _page(request, child, form, "Personal Education Plan")


@require_http_methods(["GET", "POST"])
def judge(request, pk):
    """The IRO's judgement of a PEP's quality."""
    plan = get_pep_for_user(request.user, pk, access.RECORD)
    child = plan.child
    log_form_view(request, [child], "PEP judgement form")
    initial = {"quality": plan.quality, "quality_note": plan.quality_note}
    form = JudgementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.judge_pep(plan, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Your judgement of the PEP is saved.")
            return redirect("children:detail", pk=child.pk)
    return _page(request, child, form, f"Judge the PEP of {plan.held_on:%-d %b %Y}", plan=plan)


@require_http_methods(["GET", "POST"])
def contact(request, pk):
    child = access.get_child_for_user(request.user, pk, access.SCHEDULE)
    log_form_view(request, [child], "education contact form")
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_contact(child, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Contact saved.")
            return redirect("children:detail", pk=child.pk)
    return _page(request, child, form, "Contact with school or virtual school")
