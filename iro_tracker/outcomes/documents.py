"""What the letter and the professionals' record share when they become files.

PDF: WeasyPrint with a tagged structure (``pdf_tags``) in the PDF/UA-1 variant, so a screen
reader reads headings, paragraphs and lists in order and the document's language and title are
set. Word: python-docx with the built-in Heading and List styles (which Word's own
accessibility checker and screen readers understand), the document's title and language set.
"""

from __future__ import annotations

import io

from django.utils.text import slugify
from docx import Document
from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

FONT = "Verdana"  # Verdana in Word; the PDF falls back to DejaVu Sans, its open cousin


def pdf_from_html(html: str) -> bytes:
    """A tagged PDF/UA-1 file from a standalone HTML document (which must have a <title>)."""
    import weasyprint  # imported here: it loads Pango, which only the downloads need

    return weasyprint.HTML(string=html).write_pdf(pdf_tags=True, pdf_variant="pdf/ua-1")


def new_docx(title: str, *, size: float, line_spacing: float, author: str = ""):
    """A Word document whose Normal, Heading and List styles use one readable font."""
    doc = Document()
    props = doc.core_properties
    props.title, props.language, props.author = title, "en-GB", author
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet"):
        style = doc.styles[name]
        style.font.name = FONT
        # East-Asian and complex-script slots too, or Word substitutes its theme font there.
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(slot), FONT)
        _set_language(style.element.get_or_add_rPr())
    normal = doc.styles["Normal"]
    normal.font.size = Pt(size)
    fmt = normal.paragraph_format
    fmt.space_after = Pt(size * 0.8)
    fmt.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    fmt.line_spacing = line_spacing
    for name, scale in (("Title", 2.0), ("Heading 1", 1.6), ("Heading 2", 1.3)):
        doc.styles[name].font.size = Pt(size * scale)
        doc.styles[name].font.color.rgb = RGBColor(0x0B, 0x0C, 0x0C)
    return doc


def _set_language(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-GB")


def add_blocks(doc, blocks) -> None:
    """Paragraphs and bulleted lists from ``letters.blocks`` output."""
    for kind, content in blocks:
        if kind == "p":
            doc.add_paragraph(content)
        else:
            for item in content:
                doc.add_paragraph(item, style="List Bullet")


def docx_bytes(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def filename(*parts: str, ext: str) -> str:
    return "-".join(slugify(p) for p in parts if p) + f".{ext}"
