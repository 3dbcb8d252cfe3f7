"""An IRO completes the outcome record and the letter for a held review in a real browser.

Screenshots (test-artifacts/): the outcome form, the QA form, the outcome record, the letter
page, the letter as its own web page (normal and large print) and, where pdftoppm is
installed, the first page of the PDF.
"""

import io
import shutil
import subprocess
from datetime import timedelta

import docx
import pypdf
import pytest
from django.utils import timezone

from iro_tracker.children.models import Allocation
from iro_tracker.conftest import ARTIFACTS, add_episode, make_child, screenshot, sign_in
from iro_tracker.outcomes import render_letter
from iro_tracker.outcomes.models import LetterVersion
from iro_tracker.reviews.services import add_held_review, refresh_schedule

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECTIONS = ["What you told us", "What we decided and why", "What happens next", "Who to contact"]
QA_COMMENT = "Health assessment is eleven months old"
CARER = "Priya Fostercarer"
OWNER = "Dee Ownerperson"


def fill_date(page, group_name, day):
    group = page.get_by_role("group", name=group_name)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def squash(text):
    return "".join(text.split()).lower()


def test_iro_completes_the_outcome_record_and_the_letter(page, allocated_iro):
    today = timezone.localdate()
    held = today - timedelta(days=2)
    child = make_child("BRO1", first="Mia", last="Example", dob=today - timedelta(days=365 * 10))
    add_episode(child, today - timedelta(days=200))
    Allocation.objects.create(
        child=child, iro=allocated_iro, start_date=today - timedelta(days=199)
    )
    review = add_held_review(child, held_date=held, participation="PN1", chair=allocated_iro)
    refresh_schedule(child)

    sign_in(page, allocated_iro.username)
    page.goto(f"/children/{child.pk}/")
    page.get_by_role("link", name="Start the outcome record").click()
    page.get_by_role("heading", name="Outcome record").wait_for()
    page.get_by_role("link", name="Start the record").click()

    page.get_by_label("The child's wishes and feelings").fill(
        "You told me you like living with your carers. You like your new school.\n\n"
        "You want to see your brother more often."
    )
    page.get_by_label("In person").check()
    page.get_by_role("group", name="Did you speak to the child before the review?").get_by_label(
        "Yes"
    ).check()
    page.get_by_role("group", name="Did you speak to the child alone?").get_by_label("Yes").check()
    page.locator("#id_people-0-name").fill(CARER)
    page.locator("#id_people-0-role").select_option("carer")
    screenshot(page, "outcome-form")
    page.get_by_role("button", name="Save the meeting").click()
    page.locator(".govuk-notification-banner--success").wait_for()

    page.get_by_role("link", name="Add a decision").click()
    page.get_by_label("Decision", exact=True).fill("You will see your brother every month")
    page.get_by_label("Why (for the letter)").fill("This is because you miss him")
    page.get_by_label("Who will do it").fill(OWNER)
    fill_date(page, "Due by", today + timedelta(days=30))
    page.get_by_role("button", name="Save decision").click()
    page.locator(".govuk-notification-banner--success").wait_for()

    page.get_by_role("link", name="Change quality assurance").click()
    ha = page.get_by_role("group", name="Is the health assessment up to date?")
    ha.get_by_label("No", exact=True).check()
    page.locator(".iro-qa-question").nth(2).get_by_label("Comment").fill(QA_COMMENT)
    page.get_by_role("group", name="Quality of the care plan").get_by_label("Good").check()
    screenshot(page, "outcome-qa-form")
    page.get_by_role("button", name="Save judgements").click()
    page.locator(".govuk-notification-banner--success").wait_for()
    screenshot(page, "outcome-record")

    page.get_by_role("link", name="Write the letter").click()
    page.get_by_role("button", name="Write the letter").click()
    told = page.get_by_label("What you told us")
    told.fill(told.input_value() + "\n\nYou also told me you want a bike for your birthday.")
    page.get_by_role("button", name="Save the draft").click()
    page.locator(".govuk-notification-banner--success").wait_for()
    preview = page.get_by_test_id("letter-preview")
    assert "You also told me you want a bike" in preview.inner_text()
    assert "Easy to read" in page.get_by_test_id("reading").inner_text()
    page.get_by_role("button", name="Make it final").click()
    assert "Final" in page.get_by_test_id("letter-status").inner_text()
    screenshot(page, "letter-page")

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="PDF", exact=True).click()
    with page.expect_download() as word_download:
        page.get_by_role("link", name="Word", exact=True).click()
    pdf_bytes = pdf_download.value.path().read_bytes()
    pdf_text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf_bytes)).pages)
    document = docx.Document(str(word_download.value.path()))
    word_text = "\n".join(p.text for p in document.paragraphs)
    for text in (pdf_text, word_text):
        flat = squash(text)
        for section in SECTIONS:
            assert squash(section) in flat
        assert squash("You also told me you want a bike for your birthday.") in flat
        assert squash("This is because you miss him.") in flat
        for forbidden in (QA_COMMENT, CARER, OWNER, "health assessment", "care plan"):
            assert squash(forbidden) not in flat, forbidden

    page.goto(f"/children/{child.pk}/")
    outcomes = page.get_by_test_id("outcomes").inner_text()
    assert "Final, not sent" in outcomes
    assert "You will see your brother every month" in page.locator("main").inner_text()
    screenshot(page, "child-outcomes")

    version = LetterVersion.objects.get(record__review=review)
    assert version.is_final
    assert child.access_log.filter(action="export").count() == 2

    # The letter as the child sees it: its own web page, and the PDF's first page.
    for large in (False, True):
        page.set_content(render_letter.letter_html(version, large=large))
        screenshot(page, "letter-large-print" if large else "letter")
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm:
        ARTIFACTS.mkdir(exist_ok=True)
        pdf_path = ARTIFACTS / "letter.pdf"
        pdf_path.write_bytes(pdf_bytes)
        subprocess.run(  # noqa: S603 (fixed arguments, our own file)
            [
                pdftoppm,
                "-png",
                "-r",
                "70",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf_path),
                str(ARTIFACTS / "letter-pdf-page1"),
            ],
            check=True,
        )
