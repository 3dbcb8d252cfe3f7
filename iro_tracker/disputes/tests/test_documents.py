"""Document readiness: exactly one automatic documentation issue, closed when they arrive."""

from datetime import date

import pytest
import time_machine

from iro_tracker.disputes.documents import check_documents, documents_arrived, readiness
from iro_tracker.disputes.models import EventKind, Issue, Theme
from iro_tracker.reviews.models import Review, Status
from iro_tracker.reviews.services import record_documents, schedule_review

pytestmark = pytest.mark.django_db

# Wednesday 24 April 2019, after Easter: 3 working days before skips Good Friday (19 Apr) and
# Easter Monday (22 Apr), so the documents are due on Wednesday 17 April.
MEETING = date(2019, 4, 24)
DUE = date(2019, 4, 17)


@pytest.fixture
def booked(child, support):
    review = child.reviews.get(status=Status.DUE)
    with time_machine.travel(date(2019, 3, 1)):
        return schedule_review(review, scheduled_date=MEETING, user=support)


def test_documents_are_due_three_working_days_before_across_easter(booked):
    state = readiness(booked, DUE)
    assert state.due.date == DUE
    assert state.due.explanation == (
        "Due 17 Apr 2019: 3 working days before the review on 24 Apr 2019, skipping"
        " 19 Apr 2019 and 22 Apr 2019 (bank holidays)."
    )
    assert state.states == {
        "care_plan_received": "awaited",
        "pre_meeting_report_received": "awaited",
    }
    assert readiness(booked, date(2019, 4, 18)).missing == ["care plan", "pre-meeting report"]


def test_no_issue_on_the_due_date_itself(booked):
    with time_machine.travel(DUE):
        assert check_documents(DUE).raised == []
    assert not Issue.objects.exists()


def test_one_automatic_issue_however_often_the_check_runs(booked, allocated_iro):
    day_after = date(2019, 4, 18)
    with time_machine.travel(day_after):
        first = check_documents(day_after)
        second = check_documents(day_after)
    with time_machine.travel(date(2019, 4, 23)):
        third = check_documents(date(2019, 4, 23))
    assert (len(first.raised), len(second.raised), len(third.raised)) == (1, 0, 0)
    issue = Issue.objects.get()
    assert (issue.theme, issue.automatic, issue.review, issue.iro) == (
        Theme.DOCUMENTATION,
        True,
        booked,
        allocated_iro,
    )
    assert issue.status == "informal" and issue.raised_on == day_after
    assert issue.summary.startswith(
        "The care plan and pre-meeting report for the review on 24 Apr 2019 had not reached the"
        " IRO by 17 Apr 2019."
    )
    event = issue.events.get()
    assert event.by is None and "raised informally by IRO Tracker" in event.text


def test_a_review_with_both_documents_in_time_gets_no_issue(booked, support):
    with time_machine.travel(DUE):
        record_documents(booked, care_plan=DUE, pre_meeting_report=DUE, user=support)
    with time_machine.travel(date(2019, 4, 18)):
        assert check_documents(date(2019, 4, 18)).raised == []


def test_the_issue_closes_when_the_documents_arrive_through_the_hook(booked, support):
    with time_machine.travel(date(2019, 4, 18)):
        check_documents(date(2019, 4, 18))
        # record_documents sends reviews' documents_recorded signal, which disputes listens to.
        record_documents(booked, care_plan=date(2019, 4, 18), pre_meeting_report=None, user=support)
        assert Issue.objects.get().status != "closed"  # one still missing
        record_documents(
            booked, care_plan=date(2019, 4, 18), pre_meeting_report=date(2019, 4, 18), user=support
        )
        assert documents_arrived(booked, user=support) == []  # already closed by the signal
    issue = Issue.objects.get()
    assert (issue.status, issue.outcome, issue.closed_on) == (
        "closed",
        "resolved",
        date(2019, 4, 18),
    )
    entry = issue.events.get(kind=EventKind.DOCUMENTS)
    assert entry.by == support
    assert entry.text.startswith("Care plan received 18 Apr 2019 and pre-meeting report received")


def test_the_periodic_check_closes_it_too_and_never_reopens(booked, support):
    with time_machine.travel(date(2019, 4, 18)):
        check_documents(date(2019, 4, 18))
        # Dates written without the signal (as an import would): the check still closes it.
        Review.objects.filter(pk=booked.pk).update(
            care_plan_received=date(2019, 4, 16), pre_meeting_report_received=date(2019, 4, 18)
        )
        result = check_documents(date(2019, 4, 18))
        again = check_documents(date(2019, 4, 18))
    assert (len(result.closed), len(result.raised), len(again.closed)) == (1, 0, 0)
    assert Issue.objects.get().closed_on == date(2019, 4, 18)


def test_reviews_not_booked_or_already_past_are_left_alone(child):
    with time_machine.travel(date(2019, 4, 18)):
        assert check_documents(date(2019, 4, 18)).raised == []  # review 1 is not booked
