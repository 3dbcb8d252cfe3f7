"""The annual report pages: thin views over ``outputs``, ``services`` and the renderers.

Who sees what:
- managers: the officers' version (every figure, links from each count to the children
  behind it, narratives and population editable), or with ``?published=1`` the published
  version they will send to the panel;
- everyone else (read-only panel members, IROs, business support): the published version,
  with counts 1 to 4 suppressed and no links to children. The report is a public
  document once it goes to the panel, so staff may read it; the officers' version, whose
  lists of children make a manager's monitoring tool, stays with managers.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from iro_tracker.audit.models import Action
from iro_tracker.audit.services import log_access
from iro_tracker.children.models import Child
from iro_tracker.reporting import outputs, services
from iro_tracker.reporting.blocks import year_label
from iro_tracker.reporting.document import children_behind, report_data
from iro_tracker.reporting.forms import NarrativeForm, PopulationForm
from iro_tracker.reporting.models import PopulationEstimate, ReportNarrative
from iro_tracker.reporting.render_docx import render_docx
from iro_tracker.reporting.render_html import report_context
from iro_tracker.reporting.render_pdf import render_pdf
from iro_tracker.reporting.sections import SECTION_TITLES, build_sections, report_title
from iro_tracker.reporting.snapshot import build_snapshot, first_year_with_data, reporting_year_of

FIRST_YEAR = 2000


def _current_year() -> int:
    return reporting_year_of(timezone.localdate())


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= _current_year():
        raise Http404("No report for that year")


def _require_manager(user) -> None:
    if not user.is_manager:
        raise PermissionDenied


def _officer(request) -> bool:
    """The officers' version: managers only, unless they preview the published one."""
    return request.user.is_manager and request.GET.get("published") != "1"


def _load(request, year: int):
    below = 0 if _officer(request) else outputs.PUBLISHED_BELOW
    return outputs.load_report(year, suppress_below=below)


@require_GET
def index(request):
    """Choose a year: every reporting year from the first with data to this one."""
    current = _current_year()
    first = min(first_year_with_data() or current - 1, current - 1)
    years = [
        {"year": y, "label": year_label(y), "period": f"April {y} to March {y + 1}"}
        for y in range(current, first - 1, -1)
    ]
    return render(request, "reporting/index.html", {"years": years, "current": current})


@require_GET
def report(request, year: int):
    _check_year(year)
    officer = _officer(request)
    data, narratives = _load(request, year)
    context = report_context(
        data, narratives, authority=settings.IRO_AUTHORITY_NAME, links=officer, edit=officer
    )
    context.update(
        is_manager=request.user.is_manager,
        officer=officer,
        # A manager previewing the published version downloads the published files too.
        query="?published=1" if request.user.is_manager and not officer else "",
        estimate=PopulationEstimate.objects.filter(year=year).first() if officer else None,
        in_progress=year == _current_year(),
        year_label=year_label(year),
        population_text=f"{data['population']['current']:,}"
        if data["population"]["current"]
        else "",
    )
    return render(request, "reporting/report.html", context)


def _download(request, year: int, render_fn, extension: str) -> HttpResponse:
    _check_year(year)
    data, narratives = _load(request, year)
    content = render_fn(data, narratives, authority=settings.IRO_AUTHORITY_NAME)
    version = "" if _officer(request) else "-published"
    response = HttpResponse(content, content_type=outputs.CONTENT_TYPES[extension])
    name = f"iro-annual-report-{year_label(year)}{version}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def download_pdf(request, year: int):
    return _download(request, year, render_pdf, "pdf")


@require_GET
def download_docx(request, year: int):
    return _download(request, year, render_docx, "docx")


@require_GET
def children(request, year: int, key: str):
    """The children behind one figure of the report (managers only; logged)."""
    _require_manager(request.user)
    _check_year(year)
    snapshot = build_snapshot(year=year)
    try:
        ids = children_behind(snapshot, year, key)
    except KeyError:
        raise Http404("No such figure") from None
    listed = (
        Child.objects.filter(pk__in=[snapshot.child_pks[i] for i in ids])
        .select_related("team")
        .order_by("last_name", "first_name", "local_id")
    )
    label, figure = _figure(snapshot, year, key)
    log_access(
        request.user,
        Action.LIST,
        path=request.get_full_path(),
        detail=f"Annual report {year_label(year)}: {key}",
        row_count=len(ids),
    )
    return render(
        request,
        "reporting/children.html",
        {
            "year": year,
            "year_label": year_label(year),
            "key": key,
            "label": label,
            "figure": figure,
            "children": listed,
            "count": len(ids),
        },
    )


def _figure(snapshot, year: int, key: str) -> tuple[str, str | None]:
    """The label and value shown for ``key`` in the ``year`` report (as on the page)."""
    for section in build_sections(report_data(snapshot, year)):
        for table in section.tables:
            for row in table.rows:
                for position, cell in enumerate(row.cells, start=1):
                    if cell.drill == key and cell.year == year:
                        parts = [table.caption, row.label]
                        if len(table.head) > 3:  # several columns this year: name the column
                            parts.append(table.head[position])
                        return ": ".join(p for p in parts if p), cell.text
    return key, None


@require_http_methods(["GET", "POST"])
def narrative(request, year: int, section: str):
    _require_manager(request.user)
    _check_year(year)
    if section not in SECTION_TITLES:
        raise Http404("No such section")
    current = ReportNarrative.objects.filter(year=year, section=section).first()
    form = NarrativeForm(request.POST or None, initial={"text": current.text if current else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_narrative(year, section, form.cleaned_data["text"], request.user)
        except ValidationError as error:
            form.add_error("text", error.message_dict.get("text", error.messages))
        else:
            messages.success(request, f"Narrative for ‘{SECTION_TITLES[section]}’ saved.")
            return redirect(_section_url(year, section))
    history = current.history.select_related("history_user")[:5] if current else []
    return render(
        request,
        "reporting/narrative.html",
        {
            "form": form,
            "year": year,
            "title": report_title(year),
            "section_title": SECTION_TITLES[section],
            "history": history,
            "back": _section_url(year, section),
        },
    )


@require_http_methods(["GET", "POST"])
def population(request, year: int):
    _require_manager(request.user)
    _check_year(year)
    estimate = PopulationEstimate.objects.filter(year=year).first()
    initial = (
        {"population_0_17": estimate.population_0_17, "source": estimate.source} if estimate else {}
    )
    form = PopulationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.set_population(year, data["population_0_17"], request.user, data["source"])
        messages.success(request, f"Population for {year_label(year)} saved.")
        return redirect(_section_url(year, "population"))
    return render(
        request,
        "reporting/population.html",
        {
            "form": form,
            "year": year,
            "year_label": year_label(year),
            "title": report_title(year),
            "back": _section_url(year, "population"),
        },
    )


def _section_url(year: int, section: str) -> str:
    return reverse("reporting:report", args=[year]) + f"#section-{section.replace('_', '-')}"
