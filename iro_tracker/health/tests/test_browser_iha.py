"""An IRO records an initial health assessment late, in a real browser, and sees it counted
as late on the child's record and in the health figures."""

from datetime import timedelta

import pytest
from django.utils import timezone

from iro_tracker.children.models import Allocation
from iro_tracker.conftest import add_episode, make_child, screenshot, sign_in
from iro_tracker.reporting.snapshot import reporting_year_of
from iro_tracker.rules.calendar import working_days_between

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_iro_records_a_late_iha_and_sees_it_counted_as_late(page, allocated_iro):
    today = timezone.localdate()
    began = today - timedelta(days=45)
    child = make_child("IHA1", first="Riley", last="Example")
    add_episode(child, began)
    Allocation.objects.create(child=child, iro=allocated_iro, start_date=began)
    done = today - timedelta(days=1)
    working_days = working_days_between(began, done)
    assert working_days > 25

    sign_in(page, allocated_iro.username)
    page.goto(f"/children/{child.pk}/")
    health = page.get_by_test_id("health")
    assert "Initial health assessment not recorded" in health.inner_text()
    screenshot(page, "health-child-record-overdue")
    health.get_by_role("link", name="Initial assessment").click()
    page.get_by_role("heading", name="Initial health assessment").wait_for()
    group = page.get_by_role("group", name="Date completed")
    group.get_by_label("Day").fill(str(done.day))
    group.get_by_label("Month").fill(str(done.month))
    group.get_by_label("Year").fill(str(done.year))
    screenshot(page, "health-record-iha")
    page.get_by_role("button", name="Save").click()

    banner = page.locator(".govuk-notification-banner--success")
    banner.wait_for()
    assert f"{working_days} working days after the child became looked after: late" in (
        banner.inner_text()
    )
    iha = page.get_by_test_id("iha")
    assert "Late" in iha.inner_text()
    screenshot(page, "health-child-record-late")

    page.goto(f"/health/?year={reporting_year_of(began)}")
    assert page.get_by_test_id("iha-20").inner_text() == "0 (0.0%)"
    assert page.get_by_test_id("iha-late").inner_text() == "1"
    page.get_by_text("initial assessment due in").click()
    listed = page.get_by_test_id("iha-list").inner_text()
    assert "Riley Example (IHA1): Late, after 25 working days" in listed
    screenshot(page, "health-overview")
