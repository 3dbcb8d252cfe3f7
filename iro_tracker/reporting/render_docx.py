"""The report as a Word document (python-docx), for managers who edit it before the panel.

The same sections and blocks as the HTML and PDF: real headings (so Word's navigation pane
and a table of contents work), real tables with a repeated header row, each chart as a PNG
with its text alternative as the picture's alt text, the narrative as typed. Reads only the
figures and the narratives, never the models.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

from iro_tracker.reporting import charts
from iro_tracker.reporting.blocks import Section, Table
from iro_tracker.reporting.render_html import report_context

BLACK = RGBColor(0x0B, 0x0C, 0x0C)
GREY = RGBColor(0x50, 0x5A, 0x5F)
BLUE = RGBColor(0x1D, 0x70, 0xB8)
CHART_WIDTH = 6.3  # inches: the text width of an A4 page with Word's default margins
FONT = "Arial"


def render_docx(
    data: dict[str, Any], narratives: dict[str, str] | None = None, *, authority: str
) -> bytes:
    """Word (.docx) bytes of the report for ``data`` (``document.report_data``)."""
    context = report_context(data, narratives, authority=authority, print_=True)
    doc = Document()
    _styles(doc)
    props = doc.core_properties
    props.title = f"{context['title']} – {authority}"
    props.author = f"{authority} Safeguarding Unit"
    props.subject = "Report to the Corporate Parenting Panel"
    props.language = "en-GB"

    doc.add_paragraph(f"{authority} Safeguarding Unit", style="Subtitle")
    doc.add_paragraph("Report to the Corporate Parenting Panel")
    doc.add_heading(context["title"], level=0)
    doc.add_paragraph(context["period"])
    if context["published"]:
        n = context["suppressed_below"]
        version = f"Published version: numbers from 1 to {n - 1} are shown as <{n}."
    else:
        version = "Officers' version: contains numbers below 5. Not for publication."
    _bold(doc.add_paragraph(), version)

    for section in context["sections"]:
        _section(doc, section)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.font.color.rgb = BLACK
    # East Asian and complex-script fonts fall back to the theme's otherwise.
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    for name, size in (("Title", 26), ("Heading 1", 17), ("Heading 2", 13), ("Subtitle", 13)):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = BLACK


def _bold(paragraph, text: str) -> None:
    paragraph.add_run(text).bold = True


def _section(doc, section: Section) -> None:
    doc.add_heading(f"{section.number}. {section.title}", level=1)
    if section.summary:
        doc.add_paragraph(" ".join(section.summary))
    if section.narrative_only and not section.narrative.strip():
        _note(doc, "No narrative has been written for this section yet.")
    for paragraph in section.narrative_paragraphs:
        # Plain text: python-docx writes it as text, so markup in a narrative stays text.
        para = doc.add_paragraph(paragraph, style="Intense Quote")
        para.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for block in section.blocks:
        if block.kind == "heading":
            doc.add_heading(block.text, level=2)
        elif block.kind == "text":
            doc.add_paragraph(block.text)
        elif block.kind == "note":
            _note(doc, block.text)
        elif block.kind == "table":
            _table(doc, block)
        elif block.kind == "chart":
            caption = doc.add_paragraph(style="Caption")
            _bold(caption, block.spec.title)
            _picture(doc, block.spec)
            _table(doc, block.table)
    if section.definitions:
        doc.add_heading("Definitions", level=2)
        for term, meaning in section.definitions:
            para = doc.add_paragraph(style="List Bullet")
            _bold(para, f"{term}: ")
            para.add_run(meaning)


def _note(doc, text: str) -> None:
    run = doc.add_paragraph().add_run(text)
    run.italic = True
    run.font.color.rgb = GREY


def _picture(doc, spec) -> None:
    doc.add_picture(io.BytesIO(charts.png(spec)), width=Inches(CHART_WIDTH))
    # Word reads a picture's alt text from the drawing's docPr "descr" attribute.
    inline = doc.inline_shapes[-1]._inline
    inline.docPr.set("descr", spec.description)
    inline.docPr.set("title", spec.title)


def _table(doc, table: Table) -> None:
    caption = doc.add_paragraph(style="Caption")
    caption.add_run(table.caption)
    grid = doc.add_table(rows=1, cols=len(table.head), style="Table Grid")
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    header = grid.rows[0]
    _repeat_header(header)
    for i, text in enumerate(table.head):
        cell = header.cells[i]
        cell.text = ""
        _bold(cell.paragraphs[0], text)
        if i:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in table.rows:
        cells = grid.add_row().cells
        cells[0].text = row.label
        for i, value in enumerate(row.cells, start=1):
            cells[i].text = value.text
            cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph()


def _repeat_header(row) -> None:
    """Mark ``row`` as a header row: Word repeats it on each page, screen readers use it."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
