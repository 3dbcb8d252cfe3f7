"""Every format of the letter holds the child's sections and nothing from QA or third parties.

The letter is rendered as HTML, PDF (read back with pypdf) and Word (read back with
python-docx), in normal and large print, for a record whose every QA question is answered
with a distinctive comment, and whose attendees and decision owner have distinctive names.
"""

import io
from datetime import date

import docx
import pypdf
import pytest
import time_machine

from iro_tracker.outcomes import letters, render_letter, render_record
from iro_tracker.outcomes.models import RATING_LABELS, QAQuestion
from iro_tracker.outcomes.tests.factories import (
    ATTENDEES,
    OWNER,
    QA_COMMENT,
    full_record,
    held,
    looked_after_child,
)

pytestmark = pytest.mark.django_db
TODAY = date(2019, 3, 1)
SECTIONS = ["What you told us", "What we decided and why", "What happens next", "Who to contact"]


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


def squash(text: str) -> str:
    # PDF text extraction may break lines anywhere: compare without whitespace.
    return "".join(text.split()).lower()


@pytest.fixture
def record(allocated_iro):
    with time_machine.travel(TODAY):
        child = looked_after_child("F1", date(2006, 2, 1), allocated_iro, first="Sam")
        review = held(child, date(2019, 1, 17), allocated_iro)
        record = full_record(review, allocated_iro)
        letters.finalise(letters.create_letter(record, user=allocated_iro), user=allocated_iro)
        return record


def render_all(version):
    texts = {}
    for large in (False, True):
        texts[("html", large)] = render_letter.letter_html(version, large=large)
        texts[("pdf", large)] = pdf_text(render_letter.letter_pdf(version, large=large))
        texts[("docx", large)] = docx_text(render_letter.letter_docx(version, large=large))
    return texts


def forbidden_words(record):
    """QA question texts, rating labels, comments, attendee names and the decision owner."""
    words = [q.text for q in QAQuestion.objects.all()]
    words += list(RATING_LABELS.values())
    words += [a.comment for a in record.qa_answers.all()] + [QA_COMMENT]
    words += [name for name, _ in ATTENDEES] + [OWNER]
    # "Yes", "No" and "Good" are ordinary words a letter may use; their QA use is covered by
    # the question texts and comments, which never appear.
    return [w for w in words if w not in {"Yes", "No", "Good", "Not applicable"}]


def test_every_letter_format_has_the_childs_sections_and_no_qa_or_third_party(record):
    texts = render_all(record.letters.get())
    forbidden = forbidden_words(record)
    assert len(forbidden) > 20
    for (fmt, large), text in texts.items():
        flat = squash(text)
        for word in forbidden:
            assert squash(word) not in flat, f"{word!r} found in the {fmt} letter (large={large})"
        for heading in SECTIONS:
            assert squash(heading) in flat, f"{heading} missing from {fmt} (large={large})"
        assert squash("You told me you like your school.") in flat
        assert squash("This is because you are happy there.") in flat
        assert squash("Dear Sam,") in flat
        assert squash("Ada Reviewer") in flat  # the IRO signs it: the one name allowed


def test_the_professionals_record_does_carry_the_qa_and_attendees(record):
    with time_machine.travel(TODAY):
        html = render_record.record_html(record, TODAY)
        word = docx.Document(io.BytesIO(render_record.record_docx(record, TODAY)))
        pdf = pdf_text(render_record.record_pdf(record, TODAY))
    word_text = "\n".join(p.text for p in word.paragraphs) + "\n".join(
        c.text for t in word.tables for row in t.rows for c in row.cells
    )
    for text in (html, word_text, pdf):
        flat = squash(text)
        assert squash(QA_COMMENT) in flat
        assert squash("Priya Fostercarer") in flat
        assert squash(OWNER) in flat
        assert squash("OFFICIAL-SENSITIVE") in flat


def test_the_pdf_is_tagged_and_large_print_is_bigger(record):
    version = record.letters.get()
    reader = pypdf.PdfReader(io.BytesIO(render_letter.letter_pdf(version)))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == "A letter about your review, Sam"
    normal = docx.Document(io.BytesIO(render_letter.letter_docx(version)))
    large = docx.Document(io.BytesIO(render_letter.letter_docx(version, large=True)))
    assert large.styles["Normal"].font.size.pt == 18 > normal.styles["Normal"].font.size.pt
    assert large.core_properties.language == "en-GB"
    assert [p.style.name for p in large.paragraphs if p.text in SECTIONS] == ["Heading 2"] * 4
    large_class = 'class="child-letter child-letter--8_to_12 child-letter--large"'
    assert large_class in render_letter.letter_html(version, large=True)
    assert large_class not in render_letter.letter_html(version)
