"""The report as PDF: the standalone HTML document through WeasyPrint.

Tagged (PDF/UA-1), so a screen reader gets the headings, tables and reading order, and
each chart's text alternative (the inline SVG's title and description) travels with it.
"""

from __future__ import annotations

from typing import Any

from weasyprint import HTML, URLFetcher

from iro_tracker.reporting.render_html import render_html

PDF_VARIANT = "pdf/ua-1"


def render_pdf(
    data: dict[str, Any], narratives: dict[str, str] | None = None, *, authority: str
) -> bytes:
    """PDF bytes of the report for ``data`` (``document.report_data``)."""
    html = render_html(data, narratives, authority=authority)
    # The document is self-contained (styles inline, charts as data: URIs): refuse every
    # other URL, so nothing in a narrative could ever make the server fetch a file.
    fetcher = URLFetcher(allowed_protocols=("data",))
    return HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_tags=True, pdf_variant=PDF_VARIANT)
