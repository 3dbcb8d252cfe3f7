"""Thin views over reviews: parse the request, ask access and services, render."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from iro_tracker.accounts import access
from iro_tracker.audit.exports import safe_row
from iro_tracker.audit.services import log_export, log_form_view
from iro_tracker.reviews import caseload as caseload_flags
from iro_tracker.reviews import queries, services
from iro_tracker.reviews.forms import (
    AdjournReviewForm,
    CompleteAdjournedForm,
    DueFilterForm,
    RecordReviewForm,
    ScheduleReviewForm,
)
from iro_tracker.reviews.models import Status
from iro_tracker.rules.calendar import format_date

PAGE_SIZE = 50


def _today():
    return timezone.localdate()


def _staff_only(user):
    if user.is_read_only:
        raise PermissionDenied


def caseload(request):
    """An IRO's own children, overdue first, then by due date."""
    user = request.user
    if not user.is_chair:
        raise PermissionDenied
    today = _today()
    reviews = queries.pending_reviews(access.reviews_for(user)).filter(
        child__allocations__iro=user, child__allocations__end_date__isnull=True
    )
    rows = queries.to_rows(reviews.order_by(*queries.SORTS["due"]), today)
    # Flags other features add (open decisions, overdue health assessments...).
    caseload_flags.annotate(rows, today)
    adjourned = (
        access.reviews_for(user)
        .filter(status=Status.ADJOURNED, chair=user)
        .select_related("child")
        .order_by("adjourned_on", *queries.BY_CHILD)
    )
    counts = {rag: sum(1 for r in rows if r.rag == rag) for rag in queries.RAG_LABELS}
    return render(
        request,
        "reviews/caseload.html",
        {"rows": rows, "today": today, "counts": counts, "adjourned": adjourned},
    )


def _filters(form) -> queries.DueFilters:
    data = form.cleaned_data if form.is_valid() else {}
    return queries.DueFilters(
        iro=data["iro"].pk if data.get("iro") else None,
        team=data["team"].pk if data.get("team") else None,
        due_from=data.get("due_from"),
        due_to=data.get("due_to"),
        overdue=bool(data.get("overdue")),
        unscheduled=bool(data.get("unscheduled")),
        sort=data.get("sort") or "due",
    )


def due(request):
    """Reviews due for business support and managers: filter, sort, download."""
    user = request.user
    _staff_only(user)
    today = _today()
    form = DueFilterForm(request.GET or None)
    reviews = queries.filter_due(access.reviews_for(user), _filters(form), today)
    if request.GET.get("format") == "csv":
        # Child-level exports are for managers only (issue 8); every one is logged.
        if not user.is_manager:
            raise PermissionDenied
        return _due_csv(request, queries.to_rows(reviews, today))
    page = Paginator(reviews, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reviews/due.html",
        {
            "form": form,
            "page": page,
            "rows": queries.to_rows(page.object_list, today),
            "today": today,
            "query": query.urlencode(),
        },
    )


def _due_csv(request, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="reviews-due.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "Child ID",
            "Child",
            "Date of birth",
            "Team",
            "IRO",
            "Review number",
            "Due date",
            "Days left",
            "Status",
            "Date booked",
            "Chair",
            "Care plan received",
            "Pre-meeting report received",
        ]
    )
    for row in rows:
        review, child = row.review, row.review.child
        writer.writerow(
            safe_row(
                (
                    child.local_id,
                    child.display_name,
                    child.date_of_birth,
                    child.team or "",
                    row.iro or "",
                    review.sequence or "",
                    review.due_date,
                    row.days_left,
                    review.get_status_display(),
                    review.scheduled_date or "",
                    review.chair or "",
                    review.care_plan_received or "",
                    review.pre_meeting_report_received or "",
                )
            )
        )
    log_export(request, "Reviews due (CSV)", len(rows))
    return response


def summary(request):
    """Aggregate figures only: the page read-only panel members see."""
    return render(request, "reviews/summary.html", {"s": queries.service_summary(_today())})


def _apply_errors(form, error: ValidationError):
    for field, messages_ in error.message_dict.items():
        target = field if field in form.fields else None
        for message in messages_:
            form.add_error(target, message)


