"""Thin views over care proceedings and the legal status watch."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from iro_tracker.audit.services import log_form_view
from iro_tracker.court import access, services
from iro_tracker.court.forms import DiscussionForm, ProceedingsForm
from iro_tracker.court.watch import watch_rows, watched_children
from iro_tracker.health.forms import apply_errors

FIELDS = [f for f in ProceedingsForm.base_fields if f != "children"]
PAGE_SIZE = 50


def proceedings_list(request):
    """Care proceedings, newest first, 50 a page, with each one's length against 26 weeks."""
    user = request.user
    access.require_staff(user)
    only_open = request.GET.get("open") == "1"
    proceedings = (
        access.proceedings_for(user).prefetch_related("children").order_by("-issued_on", "-pk")
    )
    if only_open:
        proceedings = proceedings.filter(concluded_on__isnull=True)
    page = Paginator(proceedings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "court/list.html",
        {
            "page": page,
            "proceedings": page.object_list,
            "only_open": only_open,
            "query": "open=1" if only_open else "",
            "today": timezone.localdate(),
        },
    )


def _save(request, form, child, proceedings):
    data = form.cleaned_data
    try:
        children = services.children_by_local_id(data["children"], include=child)
        services.save_proceedings(
            proceedings,
            children,
            services.Proceedings(**{name: data[name] for name in FIELDS}),
            user=request.user,
        )
    except ValidationError as error:
        apply_errors(form, error)
        return False
    return True


@require_http_methods(["GET", "POST"])
def new(request, pk):
    """Record care proceedings from a child's record (the child is always in them)."""
    child = access.get_child_to_record(request.user, pk)
    log_form_view(request, [child], "care proceedings form")
    form = ProceedingsForm(request.POST or None, initial={"children": child.local_id})
    if request.method == "POST" and form.is_valid() and _save(request, form, child, None):
        messages.success(request, "Care proceedings saved.")
        return redirect("children:detail", pk=child.pk)
    return render(
        request,
        "court/proceedings_form.html",
        {"form": form, "child": child, "title": "Record care proceedings"},
    )


@require_http_methods(["GET", "POST"])
def edit(request, pk):
    proceedings = access.get_proceedings_for_user(request.user, pk)
    children = list(proceedings.children.all())
    log_form_view(request, children, f"Care proceedings {proceedings.pk}")
    initial = {name: getattr(proceedings, name) for name in FIELDS}
    initial["children"] = ", ".join(c.local_id for c in children)
    form = ProceedingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _save(request, form, None, proceedings):
        messages.success(request, "Care proceedings saved.")
        return redirect("court:list")
    return render(
        request,
        "court/proceedings_form.html",
        {"form": form, "proceedings": proceedings, "title": "Care proceedings"},
    )


def watch(request):
    """Children whose legal status should be discussed before their next review (§7.4)."""
    user = request.user
    access.require_staff(user)
    today = timezone.localdate()
    show_all = request.GET.get("all") == "1"
    rows = [
        r
        for r in watch_rows(watched_children(today, user), today)
        if r.revoke or r.needs_discussion or (show_all and r.item)
    ]
    rows.sort(key=lambda r: (not r.needs_discussion, r.discuss_by or today, r.child.last_name))
    return render(request, "court/watch.html", {"rows": rows, "today": today, "show_all": show_all})


@require_http_methods(["GET", "POST"])
def discuss(request, pk):
    child = access.get_child_to_record(request.user, pk)
    log_form_view(request, [child], "legal status discussion form")
    today = timezone.localdate()
    form = DiscussionForm(request.POST or None, initial={"with_whom": child.social_worker})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_discussion(child, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The legal status discussion is recorded.")
            return redirect("children:detail", pk=child.pk)
    row = watch_rows([child], today)[0]
    return render(request, "court/discuss.html", {"form": form, "child": child, "row": row})
