"""The iCalendar feed: valid RFC 5545, behind a token that can be replaced and revoked."""

import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from iro_tracker.reviews.models import Status
from iro_tracker.reviews.services import schedule_review
from iro_tracker.workqueue import calendar
from iro_tracker.workqueue.models import CalendarToken
from iro_tracker.workqueue.services import issue_calendar_token, revoke_calendar_token

pytestmark = pytest.mark.django_db

TODAY = date(2019, 4, 1)


def unfold(body: str) -> list[str]:
    assert body.endswith("\r\n") and "\n" not in body.replace("\r\n", "")
    return body.replace("\r\n ", "").split("\r\n")[:-1]


def check_vcalendar(body: str) -> list[dict]:
    """Structural checks of RFC 5545; returns each VEVENT's properties."""
    for line in body.split("\r\n"):
        assert len(line.encode()) <= 75, line
    lines = unfold(body)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(x.startswith("PRODID:") for x in lines)
    events, current = [], None
    for line in lines[1:-1]:
        assert re.match(r"^[A-Z-]+[;:]", line), line
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            for required in ("UID", "DTSTAMP", "DTSTART;VALUE=DATE"):
                assert required in current
            events.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    assert current is None
    return events


@pytest.fixture
def booked(child, allocated_iro, support):
    with time_machine.travel(TODAY):
        return schedule_review(
            child.reviews.get(status=Status.DUE), scheduled_date=date(2019, 4, 24), user=support
        )


@time_machine.travel(TODAY)
def test_the_feed_is_a_valid_calendar_of_the_iros_booked_reviews(client, booked, allocated_iro):
    token = issue_calendar_token(allocated_iro)
    response = client.get(reverse("workqueue:feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = check_vcalendar(response.content.decode())
    assert len(events) == 1
    event = events[0]
    assert event["DTSTART;VALUE=DATE"] == "20190424"
    assert event["DTEND;VALUE=DATE"] == "20190425"
    assert event["SUMMARY"] == "LAC review: AS (C001)"  # initials, never the full name
    assert "Smith" not in response.content.decode()
    assert event["UID"] == f"review-{booked.pk}@iro-tracker"
    # Read without a sign-in, and logged as an export without the secret.
    log = allocated_iro.access_log.get()
    assert (log.action, log.detail, log.row_count) == ("export", "Calendar feed", 1)
    assert token not in log.path and "[token]" in log.path
    assert CalendarToken.objects.get().last_used_at is not None


@time_machine.travel(TODAY)
def test_another_iro_s_feed_does_not_show_these_reviews(client, booked, other_iro):
    token = issue_calendar_token(other_iro)
    assert (
        check_vcalendar(client.get(reverse("workqueue:feed", args=[token])).content.decode()) == []
    )


@time_machine.travel(TODAY)
def test_a_replaced_or_revoked_token_stops_working(client, booked, allocated_iro):
    old = issue_calendar_token(allocated_iro)
    new = issue_calendar_token(allocated_iro)
    assert client.get(reverse("workqueue:feed", args=[old])).status_code == 404
    assert client.get(reverse("workqueue:feed", args=[new])).status_code == 200
    assert revoke_calendar_token(allocated_iro) is True
    assert client.get(reverse("workqueue:feed", args=[new])).status_code == 404
    assert client.get(reverse("workqueue:feed", args=["guess"])).status_code == 404
    assert CalendarToken.objects.count() == 2  # kept, revoked, for the record


@time_machine.travel(TODAY)
def test_a_deactivated_user_s_feed_stops_working(client, booked, allocated_iro):
    token = issue_calendar_token(allocated_iro)
    allocated_iro.is_active = False
    allocated_iro.save()
    assert client.get(reverse("workqueue:feed", args=[token])).status_code == 404


@time_machine.travel(TODAY)
def test_the_calendar_page_shows_the_address_once_then_revokes_it(client, allocated_iro):
    client.force_login(allocated_iro)
    url = reverse("workqueue:calendar")
    assert "You have no calendar address" in client.get(url).content.decode()
    created = client.post(url, {"action": "issue"})
    feed_url = created.context["feed_url"]
    assert feed_url.startswith("http://127.0.0.1:8000/calendar/") and feed_url.endswith(".ics")
    assert created["Cache-Control"] == "no-store"
    page = client.get(url).content.decode()
    assert "created on 1 Apr 2019" in page and feed_url not in page
    client.post(url, {"action": "revoke"})
    assert client.get(feed_url.removeprefix("http://127.0.0.1:8000")).status_code == 404


def test_text_is_escaped_and_long_lines_folded_without_splitting_characters():
    event = calendar.CalendarEvent(
        uid="x@y", day=date(2019, 1, 1), summary="Review; a, b\\c\nd", description="é" * 80
    )
    body = calendar.render([event], name="Test", now=datetime(2019, 1, 1, 9, tzinfo=UTC))
    events = check_vcalendar(body)
    assert events[0]["SUMMARY"] == "Review\\; a\\, b\\\\c\\nd"
    assert events[0]["DESCRIPTION"] == "é" * 80
    assert events[0]["DTSTAMP"] == "20190101T090000Z"
    body.encode("utf-8").decode("utf-8")  # every fold falls between characters
