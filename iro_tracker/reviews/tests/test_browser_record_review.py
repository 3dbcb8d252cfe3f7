"""An IRO records a late review in a real browser and sees the next review's due date."""

from datetime import timedelta

import pytest
from django.utils import timezone

from iro_tracker.children.models import Allocation
from iro_tracker.conftest import add_episode, make_child, screenshot, sign_in
from iro_tracker.reviews.models import Status
from iro_tracker.reviews.services import refresh_schedule
from iro_tracker.rules.calendar import add_months, format_date

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_iro_records_a_late_review_with_a_reason_and_sees_the_next_due_date(page, allocated_iro):
    today = timezone.localdate()
    child = make_child("BRW1", first="Jordan", last="Example")
    add_episode(child, today - timedelta(days=200))
    Allocation.objects.create(
        child=child, iro=allocated_iro, start_date=today - timedelta(days=199)
    )
    review = refresh_schedule(child)
    assert review.due_date < today - timedelta(days=1)  # review 1 is overdue
    held = today - timedelta(days=1)
    late_by = (held - review.due_date).days

    sign_in(page, allocated_iro.username)
    page.get_by_role("heading", name="My caseload").wait_for()
    screenshot(page, "caseload")
    page.get_by_role("link", name="Jordan Example").click()
    page.get_by_role("heading", name="Jordan Example").wait_for()
    page.get_by_role("link", name="Record this review").click()

    held_group = page.get_by_role("group", name="Date held")
    held_group.get_by_label("Day").fill(str(held.day))
    held_group.get_by_label("Month").fill(str(held.month))
    held_group.get_by_label("Year").fill(str(held.year))
    page.get_by_label("PN1").check()
    page.get_by_role("button", name="Save review").click()

    # Refused without a reason: the review is late.
    error = page.locator(".govuk-error-summary")
    error.wait_for()
    assert f"{late_by} days late" in error.inner_text()
    screenshot(page, "record-review-error")
    page.get_by_label("Reason the review was late").select_option("PARTY_UNAVAILABLE")
    page.get_by_role("button", name="Save review").click()

    next_due = add_months(held, 3)
    banner = page.locator(".govuk-notification-banner--success")
    banner.wait_for()
    assert f"The next review is due {format_date(next_due)}" in banner.inner_text()
    assert page.get_by_test_id("next-due").inner_text() == f"Due {next_due:%-d %b %Y}"
    assert (
        "3 months after review 1 held on"
        in page.get_by_test_id("next-due-explanation").inner_text()
    )
    assert f"{late_by} days late" in page.get_by_test_id("reviews").inner_text()
    screenshot(page, "child-record")
    recorded = child.reviews.get(status=Status.HELD)
    assert (recorded.held_date, recorded.late_reason) == (held, "PARTY_UNAVAILABLE")
