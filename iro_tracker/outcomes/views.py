"""Thin views over the outcome record: parse the request, ask access and services, render.

The letter's pages are in ``letter_views``.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from iro_tracker.audit.models import Action
from iro_tracker.audit.services import log_access, log_child_view, log_form_view
from iro_tracker.outcomes import conf, letters, queries, render_record, services
from iro_tracker.outcomes.access import (
    RECORD,
    can_record,
    get_decision_for_user,
    get_held_review_for_user,
)
from iro_tracker.outcomes.forms import (
    AttendeeFormSet,
    CirculationForm,
    DecisionForm,
    MeetingForm,
    QAForm,
    from_bool,
    to_bool,
)
from iro_tracker.outcomes.models import Band

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _today():
    return timezone.localdate()


def apply_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for field, messages_ in error.message_dict.items():
        target = field if field in form.fields else None
        for message in messages_:
            form.add_error(target, message)


def download(request, content: bytes | str, *, fmt: str, name: str, child, detail: str):
    """A file for download, logged against the child (every export of a child's data is)."""
    log_access(
        request.user,
        Action.EXPORT,
        path=request.get_full_path(),
        child=child,
        detail=detail,
        row_count=1,
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _back_to_record(review):
    return redirect("outcomes:record", pk=review.pk)


def record(request, pk):
    """The outcome record of a held review: everything on it, with a change link per part."""
    review = get_held_review_for_user(request.user, pk)
    child = review.child
    log_child_view(request, child, detail="Outcome record")
    today = _today()
    outcome = queries.record_for(review)
    versions = list(outcome.letters.all()) if outcome else []
    answers = {a.question_id: a for a in outcome.qa_answers.all()} if outcome else {}
    context = {
        "review": review,
        "child": child,
        "outcome": outcome,
        "age": child.age_on(review.held_date),
        "decisions": [queries.decision_row(d, today) for d in outcome.decisions.all()]
        if outcome
        else [],
        "earlier": queries.open_decisions(child.pk, today, before=review.held_date),
        "qa": [(q, answers.get(q.pk)) for q in services.active_questions()],
        "circulation": queries.circulation(outcome, review, today),
        "letter": versions[-1] if versions else None,
        "letter_timeliness": queries.letter_timeliness(review, versions, today),
        "band_label": Band(letters.band_for(child.age_on(review.held_date))).label,
        "overdue_limit": conf.decision_overdue_working_days(),
        "can_edit": can_record(request.user, child),
        "here": request.get_full_path(),
    }
    return render(request, "outcomes/record.html", context)


@require_http_methods(["GET", "POST"])
def meeting(request, pk):
    review = get_held_review_for_user(request.user, pk, RECORD)
    log_form_view(request, [review.child], "meeting form")
    outcome = queries.record_for(review)
    initial = {}
    people = []
    if outcome is not None:
        initial = {
            "wishes_and_feelings": outcome.wishes_and_feelings,
            "gathered": outcome.gathered,
            "spoke_before": from_bool(outcome.spoke_before),
            "spoke_alone": from_bool(outcome.spoke_alone),
            "not_alone_reason": outcome.not_alone_reason,
        }
        people = [{"name": a.name, "role": a.role} for a in outcome.attendees.all()]
    form = MeetingForm(request.POST or None, initial=initial)
    formset = AttendeeFormSet(request.POST or None, initial=people, prefix="people")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        attendees = [
            (row["name"], row["role"])
            for row in formset.cleaned_data
            if row.get("name", "").strip() or row.get("role")
        ]
        details = services.MeetingDetails(
            wishes_and_feelings=data["wishes_and_feelings"],
            gathered=data["gathered"],
            spoke_before=to_bool(data["spoke_before"]),
            spoke_alone=to_bool(data["spoke_alone"]),
            not_alone_reason=data["not_alone_reason"],
            attendees=attendees,
        )
        try:
            services.save_meeting(review, details, user=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The record of the meeting is saved.")
            return _back_to_record(review)
    context = {"review": review, "child": review.child, "form": form, "formset": formset}
    return render(request, "outcomes/meeting_form.html", context)


def _decision_data(form) -> services.DecisionData:
    data = form.cleaned_data
    return services.DecisionData(
        text=data["text"],
        why=data["why"],
        owner=data["owner"],
        due_date=data["due_date"],
        status=data["status"],
        status_note=data["status_note"],
    )


@require_http_methods(["GET", "POST"])
def add_decision(request, pk):
    review = get_held_review_for_user(request.user, pk, RECORD)
    log_form_view(request, [review.child], "add decision form")
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.add_decision(review, _decision_data(form), user=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Decision {decision.number} added.")
            if "another" in request.POST:
                return redirect("outcomes:add_decision", pk=review.pk)
            return _back_to_record(review)
    context = {"review": review, "child": review.child, "form": form, "adding": True}
    return render(request, "outcomes/decision_form.html", context)


@require_http_methods(["GET", "POST"])
def decision(request, pk):
    """Change a decision or follow it up (done, dropped), from whichever review's page."""
    item = get_decision_for_user(request.user, pk, RECORD)
    review = item.record.review
    log_form_view(request, [review.child], f"decision {item.number} form")
    initial = {
        "text": item.text,
        "why": item.why,
        "owner": item.owner,
        "due_date": item.due_date,
        "status": item.status,
        "status_note": item.status_note,
    }
    form = DecisionForm(request.POST or None, initial=initial)
    back = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
        back = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.update_decision(item, _decision_data(form), user=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Decision {item.number} saved.")
            return redirect(back) if back else _back_to_record(review)
    context = {"review": review, "child": review.child, "form": form, "item": item, "next": back}
    return render(request, "outcomes/decision_form.html", context)


@require_http_methods(["GET", "POST"])
def quality(request, pk):
    review = get_held_review_for_user(request.user, pk, RECORD)
    log_form_view(request, [review.child], "quality assurance form")
    outcome = queries.record_for(review)
    initial = {}
    for answer in outcome.qa_answers.all() if outcome else []:
        initial[f"q{answer.question_id}_rating"] = answer.rating
        initial[f"q{answer.question_id}_comment"] = answer.comment
    form = QAForm(services.active_questions(), request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_qa(review, form.answers(), user=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Quality assurance judgements saved.")
            return _back_to_record(review)
    return render(
        request, "outcomes/qa_form.html", {"review": review, "child": review.child, "form": form}
    )


@require_http_methods(["GET", "POST"])
def circulation(request, pk):
    review = get_held_review_for_user(request.user, pk, RECORD)
    log_form_view(request, [review.child], "circulation form")
    outcome = queries.record_for(review)
    initial = {}
    if outcome is not None:
        initial = {
            "decisions_circulated_on": outcome.decisions_circulated_on,
            "record_circulated_on": outcome.record_circulated_on,
        }
    form = CirculationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_circulation(
                review,
                decisions_on=form.cleaned_data["decisions_circulated_on"],
                record_on=form.cleaned_data["record_circulated_on"],
                user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Circulation dates saved.")
            return _back_to_record(review)
    context = {
        "review": review,
        "child": review.child,
        "form": form,
        "circulation": queries.circulation(outcome, review, _today()),
    }
    return render(request, "outcomes/circulation_form.html", context)


def document(request, pk, fmt):
    """The record of the review for professionals (with QA), as HTML, PDF or Word."""
    review = get_held_review_for_user(request.user, pk)
    outcome = queries.record_for(review)
    if outcome is None or fmt not in CONTENT_TYPES:
        raise Http404("No outcome record yet.")
    today = _today()
    content = {
        "html": render_record.record_html,
        "pdf": render_record.record_pdf,
        "docx": render_record.record_docx,
    }[fmt](outcome, today)
    return download(
        request,
        content,
        fmt=fmt,
        name=render_record.download_name(outcome, fmt),
        child=review.child,
        detail=f"Record of the review ({fmt})",
    )
