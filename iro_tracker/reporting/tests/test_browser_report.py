"""The report page in a real browser: the manager's version and the panel's."""

import re

import pytest

from iro_tracker.conftest import make_user, screenshot, sign_in
from iro_tracker.reporting.tests.factories import synthetic_authority

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARRATIVE = (
    "Meetings are generally scheduled well in advance, which contributes to a high level of"
    " compliance.\n\nPlacements change and other calls on social work time can mean that"
    " meetings have to be moved at short notice."
)


@pytest.fixture
def authority():
    synthetic_authority()
    return {"manager": make_user("manager", "manager"), "panel": make_user("panel", "read_only")}


def test_a_manager_and_a_panel_member_read_the_report(page, authority):
    sign_in(page, "manager")
    page.goto("/reports/annual/2018/")
    page.get_by_role(
        "heading", name="Independent Reviewing Officer (IRO) annual report 2018-19"
    ).wait_for()
    assert page.get_by_text("Officers' version").count() == 1
    links = page.locator("a[href*='/reports/annual/2018/children/']")
    assert links.count() > 50
    # The 8 charts of the 903 figures, and those of child protection (conferences by type,
    # plans by category), quality assurance (care plans) and issues (by theme and stage).
    assert page.locator("svg[role='img']").count() == 13
    # The manager writes the review section's narrative through its form.
    page.get_by_role("link", name="Write the narrative for The review process").click()
    page.get_by_label("Narrative").fill(NARRATIVE)
    page.get_by_role("button", name="Save narrative").click()
    page.get_by_text("Narrative for ‘The review process’ saved.").wait_for()
    assert page.locator("#section-reviews .iro-narrative").inner_text().startswith("Meetings are")
    screenshot(page, "report-manager")
    # The first drill-down link opens the children behind it.
    uasc = page.get_by_role("row", name=re.compile("Unaccompanied asylum-seeking children"))
    uasc.get_by_role("link").first.click()
    page.get_by_role("heading", name=re.compile("Unaccompanied asylum-seeking")).wait_for()
    screenshot(page, "report-manager-children")

    page.context.clear_cookies()
    sign_in(page, "panel")
    page.goto("/reports/annual/2018/")
    assert page.locator("a[href*='/children/'][href*='/reports/']").count() == 0
    assert page.get_by_text("Officers' version").count() == 0
    assert "Meetings are generally scheduled" in page.locator("#section-reviews").inner_text()
    late = page.get_by_role("table", name="Late reviews by reason").inner_text()
    assert "<5" in late
    assert "Preview the published version" not in page.content()
    screenshot(page, "report-panel")
