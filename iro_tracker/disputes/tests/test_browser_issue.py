"""An IRO walks an issue from raising to resolution in a real browser; the administrator's work
queue and the oversight report are photographed too.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from iro_tracker.children.models import Allocation
from iro_tracker.conftest import add_episode, make_child, screenshot, sign_in
from iro_tracker.disputes.models import ChildContact, Issue, MidwayMeeting
from iro_tracker.reviews.models import Review
from iro_tracker.reviews.services import add_held_review, refresh_schedule, schedule_review
from iro_tracker.rules.calendar import add_working_days, format_date

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_date(page, legend, day):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def seed_reports(today, team, iros):
    """A year of reviews for six children, some with midway meetings, contacts and documents
    in time, so the reports have something to show.
    """
    workers = ["Chris Late", "Chris Late", "Chris Late", "Dana Prompt", "Dana Prompt", ""]
    for i, worker in enumerate(workers):
        kid = make_child(f"R{i}", first=f"Robin{i}", last="Report", team=team, social_worker=worker)
        kid.date_of_birth = today - timedelta(days=365 * (3 + 2 * i))
        kid.save()
        add_episode(kid, today - timedelta(days=500))
        iro = iros[i % 2]
        Allocation.objects.create(child=kid, iro=iro, start_date=today - timedelta(days=500))
        held = [today - timedelta(days=d) for d in (480, 300, 120)]
        for day in held:
            add_held_review(kid, held_date=day, participation="PN1", chair=iro)
        refresh_schedule(kid)
        late = worker == "Chris Late"
        for day in held[1:]:
            Review.objects.filter(child=kid, held_date=day).update(
                scheduled_date=day,
                care_plan_received=day - timedelta(days=1 if late else 7),
                pre_meeting_report_received=day - timedelta(days=7),
            )
        if i % 3:
            MidwayMeeting.objects.create(child=kid, iro=iro, held_on=held[1] + timedelta(days=90))
        if i % 2:
            ChildContact.objects.create(
                child=kid, iro=iro, on=held[1] + timedelta(days=60), method="visit", seen_alone=True
            )


def test_an_iro_raises_escalates_skipping_a_stage_and_resolves_an_issue(
    page, allocated_iro, other_iro, manager, support, team
):
    today = timezone.localdate()
    child = make_child("BRW5", first="Jordan", last="Example", team=team, social_worker="Sam Patel")
    add_episode(child, today - timedelta(days=200))
    Allocation.objects.create(
        child=child, iro=allocated_iro, start_date=today - timedelta(days=199)
    )
    schedule_review(refresh_schedule(child), scheduled_date=today + timedelta(days=2), user=support)

    sign_in(page, allocated_iro.username)
    page.goto(f"/children/{child.pk}/")
    page.get_by_role("link", name="Raise an issue").click()
    page.get_by_label("Care plan").check()
    page.get_by_label("Describe the issue").fill("The care plan has no permanence decision.")
    fill_date(page, "Date raised", today)
    page.get_by_label("Who has been asked to respond?").fill("Sam Patel, social worker")
    screenshot(page, "issue-raise")
    page.get_by_role("button", name="Raise the issue").click()

    informal_due = add_working_days(today, 5)
    page.get_by_test_id("response-due").wait_for()
    assert page.get_by_test_id("response-due").inner_text() == (
        f"Response due {format_date(informal_due)}"
    )
    assert (
        "5 working days after the issue was raised on"
        in page.get_by_test_id("response-due-explanation").inner_text()
    )

    # Straight to the operations manager: the practice manager stage is skipped.
    page.get_by_role("link", name="Escalate").click()
    page.get_by_label("Operations manager (5 working days to respond)").check()
    fill_date(page, "Date escalated", today)
    page.get_by_label("Who has been asked to respond?").fill("Lee Ops, operations manager")
    screenshot(page, "issue-escalate")
    page.get_by_role("button", name="Escalate").click()
    page.locator(".govuk-notification-banner--success").wait_for()
    overall = add_working_days(today, 20)
    assert page.get_by_test_id("resolution-due").inner_text() == (
        f"Resolution due {format_date(overall)}"
    )
    assert (
        "20 working days after the dispute was formally raised on"
        in page.get_by_test_id("resolution-due-explanation").inner_text()
    )
    assert "skipping Practice manager" in page.get_by_test_id("events").inner_text()
    screenshot(page, "issue-formal")

    page.get_by_role("link", name="Record the response").click()
    page.get_by_label("The response").fill("Permanence planning meeting booked.")
    fill_date(page, "Date of the response", today)
    page.get_by_role("button", name="Save the response").click()
    page.locator(".govuk-notification-banner--success").wait_for()

    page.get_by_role("link", name="Resolve").click()
    page.get_by_label("Resolved", exact=True).check()
    fill_date(page, "Date of the resolution", today)
    page.get_by_label("How was it resolved?").fill("Permanence plan agreed.")
    page.get_by_role("button", name="Close the issue").click()
    page.locator(".govuk-notification-banner--success").wait_for()
    assert page.get_by_test_id("issue-status").inner_text() == "Closed: Resolved"
    assert "within the timescale" in page.get_by_test_id("clock").inner_text()
    screenshot(page, "issue-resolved")
    issue = Issue.objects.get()
    assert (issue.status, issue.outcome, issue.formal_started_on) == ("closed", "resolved", today)

    page.goto(f"/children/{child.pk}/")
    page.get_by_test_id("child-issues").wait_for()
    screenshot(page, "child-record-oversight")

    # The administrator's view of the day and the manager's oversight report.
    seed_reports(today, team, [allocated_iro, other_iro])
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, support.username)
    page.goto("/work-queue/")
    page.get_by_role("heading", name="Work queue").wait_for()
    assert "Jordan Example" in page.get_by_test_id("work-queue").inner_text()
    screenshot(page, "work-queue")
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, manager.username)
    page.goto("/oversight/")
    page.get_by_role("heading", name="Oversight between reviews").wait_for()
    screenshot(page, "oversight-report")
    page.goto("/oversight/documents/")
    page.get_by_role("heading", name="Documents received before reviews").wait_for()
    screenshot(page, "documents-report")
