"""A child's name containing markup is shown as text everywhere: every page, and the PDF and
Word records and letters that carry the name."""

import io

import pytest
import time_machine
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from iro_tracker.children.models import Child
from iro_tracker.tests import scene as sc
from iro_tracker.tests.urlmap import URLS

pytestmark = pytest.mark.django_db

FIRST = '<script>alert("first")</script>'
LAST = '"><img src=x onerror=alert(2)>'
RAW = ("<script>alert(", "<img src=x onerror")


@pytest.fixture
def built(personas, child, tmp_path):
    Child.objects.filter(pk=child.pk).update(first_name=FIRST, last_name=LAST)
    child.refresh_from_db()
    with time_machine.travel(sc.TODAY, tick=False):
        yield sc.build(personas, child, tmp_path)


def test_markup_in_a_name_never_reaches_a_page_as_markup(client, personas, built):
    client.raise_request_exception = False
    shown = False
    wrong = []
    with time_machine.travel(sc.TODAY, tick=False):
        for role in ("manager", "allocated_iro"):
            client.force_login(personas[role])
            for name, build in sorted(URLS.items()):
                if name in ("accounts:logout", "reporting:report"):
                    continue
                response = client.get(build(built))
                if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                    continue
                body = response.content.decode()
                wrong += [f"{role} {name}" for raw in RAW if raw in body]
                shown = shown or "&lt;script&gt;alert(" in body
    assert not wrong, "\n".join(wrong)
    assert shown, "the escaped name should appear on the child's pages"


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_record_and_the_letter_show_the_name_as_text(client, manager, built, fmt):
    read = _pdf_text if fmt == "pdf" else _docx_text
    with time_machine.travel(sc.TODAY, tick=False):
        client.force_login(manager)
        record = client.get(reverse("outcomes:document", args=[built.held.pk, fmt]))
        letter = client.get(reverse("outcomes:letter_download", args=[built.letter.pk, fmt]))
    for response in (record, letter):
        assert response.status_code == 200
        text = read(response.content)
        # The markup survives as literal characters: it was written as text, not interpreted.
        assert "<script>" in text.replace("\n", "")
