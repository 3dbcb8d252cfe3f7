"""Thin views over children: the record page, the list, and allocation."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Prefetch, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from iro_tracker.accounts import access
from iro_tracker.audit.services import log_child_view, log_form_view
from iro_tracker.children.forms import AllocateForm, SearchForm
from iro_tracker.children.models import Allocation
from iro_tracker.children.panels import PanelRequest, panel_context
from iro_tracker.children.services import allocate_iro, current_allocation
from iro_tracker.reviews import queries
from iro_tracker.reviews.models import Review, Status
from iro_tracker.reviews.services import adjournment_due, completion_overdue
from iro_tracker.rules import codes
from iro_tracker.rules.periods import periods_of_care, short_break_series

PAGE_SIZE = 50


def child_list(request):
    user = request.user
    access.require(user, access.VIEW)
    form = SearchForm(request.GET or None)
    children = access.children_for(user).select_related("team")
    if form.is_valid() and form.cleaned_data["q"]:
        q = form.cleaned_data["q"].strip()
        children = children.filter(
            Q(first_name__icontains=q) | Q(last_name__icontains=q) | Q(local_id__iexact=q)
        )
    current = Allocation.objects.filter(end_date__isnull=True).select_related("iro")
    children = children.prefetch_related(
        Prefetch("allocations", queryset=current, to_attr="current")
    )
    page = Paginator(children, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "children/list.html", {"form": form, "page": page, "query": query.urlencode()}
    )


def _episode_view(episode):
    return {
        "episode": episode,
        "ls": codes.LEGAL_STATUS.label(episode.ls),
        "place": codes.PLACEMENT.label(episode.place),
        "rne": codes.RNE.label(episode.rne),
        "rec": codes.REC.label(episode.rec) if episode.rec else "",
    }


def detail(request, pk):
    user = request.user
    child = access.get_child_for_user(user, pk)
    log_child_view(request, child)
    today = timezone.localdate()
    episodes = list(child.episodes.order_by("decom"))
    periods = [
        {"period": p, "episodes": [_episode_view(e) for e in p.episodes], "kind": "care"}
        for p in periods_of_care(episodes)
    ] + [
        {"period": p, "episodes": [_episode_view(e) for e in p.episodes], "kind": "short"}
        for p in short_break_series(episodes)
    ]
    periods.sort(key=lambda item: item["period"].start, reverse=True)
    reviews = list(
        Review.objects.filter(child=child)
        .exclude(status=Status.CANCELLED)
        .select_related("chair")
        .order_by(F("held_date").desc(nulls_first=True), "-due_date", "-pk")
    )
    pending = next((r for r in reviews if r.status in (Status.DUE, Status.SCHEDULED)), None)
    held = [r for r in reviews if r.status in (Status.HELD, Status.ADJOURNED)]
    adjourned = [
        {"review": r, "deadline": adjournment_due(r), "overdue": completion_overdue(r)}
        for r in held
        if r.status == Status.ADJOURNED
    ]
    context = {
        **panel_context(PanelRequest(user, child, today, held)),
        "child": child,
        "age": child.age_on(today),
        "today": today,
        "periods": periods,
        "held": held,
        "pending": pending,
        "pending_rag": queries.rag(pending.due_date, today) if pending else None,
        "adjourned": adjourned,
        "allocation": current_allocation(child),
        "allocations": child.allocations.select_related("iro").order_by("-start_date", "-pk"),
        "can_record": access.can(user, access.RECORD, child),
        "can_schedule": access.can(user, access.SCHEDULE, child),
        "can_allocate": access.can(user, access.ALLOCATE, child),
        "ethnicity": codes.ETHNICITY.label(child.ethnicity) if child.ethnicity else "",
        "rag_labels": queries.RAG_LABELS,
    }
    return render(request, "children/detail.html", context)


@require_http_methods(["GET", "POST"])
def allocate(request, pk):
    child = access.get_child_for_user(request.user, pk, access.ALLOCATE)
    log_form_view(request, [child], "allocation form")
    form = AllocateForm(request.POST or None, initial={"start_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            allocation = allocate_iro(
                child,
                data["iro"],
                start_date=data["start_date"],
                reason=data["reason"],
                user=request.user,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, f"{allocation.iro} is now {child.display_name}'s IRO.")
            return redirect("children:detail", pk=child.pk)
    return render(
        request,
        "children/allocate.html",
        {"child": child, "form": form, "allocation": current_allocation(child)},
    )
