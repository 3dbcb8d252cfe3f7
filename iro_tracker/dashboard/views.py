"""Thin views over the dashboard: the figures, and the children behind any one of them."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from iro_tracker.accounts import access as child_access
from iro_tracker.dashboard import extras, page
from iro_tracker.dashboard.access import dashboard_chair
from iro_tracker.dashboard.cache import figures_for

PAGE_SIZE = 50
LABELS = {
    "reviews.overdue": "Reviews overdue",
    "reviews.due_4_weeks": "Reviews due in the next 4 weeks",
    "conferences.overdue": "Conferences overdue",
    "conferences.due_4_weeks": "Conferences due in the next 4 weeks",
    "timeliness.reviews_held": "Looked-after reviews held this year",
    "timeliness.reviews_late": "Looked-after reviews held late this year",
    "timeliness.icpc_children": "Children at initial conferences this year",
    "timeliness.icpc_on_time": "Initial conferences within 15 working days",
    "timeliness.icpc_s47_children": "Initial conferences with an s47 start date",
    "timeliness.icpc_s47_on_time": "Initial conferences within 15 working days of the s47 start",
    "timeliness.rcpc_children": "Children at review conferences this year",
    "timeliness.rcpc_on_time": "Review conferences on time",
    "participation.eligible": "Reviews of children aged 4 or over",
    "participation.took_part": "Reviews where the child took part",
    "children.looked_after": "Children looked after",
    "children.on_plan": "Children on a child protection plan",
    "children.both": "Children looked after and on a plan",
    "children.no_iro": "Children in care without an IRO",
}


def dashboard(request):
    """One page across looked-after children and child protection (annual report §10.7).

    The figures' part of the page depends only on the figures (no user, no form), so it is
    rendered once per version of the data and kept with them.
    """
    chair = dashboard_chair(request.user)
    figures = figures_for(timezone.localdate(), chair)
    if figures.html is None:
        figures.html = render_to_string("dashboard/_figures.html", page.context(figures))
    return render(
        request,
        "dashboard/dashboard.html",
        {"body": mark_safe(figures.html), "figures": figures},  # noqa: S308 (our own template)
    )


def _label(key: str, figures) -> str:
    if key in LABELS:
        return LABELS[key]
    if key in extras.labels():
        return extras.labels()[key]
    parts = key.split(".")
    if parts[0] == "month":
        month = next((m.label for m in figures.months if m.key == parts[1]), parts[1])
        what = {
            "reviews_held": "Looked-after reviews held",
            "reviews_late": "Looked-after reviews held late",
            "conference_children": "Children at conferences",
            "conference_children_late": "Children at conferences held late",
        }[parts[2]]
        return f"{what}, {month}"
    if parts[0] == "caseload":
        row = next((r for r in figures.caseloads if str(r.chair.pk) == parts[1]), None)
        what = "Looked-after children" if parts[2] == "lac" else "Children on a plan"
        return f"{what} of {row.chair}" if row else what
    return key


def figure_list(request, key):
    """The children behind one figure: exactly as many rows as the figure counts."""
    chair = dashboard_chair(request.user)
    figures = figures_for(timezone.localdate(), chair)
    if key not in figures.items:
        raise Http404
    items = figures.items[key]
    page_obj = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    ids = {item.child_id for item in page_obj.object_list}
    children = child_access.children_for(request.user).filter(pk__in=ids).select_related("team")
    by_id = {c.pk: c for c in children}
    rows = [(by_id.get(item.child_id), item) for item in page_obj.object_list]
    return render(
        request,
        "dashboard/list.html",
        {
            "key": key,
            "label": _label(key, figures),
            "page": page_obj,
            "rows": rows,
            "total": len(items),
        },
    )
