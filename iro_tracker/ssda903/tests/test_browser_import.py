"""Business support uploads a small return in a real browser, checks the preview, confirms,
and finds the data-quality finding on the child's record and on the data-quality page."""

import re

import pytest

from iro_tracker.children.models import Child
from iro_tracker.conftest import screenshot, sign_in
from iro_tracker.ssda903.tests.test_loader import YEAR_2018, write_return

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_business_support_imports_a_return(page, support, tmp_path, settings):
    settings.VAR_DIR = tmp_path / "var"  # uploaded files go here, not to the real var/
    # B1, aged 8, has a review coded PN0 ("under 4"): DfE rule 440.
    reviews = ["B1,01/01/2010,20/06/2018,PN0", *YEAR_2018["reviews"][1:]]
    folder = write_return(tmp_path / "return", YEAR_2018, reviews=reviews)
    sign_in(page, "support")
    page.goto("/imports/new/")
    page.get_by_role("heading", name="Upload 903 files").wait_for()
    page.get_by_label("903 files").set_input_files(sorted(folder.iterdir()))
    page.get_by_label("Collection year (optional)").fill("2018")
    screenshot(page, "ssda903-upload")
    page.get_by_role("button", name="Check the files").click()

    page.get_by_role("heading", name="Check what this import would change").wait_for()
    counts = page.get_by_test_id("counts").inner_text()
    assert re.search(r"Children\s+2\s+0\s+0", counts)
    assert re.search(r"Reviews\s+3\s+0\s+0", counts)
    assert "440" in page.get_by_test_id("problems").inner_text()
    assert not Child.objects.exists()
    screenshot(page, "ssda903-preview")
    page.get_by_role("button", name="Confirm import").click()

    page.get_by_role("heading", name="Imported").wait_for()
    page.get_by_text("The return was imported.").wait_for()
    page.get_by_role("link", name="Child B1").first.click()
    page.get_by_role("heading", name="Child B1").wait_for()
    findings = page.get_by_test_id("child-findings").inner_text()
    assert "440" in findings and "PN0 means under 4" in findings
    screenshot(page, "ssda903-child-record")

    page.goto("/imports/quality/")
    rules = page.get_by_test_id("findings-by-rule").inner_text()
    assert re.search(r"440\s+1\s+1", rules)
    screenshot(page, "ssda903-data-quality")
