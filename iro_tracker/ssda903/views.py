"""Thin views over SSDA903 imports: upload and preview, confirm, the runs, data quality.

Uploading, previewing and confirming are for managers and business support; the data-quality
page is for every member of staff who may see children's records.
"""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Min
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from iro_tracker.accounts import access
from iro_tracker.audit.exports import safe_row
from iro_tracker.audit.services import log_export
from iro_tracker.ssda903.forms import ConfirmForm, UploadForm, discard_upload
from iro_tracker.ssda903.loader import load_903
from iro_tracker.ssda903.models import Finding, ImportRun, RunStatus
from iro_tracker.ssda903.problems import CSV_COLUMNS

RUNS_PER_PAGE = 25
ROWS_PER_PAGE = 100
KINDS = (
    ("children", "Children"),
    ("episodes", "Episodes"),
    ("reviews", "Reviews"),
    ("other_rows", "Other 903 rows"),
)


def _require_importer(user) -> None:
    """Managers and business support import; everyone else gets 403."""
    access.require(user, access.VIEW)
    if not (user.is_manager or user.is_business_support):
        raise PermissionDenied


def _page(request, queryset, size):
    page = Paginator(queryset, size).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def import_list(request):
    """Previous imports, previews and refusals, newest first."""
    _require_importer(request.user)
    page, query = _page(request, ImportRun.objects.select_related("user"), RUNS_PER_PAGE)
    return render(request, "ssda903/list.html", {"page": page, "query": query})


@require_http_methods(["GET", "POST"])
def upload(request):
    """Choose files; they are checked and previewed (a dry run), never imported here."""
    _require_importer(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        folder, paths = form.save_files()
        data = form.cleaned_data
        result = load_903(
            paths,
            user=request.user,
            year=data["year"],
            strict=data["strict"],
            dry_run=True,
            via="web",
        )
        if result.run.status == RunStatus.PREVIEWED:
            result.run.upload_dir = str(folder)
            result.run.save(update_fields=["upload_dir"])
        else:
            discard_upload(folder)  # refused: the files are not needed again
        return redirect("ssda903:detail", pk=result.run.pk)
    return render(request, "ssda903/upload.html", {"form": form})


def _counts(run: ImportRun) -> list[dict]:
    rows = []
    for key, label in KINDS:
        c = run.summary.get(key) or {}
        if c:
            numbers = {k: c.get(k, 0) for k in ("added", "changed", "unchanged", "kept")}
            rows.append({"label": label, **numbers})
    return rows


def run_detail(request, pk):
    """One run: what it read, what it changed (or would change), and every problem."""
    _require_importer(request.user)
    run = get_object_or_404(ImportRun.objects.select_related("user", "preview"), pk=pk)
    problems = run.problems.select_related("child").order_by("pk")
    page, query = _page(request, problems, ROWS_PER_PAGE)
    confirmed = run.confirmations.order_by("pk").first()
    context = {
        "run": run,
        "page": page,
        "query": query,
        "counts": _counts(run),
        "rows_read": (run.summary.get("rows") or {}).items(),
        "findings_by_rule": (run.summary.get("findings") or {}).items(),
        "errors_by_rule": (run.summary.get("errors") or {}).items(),
        "warnings_by_rule": (run.summary.get("warnings") or {}).items(),
        "confirmed": confirmed,
        "can_confirm": run.status == RunStatus.PREVIEWED and confirmed is None,
        "form": ConfirmForm(run),
    }
    return render(request, "ssda903/run.html", context)


@require_POST
def confirm(request, pk):
    """Import the previewed files, the same code path as the preview without the dry run."""
    _require_importer(request.user)
    preview = get_object_or_404(ImportRun, pk=pk)
    form = ConfirmForm(preview, request.POST)
    if not form.is_valid():
        for error in form.non_field_errors():
            messages.error(request, error)
        return redirect("ssda903:detail", pk=preview.pk)
    result = load_903(
        form.paths,
        user=request.user,
        year=preview.summary.get("year_given"),
        strict=preview.strict,
        via="web",
        preview=preview,
    )
    if result.applied:
        discard_upload(preview.upload_dir)
        messages.success(request, "The return was imported.")
    return redirect("ssda903:detail", pk=result.run.pk)


def problems_csv(request, pk):
    """Every problem of a run as CSV (file, row, column, value, rule, severity, message)."""
    _require_importer(request.user)
    run = get_object_or_404(ImportRun, pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{run.pk}-problems.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    count = 0
    fields = ("file", "row", "column", "value", "rule", "severity", "message", "child_ref")
    for values in run.problems.order_by("pk").values_list(*fields).iterator(chunk_size=5000):
        writer.writerow(safe_row(values))
        count += 1
    log_export(request, f"SSDA903 import {run.pk} problems (CSV)", count)
    return response


def quality(request):
    """Current data-quality findings by rule, and the findings of one rule with their
    children. Fixed query count: one aggregate, one count, one page of findings."""
    access.require(request.user, access.VIEW)
    current = Finding.objects.current().filter(child__in=access.children_for(request.user))
    by_rule = list(
        current.values("rule")
        .annotate(count=Count("id"), children=Count("child", distinct=True), example=Min("message"))
        .order_by("-count", "rule")
    )
    rule = request.GET.get("rule", "")
    findings = current.filter(rule=rule) if rule else current
    findings = findings.select_related("child").order_by("rule", "child__local_id", "pk")
    page, query = _page(request, findings, ROWS_PER_PAGE)
    context = {"by_rule": by_rule, "rule": rule, "page": page, "query": query}
    context["total"] = sum(r["count"] for r in by_rule)
    return render(request, "ssda903/quality.html", context)
