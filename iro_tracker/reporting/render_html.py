"""The report as HTML: the context every template of the report shares, and the standalone
document (``iro report annual --format html``, and the page WeasyPrint turns into the PDF).

Reads only the figures (``document.report_data``) and the narratives, never the models.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from iro_tracker.reporting.sections import build_sections, period_label, report_title


def report_context(
    data: dict[str, Any],
    narratives: dict[str, str] | None = None,
    *,
    authority: str,
    links: bool = False,
    edit: bool = False,
    print_: bool = False,
) -> dict[str, Any]:
    """What ``reporting/_report.html`` needs. ``links``: drill-down links on each count
    (managers' version only); ``edit``: narrative links; ``print_``: document layout."""
    year = data["year"]
    return {
        "year": year,
        "title": report_title(year),
        "period": period_label(year),
        "authority": authority,
        "sections": build_sections(data, narratives),
        "published": bool(data.get("suppressed_below")),
        "suppressed_below": data.get("suppressed_below") or 0,
        "population": data.get("population") or {},
        "links": links,
        "edit": edit,
        "print": print_,
    }


def render_html(
    data: dict[str, Any], narratives: dict[str, str] | None = None, *, authority: str
) -> str:
    """The whole report as one self-contained HTML document (styles and charts inline)."""
    context = report_context(data, narratives, authority=authority, print_=True)
    return render_to_string("reporting/report_document.html", context)
