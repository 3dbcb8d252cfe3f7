"""`send_reminders` run twice sends each IRO's weekly digest once."""

from datetime import date
from io import StringIO
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from iro_tracker.conftest import make_user
from iro_tracker.disputes.models import Issue
from iro_tracker.reviews.models import Status
from iro_tracker.reviews.services import schedule_review
from iro_tracker.workqueue.models import ReminderSent
from iro_tracker.workqueue.reminders import send_reminders, week_of

pytestmark = pytest.mark.django_db

MONDAY = date(2019, 4, 15)  # week 16 of 2019


@pytest.fixture
def booked(child, allocated_iro, support):
    allocated_iro.email = "ada@example.org"
    allocated_iro.save()
    with time_machine.travel(date(2019, 4, 1)):
        return schedule_review(
            child.reviews.get(status=Status.DUE), scheduled_date=date(2019, 4, 17), user=support
        )


def run(day, **kwargs):
    out = StringIO()
    with time_machine.travel(day):
        call_command("send_reminders", stdout=out, **kwargs)
    return out.getvalue()


def test_run_twice_a_day_the_digest_goes_once_a_week(booked, allocated_iro, other_iro):
    first = run(MONDAY)
    second = run(MONDAY)
    assert "Sent 1 digest(s)" in first
    assert "Sent 0 digest(s); 1 already sent this week" in second
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.org"]
    assert message.subject.startswith("IRO Tracker: your week from 15 Apr 2019 (1 review,")
    # The documents for the review on 17 Apr were due on 12 Apr: missing, and an issue raised.
    assert "Alex Smith, review on 17 Apr 2019: care plan and pre-meeting report." in message.body
    assert "Documentation not received issue at Informal" in message.body
    assert message.alternatives[0][1] == "text/html"
    assert Issue.objects.filter(automatic=True).count() == 1
    kinds = set(ReminderSent.objects.values_list("kind", "period"))
    assert kinds == {
        ("weekly_digest", "2019-W16"),
        ("review_due", "2019-W16"),
        ("documents_missing", "2019-W16"),
        ("issue_response", "2019-W16"),
    }
    run(date(2019, 4, 19))  # later the same week: nothing new
    assert len(mail.outbox) == 1
    run(date(2019, 4, 22))  # next week: the next digest
    assert len(mail.outbox) == 2


def test_an_iro_with_nothing_due_or_no_email_gets_nothing(booked, other_iro):
    other_iro.email = "bea@example.org"
    other_iro.save()
    make_user("noemail", "chair", is_iro=True)
    output = run(MONDAY)
    assert [m.to for m in mail.outbox] == [["ada@example.org"]]
    assert "1 with nothing due" in output


def test_dry_run_sends_and_writes_nothing(booked):
    output = run(MONDAY, dry_run=True)
    assert "Would send 1 digest(s)" in output
    assert mail.outbox == [] and not ReminderSent.objects.exists()
    assert not Issue.objects.exists()


def test_a_failed_send_is_retried_on_the_next_run(booked):
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError):
        with time_machine.travel(MONDAY):
            result = send_reminders(MONDAY)
    assert len(result.failed) == 1 and not ReminderSent.objects.exists()
    run(MONDAY)
    assert len(mail.outbox) == 1


def test_weeks_follow_the_iso_calendar():
    assert week_of(date(2019, 12, 30)) == "2020-W01"
    assert week_of(MONDAY) == "2019-W16"
