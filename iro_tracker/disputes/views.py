"""Thin views over issues: parse the request, ask access and the services, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from iro_tracker.audit.services import log_child_view, log_form_view
from iro_tracker.disputes import access, queries, services
from iro_tracker.disputes.forms import (
    ActionForm,
    CafcassForm,
    EscalateForm,
    RaiseIssueForm,
    ResolveForm,
    ResponseForm,
)
from iro_tracker.disputes.models import IssueStatus, Stage
from iro_tracker.rules.calendar import format_date, working_days_between

PAGE_SIZE = 50


def apply_errors(form, error: ValidationError) -> None:
    for field, texts in error.message_dict.items():
        for text in texts:
            form.add_error(field if field in form.fields else None, text)


def _today():
    return timezone.localdate()


def issue_list(request):
    """Issues, open first: an IRO sees their own by default, everyone else all of them."""
    user = request.user
    access.require_staff(user)
    mine = request.GET.get("scope", "mine" if user.is_chair else "all") == "mine"
    state = request.GET.get("state", "open")
    issues = access.issues_for(user)
    if mine:
        issues = issues.filter(iro=user)
    if state == "open":
        issues = issues.open()
    elif state == "closed":
        issues = issues.filter(status=IssueStatus.CLOSED)
    issues = queries.with_steps(issues.order_by("status", "-raised_on", "-pk"))
    page = Paginator(issues, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    rows = [{"issue": i, "step": queries.current(i)} for i in page.object_list]
    context = {
        "page": page,
        "rows": rows,
        "mine": mine,
        "state": state,
        "today": _today(),
        "query": query.urlencode(),
    }
    return render(request, "disputes/list.html", context)


def _clock(issue, today) -> dict | None:
    if not issue.is_formal:
        return None
    end = issue.closed_on or today
    return {
        "elapsed": working_days_between(issue.formal_started_on, end),
        "overdue": end > issue.resolution_due,
        "text": services.clock_text(issue, issue.closed_on) if issue.closed_on else "",
    }


def detail(request, pk):
    issue = access.get_issue_for_user(request.user, pk)
    log_child_view(request, issue.child, detail=f"Issue {issue.pk}")
    today = _today()
    steps = list(issue.steps.select_related("stage").order_by("started_on", "pk"))
    context = {
        "issue": issue,
        "child": issue.child,
        "steps": steps,
        "step": steps[-1] if steps else None,
        "events": issue.events.select_related("by").order_by("on", "pk"),
        "clock": _clock(issue, today),
        "can_act": access.can_act(request.user, issue.child),
        "can_escalate": issue.is_open
        and bool(_stages_above(steps[-1] if steps else None).exists()),
        "today": today,
    }
    return render(request, "disputes/detail.html", context)


def _stages_above(step):
    above = step.stage.position if step and step.stage_id else 0
    return Stage.objects.filter(active=True, position__gt=above)


@require_http_methods(["GET", "POST"])
def raise_issue(request, child_pk):
    child = access.get_child_to_act_on(request.user, child_pk)
    log_form_view(request, [child], "raise an issue form")
    # An overdue review decision offers "raise an issue" with its theme and history filled in.
    initial = {
        "raised_on": _today(),
        "theme": request.GET.get("theme", ""),
        "summary": request.GET.get("summary", ""),
    }
    form = RaiseIssueForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            issue = services.raise_issue(
                child,
                theme=data["theme"],
                summary=data["summary"],
                raised_on=data["raised_on"],
                responder=data["responder"],
                stage=data["stage"],
                user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            step = services.current_step(issue)
            messages.success(
                request,
                f"Issue raised. {step.responder} should respond by"
                f" {format_date(step.response_due)}.",
            )
            return redirect("disputes:detail", pk=issue.pk)
    return render(request, "disputes/raise.html", {"child": child, "form": form})


def _issue_form(request, pk, template, make_form, act, *, open_only=True):
    """The shared shape of the issue's action pages: load, check, validate, act, redirect.

    ``make_form(data, step)`` builds the form; ``act(issue, cleaned_data)`` calls the service
    and returns the success message.
    """
    issue = access.get_issue_for_user(request.user, pk, access.ACT)
    if open_only and not issue.is_open:
        raise PermissionDenied
    page = template.rsplit("/", 1)[-1].removesuffix(".html")  # escalate, respond...
    log_form_view(request, [issue.child], f"Issue {issue.pk}: {page} form")
    step = services.current_step(issue)
    form = make_form(request.POST or None, step)
    if request.method == "POST" and form.is_valid():
        try:
            text = act(issue, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, text)
            return redirect("disputes:detail", pk=issue.pk)
    context = {"issue": issue, "child": issue.child, "form": form, "step": step}
    return render(request, template, context)


def _dated(form_class, field):
    """A form factory whose date field starts at today."""
    return lambda data, step: form_class(data, initial={field: _today()})


@require_http_methods(["GET", "POST"])
def escalate(request, pk):
    def make_form(data, step):
        above = step.stage.position if step and step.stage_id else 0
        return EscalateForm(data, above=above, initial={"on": _today()})

    def act(issue, data):
        new = services.escalate_issue(
            issue,
            stage=data["stage"],
            on=data["on"],
            responder=data["responder"],
            note=data["note"],
            user=request.user,
        )
        return f"Escalated to {new.stage_name}. {new.response_due_explanation}"

    return _issue_form(request, pk, "disputes/escalate.html", make_form, act)


@require_http_methods(["GET", "POST"])
def respond(request, pk):
    def act(issue, data):
        step = services.record_response(
            issue,
            response=data["response"],
            responded_on=data["responded_on"],
            user=request.user,
        )
        return f"Response from {step.responder} recorded."

    return _issue_form(
        request, pk, "disputes/respond.html", _dated(ResponseForm, "responded_on"), act
    )


@require_http_methods(["GET", "POST"])
def resolve(request, pk):
    def act(issue, data):
        closed = services.resolve_issue(
            issue,
            outcome=data["outcome"],
            closed_on=data["closed_on"],
            note=data["note"],
            user=request.user,
        )
        return f"Issue closed: {closed.get_outcome_display()}."

    return _issue_form(request, pk, "disputes/resolve.html", _dated(ResolveForm, "closed_on"), act)


@require_http_methods(["GET", "POST"])
def cafcass(request, pk):
    def act(issue, data):
        services.refer_to_cafcass(issue, on=data["on"], note=data["note"], user=request.user)
        return "Referral to Cafcass recorded."

    return _issue_form(
        request, pk, "disputes/cafcass.html", _dated(CafcassForm, "on"), act, open_only=False
    )


@require_http_methods(["GET", "POST"])
def action(request, pk):
    def act(issue, data):
        services.record_action(issue, on=data["on"], text=data["text"], user=request.user)
        return "Action recorded on the child's record."

    return _issue_form(
        request, pk, "disputes/action.html", _dated(ActionForm, "on"), act, open_only=False
    )
