"""A dual-role chair records a sibling group's conference in one form, in a real browser, and
sees it on the child's record, on the dashboard and in the caseloads."""

from datetime import timedelta

import pytest
from django.utils import timezone

from iro_tracker.children.models import Allocation
from iro_tracker.conferences.siblings import link_siblings
from iro_tracker.conferences.tests.factories import make_cpa
from iro_tracker.conftest import add_episode, make_child, screenshot, sign_in
from iro_tracker.dashboard import cache
from iro_tracker.reviews.services import refresh_schedule
from iro_tracker.rules.calendar import add_months, format_date

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_date(page, legend, d):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(d.day))
    group.get_by_label("Month").fill(str(d.month))
    group.get_by_label("Year").fill(str(d.year))


def test_chair_records_a_sibling_group_conference_and_sees_it_on_the_dashboard(
    page, allocated_iro, other_iro, manager
):
    cache.clear()
    today = timezone.localdate()
    make_cpa(allocated_iro)
    amy = make_child("BRC1", first="Amy", last="Stone")
    ben = make_child("BRC2", first="Ben", last="Stone")
    link_siblings([amy, ben])
    # Amy is looked after too, allocated to the same chair: she will have both timelines.
    add_episode(amy, today - timedelta(days=120))
    Allocation.objects.create(child=amy, iro=allocated_iro, start_date=today - timedelta(days=119))
    refresh_schedule(amy)
    other = make_child("BRC3", first="Cal", last="Other")
    add_episode(other, today - timedelta(days=30))
    Allocation.objects.create(child=other, iro=other_iro, start_date=today - timedelta(days=29))
    refresh_schedule(other)
    held = today - timedelta(days=1)
    discussion = held - timedelta(days=35)  # more than 15 working days before: late

    sign_in(page, allocated_iro.username)
    page.goto(f"/children/{amy.pk}/")
    page.get_by_role("link", name="Record a conference").click()
    page.get_by_role("heading", name="Record a child protection conference").wait_for()
    children = page.get_by_test_id("conference-children")
    assert "Amy Stone" in children.inner_text() and "Ben Stone" in children.inner_text()
    _fill_date(page, "Date of the conference", held)
    _fill_date(page, "Date of the strategy discussion", discussion)
    page.get_by_label("Outcome for Amy Stone").select_option("plan_started")
    page.get_by_label("Category for Amy Stone").select_option("neglect")
    page.get_by_label("Outcome for Ben Stone").select_option("plan_started")
    page.get_by_label("Category for Ben Stone").select_option("emotional")
    page.get_by_label("Attendee 1 name").fill("Dee Stone")
    page.get_by_label("Attendee 1 attended").check()
    screenshot(page, "conference-form")
    page.get_by_role("button", name="Save conference").click()

    error = page.locator(".govuk-error-summary")
    error.wait_for()
    assert "late for" in error.inner_text() and "give the reason" in error.inner_text()
    page.get_by_label("Reason the conference was late").select_option("PARTY_UNAVAILABLE")
    page.get_by_role("button", name="Save conference").click()

    banner = page.locator(".govuk-notification-banner--success")
    banner.wait_for()
    review_due = format_date(add_months(held, 3))
    assert f"Amy Stone {review_due}; Ben Stone {review_due}" in banner.inner_text()
    assert review_due in page.get_by_test_id("next-due-BRC2").inner_text()

    page.goto(f"/children/{amy.pk}/")
    assert page.get_by_test_id("both-timelines").is_visible()
    assert "3 months after the initial conference" in (
        page.get_by_test_id("cp-next-due-explanation").inner_text()
    )
    assert "Child protection plan (Neglect)" in page.get_by_test_id("cp-timeline").inner_text()
    page.get_by_test_id("child-protection").scroll_into_view_if_needed()
    screenshot(page, "child-cp-timeline")

    page.goto("/dashboard/")
    on_plan = page.locator('[data-figure="children.on_plan"]')
    assert on_plan.locator(".iro-figure").inner_text() == "2"
    on_plan.click()
    listed = page.get_by_test_id("figure-list").inner_text()
    assert "Amy Stone" in listed and "Ben Stone" in listed
    assert page.get_by_test_id("figure-total").inner_text() == "2"

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, manager.username)
    page.goto("/dashboard/")
    assert page.locator('[data-figure="children.both"] .iro-figure').inner_text() == "1"
    screenshot(page, "dashboard")
    page.goto("/caseloads/")
    table = page.get_by_test_id("caseloads").inner_text()
    assert "Ada Reviewer" in table and "Bea Other" in table
    screenshot(page, "caseloads")
