"""Thin views over child protection: record a conference for a sibling group in one form, see a
conference, log a strategy discussion or a core group. Rules live in conferences.services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from iro_tracker.accounts import access as child_access
from iro_tracker.audit.services import log_child_view, log_form_view
from iro_tracker.children.models import Child
from iro_tracker.conferences import access, services
from iro_tracker.conferences.forms import (
    AmendConferenceForm,
    ChildRowForm,
    CloseEnquiryForm,
    ConferenceForm,
    CoreGroupForm,
    StrategyDiscussionForm,
    parse_local_ids,
)
from iro_tracker.conferences.models import (
    AttendeeRole,
    ChildProtectionPlan,
    Kind,
    StrategyDiscussion,
)
from iro_tracker.conferences.queries import open_enquiries
from iro_tracker.conferences.siblings import siblings_of
from iro_tracker.rules.calendar import format_date


def _apply_errors(form, error: ValidationError) -> None:
    for field, problems in error.message_dict.items():
        target = field if field in form.fields else None
        for problem in problems:
            form.add_error(target, problem)


def _ids(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip().isdigit()]


def _candidates(request, user) -> tuple[list[Child], list[str]]:
    """The children listed in the form, and any local IDs typed that match no child.

    Opened from a child's record (``?child=``) the list starts with that child, their siblings
    and anyone in the same open enquiry; ``?add=`` adds children by local ID. A POST lists
    exactly the children the form showed (its hidden ``candidates`` field).
    """
    visible = child_access.children_for(user)
    if request.method == "POST":
        pks = _ids(request.POST.get("candidates", ""))
        by_pk = {c.pk: c for c in visible.filter(pk__in=pks)}
        return [by_pk[pk] for pk in dict.fromkeys(pks) if pk in by_pk], []
    pks: list[int] = []
    start = request.GET.get("child", "")
    first = visible.filter(pk=int(start)).first() if start.isdigit() else None
    if first is not None:
        pks.append(first.pk)
        pks += [c.pk for c in siblings_of(first)]
        discussions = open_enquiries().filter(child=first).values("discussion")
        pks += list(
            open_enquiries().filter(discussion__in=discussions).values_list("child_id", flat=True)
        )
    wanted = parse_local_ids(request.GET.get("add", ""))
    added = list(visible.filter(local_id__in=wanted))
    pks += [c.pk for c in added]
    by_pk = {c.pk: c for c in visible.filter(pk__in=pks)}
    unknown = sorted(set(wanted) - {c.local_id for c in added})
    return [by_pk[pk] for pk in dict.fromkeys(pks)], unknown


def _initial_kind(plans) -> str:
    return Kind.REVIEW if plans else Kind.INITIAL


@require_http_methods(["GET", "POST"])
def record(request):
    """Record one conference about a child or a sibling group: every child's outcome, plan
    category and due dates in the same form."""
    user = request.user
    access.require(user, access.RECORD)
    children, unknown = _candidates(request, user)
    log_form_view(request, children, "conference form")
    plans = {
        p.child_id: p
        for p in ChildProtectionPlan.objects.filter(child__in=children, end_date__isnull=True)
    }
    discussions = (
        StrategyDiscussion.objects.filter(
            enquiry_children__in=open_enquiries().filter(child__in=children)
        )
        .distinct()
        .order_by("-held_on", "-pk")
    )
    data = request.POST if request.method == "POST" else None
    form = ConferenceForm(
        data,
        chairs=access.chairs_for(user),
        discussions=discussions,
        initial={
            "kind": _initial_kind(plans),
            "chair": user if user.is_cpa else None,
            "quorate": "yes",
            "strategy_discussion": discussions.first(),
        },
    )
    rows = [
        ChildRowForm(
            data,
            child=c,
            plan=plans.get(c.pk),
            initial={"include": True},
        )
        for c in children
    ]
    if request.method == "POST" and form.is_valid() & all([r.is_valid() for r in rows]):
        conference = _save(request, form, rows)
        if conference is not None:
            return redirect("conferences:detail", pk=conference.pk)
    context = {
        "form": form,
        "rows": rows,
        "candidates": ",".join(str(c.pk) for c in children),
        "unknown": unknown,
        "start": request.GET.get("child", ""),
        "added": request.GET.get("add", ""),
    }
    return render(request, "conferences/record.html", context)


def _save(request, form, rows):
    data = form.cleaned_data
    outcomes = [
        services.ChildOutcome(r.child, r.cleaned_data["outcome"], r.cleaned_data["category"])
        for r in rows
        if r.cleaned_data["include"]
    ]
    details = services.ConferenceDetails(
        kind=data["kind"],
        held_on=data["held_on"],
        chair=data["chair"],
        quorate=data["quorate"] == "yes",
        attendees=form.attendees(),
        late_reason=data["late_reason"],
        late_reason_note=data["late_reason_note"],
        strategy_discussion=data["strategy_discussion"] if data["kind"] == Kind.INITIAL else None,
        strategy_discussion_on=data["strategy_discussion_on"],
        s47_started_on=data["s47_started_on"],
    )
    try:
        conference = services.record_conference(details, outcomes, user=request.user)
    except ValidationError as error:
        _apply_errors(form, error)
        return None
    dated = [
        f"{r.child.display_name} {format_date(r.next_due_date)}"
        for r in conference.rows.select_related("child")
        if r.next_due_date
    ]
    text = (
        f"Conference recorded for {len(outcomes)} {'child' if len(outcomes) == 1 else 'children'}."
    )
    if dated:
        text += f" Next review conference due: {'; '.join(dated)}."
    messages.success(request, text)
    return conference


def detail(request, pk):
    """One conference: who it was about, each child's outcome and due dates, who attended."""
    conference = access.get_conference_for_user(request.user, pk)
    rows = list(conference.rows.filter(child__archived=False).select_related("child", "plan"))
    for row in rows:  # a view of each child's child protection record (issue 8)
        log_child_view(request, row.child, detail=f"Conference {conference.pk}")
    return render(
        request,
        "conferences/detail.html",
        {
            "conference": conference,
            "rows": rows,
            "discussion": conference.strategy_discussion,
            "attendees": [
                {**a, "role_label": AttendeeRole(a["role"]).label} for a in conference.attendees
            ],
        },
    )


