"""The report as HTML, PDF and Word: every section, chart and table; suppression; narratives.

The documents are rendered once per module (the slow part) and read back with pypdf and
python-docx, as a reader's software would.
"""

import io
import re

import docx
import pypdf
import pytest
from django.template.loader import render_to_string

from iro_tracker.reporting.document import report_data
from iro_tracker.reporting.render_docx import render_docx
from iro_tracker.reporting.render_html import render_html
from iro_tracker.reporting.render_pdf import render_pdf
from iro_tracker.reporting.sections import build_sections
from iro_tracker.reporting.tests.factories import by_hand_snapshot

NARRATIVE = "Reviews <script>alert('x')</script> were <b>mostly</b> on time.\n\nA second paragraph."
# Markup naming a local file: the PDF must show it as text and never fetch the file.
FETCH = '<img src="file:///etc/hostname"> <link rel="stylesheet" href="file:///etc/hostname">'
NARRATIVES = {"reviews": NARRATIVE, "service": FETCH}
UASC = "Unaccompanied asylum-seeking children on 31 March"


@pytest.fixture(scope="module")
def data():
    return report_data(by_hand_snapshot("1", "2"), 2018)


@pytest.fixture(scope="module")
def published():
    return report_data(by_hand_snapshot("1", "2"), 2018, suppress_below=5)


@pytest.fixture(scope="module")
def published_pdf(published):
    return _pdf_text(render_pdf(published, NARRATIVES, authority="Demo County Council"))


@pytest.fixture(scope="module")
def officer_docx(data):
    return docx.Document(io.BytesIO(render_docx(data, NARRATIVES, authority="Demo County Council")))


@pytest.fixture(scope="module")
def published_docx(published):
    return docx.Document(
        io.BytesIO(render_docx(published, NARRATIVES, authority="Demo County Council"))
    )


def _pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(content))
    _pdf_text.reader = reader
    return "\n".join(page.extract_text() for page in reader.pages)


def _docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += ["\t".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n".join(parts)


def _docx_row(document, label: str) -> list[str]:
    for table in document.tables:
        for row in table.rows:
            if row.cells[0].text == label:
                return [cell.text for cell in row.cells[1:]]
    raise AssertionError(label)


def test_the_pdf_has_every_section_chart_and_table(published, published_pdf):
    flat = " ".join(published_pdf.split())
    for section in build_sections(published):
        assert f"{section.number}. {section.title}" in flat
        for table in section.tables:
            assert " ".join(table.caption.split()) in flat, table.caption
        for chart in section.charts:
            assert chart.spec.title in flat
    reader = _pdf_text.reader
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged for screen readers
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert reader.metadata.title.startswith(
        "Independent Reviewing Officer (IRO) annual report 2018-19"
    )


def test_the_word_document_has_every_section_chart_and_table(data, officer_docx):
    headings = [p.text for p in officer_docx.paragraphs if p.style.name == "Heading 1"]
    sections = build_sections(data)
    assert headings == [f"{s.number}. {s.title}" for s in sections]
    captions = [p.text for p in officer_docx.paragraphs if p.style.name == "Caption"]
    charts = [c for s in sections for c in s.charts]
    tables = [t for s in sections for t in s.tables]
    assert len(officer_docx.inline_shapes) == len(charts) == 8
    assert len(officer_docx.tables) == len(tables)
    for chart in charts:
        assert chart.spec.title in captions
    for table in tables:
        assert table.caption in captions
    alt_texts = [shape._inline.docPr.get("descr") for shape in officer_docx.inline_shapes]
    assert alt_texts == [c.spec.description for c in charts]
    assert _docx_row(officer_docx, UASC) == ["3", "3"]


def test_a_count_of_3_is_shown_as_under_5_in_every_published_format(
    published, published_pdf, published_docx
):
    html = render_html(published, authority="Demo")
    assert re.search(re.escape(UASC) + r"</th>\s*<td[^>]*>&lt;5</td>", html)
    assert re.search(re.escape(UASC) + r" <5 <5", published_pdf)
    assert _docx_row(published_docx, UASC) == ["<5", "<5"]
    assert "including fewer than 5 unaccompanied asylum-seeking children" in " ".join(
        published_pdf.split()
    )
    for text in (html, published_pdf, _docx_text(published_docx)):
        assert re.search(re.escape(UASC) + r"\D*3\b", text) is None
        assert "by SSDA903 code" not in text  # no code-level tables to subtract from


def test_the_officers_version_shows_the_count(data, officer_docx):
    html = render_html(data, authority="Demo")
    assert re.search(re.escape(UASC) + r"</th>\s*<td[^>]*>3</td>", html)
    assert "Officers' version" in _docx_text(officer_docx)


def test_narratives_are_merged_as_text_in_every_format(data, published_pdf, officer_docx):
    html = render_html(data, NARRATIVES, authority="Demo")
    escaped = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; were &lt;b&gt;mostly&lt;/b&gt;"
    assert f"Reviews {escaped} on time." in html
    assert "<script>" not in html and "<b>mostly" not in html and '<img src="file' not in html
    flat = " ".join(published_pdf.split())
    assert "Reviews <script>alert('x')</script> were <b>mostly</b> on time." in flat
    assert "A second paragraph." in flat
    assert FETCH in flat  # shown as text: WeasyPrint never saw an <img> or <link> to fetch
    paragraphs = [p.text for p in officer_docx.paragraphs]
    assert "Reviews <script>alert('x')</script> were <b>mostly</b> on time." in paragraphs
    assert "A second paragraph." in paragraphs


def test_the_pdf_refuses_every_url_but_data(monkeypatch):
    """Defence in depth behind the escaping: the PDF renderer's fetcher allows data: only."""
    import weasyprint

    from iro_tracker.reporting import render_pdf as module

    seen = {}

    class Spy:
        def __init__(self, *, string, url_fetcher):
            seen["fetcher"] = url_fetcher

        def write_pdf(self, **options):
            seen.update(options)
            return b"%PDF-"

    monkeypatch.setattr(module, "HTML", Spy)
    module.render_pdf(report_data(by_hand_snapshot("1", "2"), 2018), authority="Demo")
    assert seen["fetcher"]._allowed_protocols == ("data",)
    assert isinstance(seen["fetcher"], weasyprint.URLFetcher)
    assert (seen["pdf_tags"], seen["pdf_variant"]) == (True, "pdf/ua-1")


def test_the_html_page_partial_and_document_share_the_sections(data):
    sections = build_sections(data)
    partial = render_to_string(
        "reporting/_report.html",
        {"sections": sections, "year": 2018, "links": False, "print": False},
    )
    document = render_html(data, authority="Demo")
    for section in sections:
        assert f'id="{section.anchor}"' in partial and f'id="{section.anchor}"' in document
    assert partial.count("<svg") == 8  # inline on the page
    assert (
        document.count('src="data:image/svg+xml;base64,') == 8
    )  # images with alt text in the document
    assert "<details" in partial and "<details" not in document