def _review_context(review, form, **extra):
    return {"review": review, "child": review.child, "form": form, **extra}


@require_http_methods(["GET", "POST"])
def record(request, pk):
    review = access.get_review_for_user(request.user, pk, access.RECORD)
    log_form_view(request, [review.child], "review form")
    if review.status == Status.ADJOURNED:
        return redirect("reviews:complete", pk=review.pk)
    if review.status not in (Status.DUE, Status.SCHEDULED):
        raise PermissionDenied
    initial = {
        "version": review.version,
        "held_date": review.scheduled_date,
        "chair": review.chair or (request.user if request.user.is_iro else None),
        "care_plan_received": review.care_plan_received,
        "pre_meeting_report_received": review.pre_meeting_report_received,
    }
    form = RecordReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = services.ReviewOutcome(
            held_date=data["held_date"],
            participation=data["participation"],
            chair=data["chair"],
            late_reason=data["late_reason"],
            late_reason_note=data["late_reason_note"],
            care_plan_received=data["care_plan_received"],
            pre_meeting_report_received=data["pre_meeting_report_received"],
        )
        try:
            following = services.record_review(
                review, outcome, user=request.user, expected_version=data["version"]
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            text = f"Review recorded as held on {format_date(outcome.held_date)}."
            if following is not None:
                text += f" The next review is due {format_date(following.due_date)}."
            messages.success(request, text)
            return redirect("children:detail", pk=review.child_id)
    return render(request, "reviews/record.html", _review_context(review, form))


@require_http_methods(["GET", "POST"])
def complete(request, pk):
    review = access.get_review_for_user(request.user, pk, access.RECORD)
    log_form_view(request, [review.child], "review form")
    if review.status != Status.ADJOURNED:
        raise PermissionDenied
    form = CompleteAdjournedForm(
        request.POST or None, initial={"chair": review.chair, "version": review.version}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = services.ReviewOutcome(
            held_date=review.held_date,
            participation=data["participation"],
            chair=data["chair"],
            late_reason=data["late_reason"],
            late_reason_note=data["late_reason_note"],
        )
        try:
            services.complete_adjourned_review(
                review,
                outcome,
                completed_date=data["completed_date"],
                user=request.user,
                expected_version=data["version"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Adjourned review completed.")
            return redirect("children:detail", pk=review.child_id)
    deadline = services.adjournment_due(review)
    return render(
        request, "reviews/complete.html", _review_context(review, form, deadline=deadline)
    )


@require_http_methods(["GET", "POST"])
def schedule(request, pk):
    review = access.get_review_for_user(request.user, pk, access.SCHEDULE)
    log_form_view(request, [review.child], "review form")
    initial = {
        "version": review.version,
        "scheduled_date": review.scheduled_date,
        "chair": review.chair,
        "care_plan_received": review.care_plan_received,
        "pre_meeting_report_received": review.pre_meeting_report_received,
    }
    form = ScheduleReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.schedule_review(
                review,
                scheduled_date=data["scheduled_date"],
                chair=data["chair"],
                user=request.user,
                expected_version=data["version"],
            )
            services.record_documents(
                review,
                care_plan=data["care_plan_received"],
                pre_meeting_report=data["pre_meeting_report_received"],
                user=request.user,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"Review booked for {format_date(data['scheduled_date'])}.")
            return redirect("children:detail", pk=review.child_id)
    return render(request, "reviews/schedule.html", _review_context(review, form))


@require_http_methods(["GET", "POST"])
def adjourn(request, pk):
    review = access.get_review_for_user(request.user, pk, access.RECORD)
    log_form_view(request, [review.child], "review form")
    form = AdjournReviewForm(
        request.POST or None,
        initial={"meeting_date": review.scheduled_date, "version": review.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.adjourn_review(
                review,
                meeting_date=form.cleaned_data["meeting_date"],
                reason=form.cleaned_data["reason"],
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            review.refresh_from_db()
            deadline = services.adjournment_due(review)
            messages.success(
                request,
                f"Review adjourned. It must be completed by {format_date(deadline.date)}.",
            )
            return redirect("children:detail", pk=review.child_id)
    return render(request, "reviews/adjourn.html", _review_context(review, form))
