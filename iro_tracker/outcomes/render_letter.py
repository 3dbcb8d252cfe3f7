"""The letter to the child as accessible HTML, tagged PDF and Word, in normal or large print.

Every format is built from the same ``letter_parts``: the heading, the date and the version's
edited text read through ``letters.blocks``. Nothing else is read, so nothing the letter's
version does not hold (QA, attendees, owners) can appear in any format.

Large print follows the RNIB's clear-print advice: at least 16-18 point, generous line
spacing, left-aligned text, no text over pictures.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from iro_tracker.outcomes import documents
from iro_tracker.outcomes.letters import SECTION_TITLES, blocks, heading
from iro_tracker.outcomes.models import Band, LetterVersion

# Point sizes and line spacing by band; large print is the same for every band.
SIZES = {Band.UNDER_8: 15, Band.AGE_8_TO_12: 13, Band.AGE_13_PLUS: 12}
LARGE = 18


def letter_parts(version: LetterVersion) -> dict:
    """The letter as plain data, for every format (and for the preview on the letter page)."""
    dated = version.finalised_at.date() if version.finalised_at else timezone.localdate()
    return {
        "heading": heading(version),
        "date": dated,
        "band": version.band,
        "draft": not version.is_final,
        "greeting": version.greeting,
        "opening": blocks(version.opening),
        "sections": [
            {"name": name, "title": title, "blocks": blocks(getattr(version, name))}
            for name, title in SECTION_TITLES.items()
        ],
        "closing": [line for line in version.closing.splitlines() if line.strip()],
    }


def letter_html(version: LetterVersion, *, large: bool = False) -> str:
    """A standalone HTML document: language, title, landmarks, headings in order."""
    return render_to_string(
        "outcomes/letter_document.html", {"letter": letter_parts(version), "large": large}
    )


def letter_pdf(version: LetterVersion, *, large: bool = False) -> bytes:
    return documents.pdf_from_html(letter_html(version, large=large))


def letter_docx(version: LetterVersion, *, large: bool = False) -> bytes:
    parts = letter_parts(version)
    size = LARGE if large else SIZES[Band(version.band)]
    doc = documents.new_docx(parts["heading"], size=size, line_spacing=1.8 if large else 1.5)
    if parts["draft"]:
        doc.add_paragraph("Draft: not yet final")
    doc.add_heading(parts["heading"], level=1)
    doc.add_paragraph(f"{parts['date']:%-d %B %Y}")
    doc.add_paragraph(parts["greeting"])
    documents.add_blocks(doc, parts["opening"])
    for section in parts["sections"]:
        doc.add_heading(section["title"], level=2)
        documents.add_blocks(doc, section["blocks"])
    closing = doc.add_paragraph()
    for i, line in enumerate(parts["closing"]):
        run = closing.add_run(line)
        if i < len(parts["closing"]) - 1:
            run.add_break()
    return documents.docx_bytes(doc)


def download_name(version: LetterVersion, ext: str, *, large: bool = False) -> str:
    review = version.record.review
    return documents.filename(
        "letter",
        review.child.local_id,
        f"{review.held_date:%Y-%m-%d}",
        f"v{version.number}",
        "large-print" if large else "",
        ext=ext,
    )