@require_http_methods(["GET", "POST"])
def strategy(request):
    """Log a strategy discussion so that each child's initial conference is due from it."""
    user = request.user
    access.require(user, access.STRATEGY)
    initial = {}
    start = request.GET.get("child", "")
    if start.isdigit():
        first = child_access.children_for(user).filter(pk=int(start)).first()
        if first is not None:
            family = [first, *siblings_of(first)]
            log_form_view(request, family, "strategy discussion form")
            initial["children"] = ", ".join(c.local_id for c in family)
    form = StrategyDiscussionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        wanted = parse_local_ids(data["children"])
        children = list(child_access.children_for(user).filter(local_id__in=wanted))
        unknown = sorted(set(wanted) - {c.local_id for c in children})
        if unknown:
            form.add_error("children", f"No child has the local ID {', '.join(unknown)}.")
        else:
            try:
                discussion = services.record_strategy_discussion(
                    children,
                    held_on=data["held_on"],
                    s47_started_on=data["s47_started_on"],
                    user=user,
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(
                    request,
                    f"Strategy discussion recorded. {discussion.icpc_due_explanation}",
                )
                return redirect("children:detail", pk=children[0].pk)
    return render(request, "conferences/strategy.html", {"form": form})


@require_http_methods(["GET", "POST"])
def close_enquiry(request, pk):
    """Record that a child's initial conference will not be held (strategy role)."""
    access.require(request.user, access.STRATEGY)
    enquiry = get_object_or_404(open_enquiries().select_related("child", "discussion"), pk=pk)
    log_form_view(request, [enquiry.child], "close enquiry form")
    form = CloseEnquiryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.close_enquiry(enquiry, reason=form.cleaned_data["reason"], user=request.user)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Recorded: no initial conference will be held.")
            return redirect("children:detail", pk=enquiry.child_id)
    return render(
        request,
        "conferences/close_enquiry.html",
        {"form": form, "enquiry": enquiry, "child": enquiry.child},
    )


@require_http_methods(["GET", "POST"])
def core_group(request, pk):
    plan = access.get_plan_for_user(request.user, pk, access.CORE_GROUP)
    log_form_view(request, [plan.child], "core group form")
    form = CoreGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_core_group(
                plan, held_on=form.cleaned_data["held_on"], user=request.user
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Core group recorded.")
            return redirect("children:detail", pk=plan.child_id)
    return render(
        request, "conferences/core_group.html", {"form": form, "plan": plan, "child": plan.child}
    )


@require_http_methods(["GET", "POST"])
def amend(request, pk):
    """Correct a conference's quorum or late-reason note (its chair or a manager)."""
    user = request.user
    access.require(user, access.RECORD)
    conference = access.get_conference_for_user(user, pk)
    if not (user.is_manager or conference.chair_id == user.pk):
        raise PermissionDenied
    form = AmendConferenceForm(
        request.POST or None,
        initial={
            "version": conference.version,
            "quorate": "yes" if conference.quorate else "no",
            "late_reason_note": conference.late_reason_note,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.amend_conference(
                conference,
                quorate=data["quorate"] == "yes",
                late_reason_note=data["late_reason_note"],
                user=user,
                expected_version=data["version"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Conference corrected.")
            return redirect("conferences:detail", pk=conference.pk)
    return render(request, "conferences/amend.html", {"form": form, "conference": conference})
