"""The report from the database, in every format: what the views and ``iro report`` call.

``load_report`` reads the database (a fixed number of queries) and computes the figures;
the renderers then see only those figures and the narratives.
"""

from __future__ import annotations

import csv
import json
from typing import IO, Any

from django.conf import settings

from iro_tracker.audit.exports import safe_cell
from iro_tracker.reporting.document import report_data
from iro_tracker.reporting.models import PopulationEstimate
from iro_tracker.reporting.render_docx import render_docx
from iro_tracker.reporting.render_html import render_html
from iro_tracker.reporting.render_pdf import render_pdf
from iro_tracker.reporting.services import narratives_for
from iro_tracker.reporting.snapshot import build_snapshot, population_for, with_population
from iro_tracker.rules.metrics import annual_report, review_rows, suppress

FORMATS = ("json", "html", "pdf", "docx")
CONTENT_TYPES = {
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
PUBLISHED_BELOW = 5  # issue 4: the published version suppresses counts 1 to 4


def load_report(year: int, *, suppress_below: int = 0) -> tuple[dict[str, Any], dict[str, str]]:
    """The figures for ``year`` beside ``year - 1`` (``document.report_data``) and the
    narratives. Last year's rate uses last year's population estimate."""
    snapshot = build_snapshot(year=year)
    estimates = dict(PopulationEstimate.objects.values_list("year", "population_0_17"))
    previous = with_population(snapshot, population_for(year - 1, estimates))
    data = report_data(snapshot, year, previous_snapshot=previous, suppress_below=suppress_below)
    return data, narratives_for(year)


def annual_json(year: int, *, suppress_below: int = 0) -> str:
    """``annual_report`` for ``year`` as JSON: exactly the report's keys (issue 4)."""
    report = annual_report(build_snapshot(year=year), year)
    if suppress_below > 1:
        report = suppress(report, suppress_below)
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def annual_document(year: int, fmt: str, *, suppress_below: int = 0) -> bytes:
    """The report for ``year`` as ``fmt`` (one of ``FORMATS``), as bytes."""
    if fmt == "json":
        return annual_json(year, suppress_below=suppress_below).encode()
    data, narratives = load_report(year, suppress_below=suppress_below)
    authority = settings.IRO_AUTHORITY_NAME
    if fmt == "html":
        return render_html(data, narratives, authority=authority).encode()
    if fmt == "pdf":
        return render_pdf(data, narratives, authority=authority)
    if fmt == "docx":
        return render_docx(data, narratives, authority=authority)
    raise ValueError(f"Unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


REVIEW_COLUMNS = (
    "child",
    "period_start",
    "sequence",
    "review_date",
    "due_date",
    "on_time",
    "days_late",
    "late_reason",
    "participation",
)


# A CSV cell that a spreadsheet will not run (CSV injection): the project's one helper.
spreadsheet_safe = safe_cell


def write_reviews_csv(year: int, stream: IO[str]) -> int:
    """One row per review held in reporting ``year`` (the reviews the report counts);
    returns the number of rows. Dates are ISO; ``on_time`` is yes, no or blank (not
    assessable)."""
    writer = csv.writer(stream)
    writer.writerow(REVIEW_COLUMNS)
    rows = review_rows(build_snapshot(year=year, extras=False), year)
    for row in rows:
        on_time = "" if row.on_time is None else ("yes" if row.on_time else "no")
        writer.writerow(
            [
                spreadsheet_safe(value)
                for value in (
                    row.child_id,
                    row.period_start.isoformat() if row.period_start else "",
                    row.sequence,
                    row.held.isoformat(),
                    row.due.isoformat() if row.due else "",
                    on_time,
                    row.days_late if row.days_late is not None else "",
                    row.late_reason,
                    row.participation,
                )
            ]
        )
    return len(rows)
