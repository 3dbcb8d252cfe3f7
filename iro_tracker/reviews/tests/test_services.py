"""Recording, scheduling and adjourning reviews through the domain functions."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from iro_tracker.children.models import CareEpisode
from iro_tracker.conftest import add_episode, make_child
from iro_tracker.reviews.models import Review, Status
from iro_tracker.reviews.services import (
    ReviewOutcome,
    adjourn_review,
    complete_adjourned_review,
    record_review,
    refresh_schedule,
    schedule_review,
)

pytestmark = pytest.mark.django_db


def pending(child) -> Review:
    return child.reviews.get(status__in=[Status.DUE, Status.SCHEDULED])


def outcome(held, chair, code="PN1", **extra):
    return ReviewOutcome(held_date=held, participation=code, chair=chair, **extra)


def test_first_review_is_due_20_working_days_after_care_began_skipping_christmas(child):
    review = pending(child)
    assert review.due_date == date(2019, 1, 22)
    assert review.sequence == 1
    assert review.period_start == date(2018, 12, 20)
    assert review.due_explanation == (
        "Due 22 Jan 2019: 20 working days after 20 Dec 2018, skipping 25 Dec 2018,"
        " 26 Dec 2018 and 1 Jan 2019 (bank holidays)."
    )


@time_machine.travel(date(2019, 2, 1))
def test_recording_a_review_makes_the_next_one_due_three_months_later(child, allocated_iro):
    following = record_review(
        pending(child), outcome(date(2019, 1, 15), allocated_iro), user=allocated_iro
    )
    assert following.sequence == 2
    assert following.due_date == date(2019, 4, 15)
    assert "3 months after review 1 held on 15 Jan 2019" in following.due_explanation
    held = child.reviews.get(status=Status.HELD)
    assert held.on_time is True
    assert held.history.get(status=Status.HELD).history_user == allocated_iro


@time_machine.travel(date(2019, 2, 1))
def test_late_review_requires_reason(child, allocated_iro):
    with pytest.raises(ValidationError) as error:
        record_review(pending(child), outcome(date(2019, 1, 23), allocated_iro), user=None)
    assert "1 days late" in error.value.message_dict["late_reason"][0]
    assert not child.reviews.filter(status=Status.HELD).exists()
    record_review(
        pending(child),
        outcome(date(2019, 1, 23), allocated_iro, late_reason="TRAVEL"),
        user=allocated_iro,
    )
    held = child.reviews.get(status=Status.HELD)
    assert (held.days_late, held.late_reason) == (1, "TRAVEL")


@time_machine.travel(date(2019, 2, 1))
def test_other_late_reason_needs_details(child, allocated_iro):
    with pytest.raises(ValidationError) as error:
        record_review(
            pending(child),
            outcome(date(2019, 1, 25), allocated_iro, late_reason="OTHER"),
            user=None,
        )
    assert "late_reason_note" in error.value.message_dict


@time_machine.travel(date(2019, 2, 1))
def test_review_held_in_the_future_or_before_care_began_is_refused(child, allocated_iro):
    for held, text in ((date(2019, 2, 2), "future"), (date(2018, 12, 19), "before the period")):
        with pytest.raises(ValidationError) as error:
            record_review(pending(child), outcome(held, allocated_iro), user=None)
        assert text in error.value.message_dict["held_date"][0]


@time_machine.travel(date(2019, 2, 1))
def test_pn0_is_refused_for_a_child_aged_four_or_over(child, allocated_iro):
    with pytest.raises(ValidationError) as error:
        record_review(pending(child), outcome(date(2019, 1, 10), allocated_iro, "PN0"), user=None)
    assert "only for a child under 4" in error.value.message_dict["participation"][0]


@time_machine.travel(date(2019, 2, 1))
def test_participation_code_is_refused_for_a_child_under_four(allocated_iro):
    baby = make_child("B01", dob=date(2017, 6, 1))
    add_episode(baby, date(2018, 12, 20))
    refresh_schedule(baby)
    with pytest.raises(ValidationError) as error:
        record_review(pending(baby), outcome(date(2019, 1, 10), allocated_iro, "PN1"), user=None)
    assert "must be PN0" in error.value.message_dict["participation"][0]
    record_review(pending(baby), outcome(date(2019, 1, 10), allocated_iro, "PN0"), user=None)


@time_machine.travel(date(2019, 3, 1))
def test_review_can_be_adjourned_only_once(child, allocated_iro):
    review = adjourn_review(
        pending(child), meeting_date=date(2019, 1, 18), reason="No care plan", user=allocated_iro
    )
    assert review.status == Status.ADJOURNED
    # The next review runs from the date the meeting sat.
    assert pending(child).due_date == date(2019, 4, 18)
    with pytest.raises(ValidationError) as error:
        adjourn_review(review, meeting_date=date(2019, 1, 18), reason="again", user=None)
    assert "already been adjourned once" in error.value.message_dict["meeting_date"][0]


@time_machine.travel(date(2019, 3, 1))
def test_completing_an_adjourned_review_keeps_the_meeting_date(child, allocated_iro):
    review = adjourn_review(
        pending(child), meeting_date=date(2019, 1, 18), reason="No care plan", user=None
    )
    complete_adjourned_review(
        review, outcome(None, allocated_iro), completed_date=date(2019, 2, 8), user=None
    )
    review.refresh_from_db()
    assert (review.status, review.held_date, review.completed_date) == (
        Status.HELD,
        date(2019, 1, 18),
        date(2019, 2, 8),
    )
    assert review.on_time is True


@time_machine.travel(date(2019, 1, 2))
def test_scheduling_books_a_date_without_changing_the_due_date(child, support):
    review = schedule_review(pending(child), scheduled_date=date(2019, 1, 17), user=support)
    assert (review.status, review.scheduled_date, review.due_date) == (
        Status.SCHEDULED,
        date(2019, 1, 17),
        date(2019, 1, 22),
    )


@time_machine.travel(date(2019, 6, 1))
def test_leaving_care_cancels_the_pending_review(child):
    episode = CareEpisode.objects.get(child=child)
    episode.dec, episode.rec = date(2019, 5, 1), "E13"
    episode.save()
    assert refresh_schedule(child) is None
    assert not child.reviews.filter(status__in=[Status.DUE, Status.SCHEDULED]).exists()


@time_machine.travel(date(2020, 6, 1))
def test_child_who_returns_to_care_starts_again_at_review_one(child, allocated_iro):
    record_review(pending(child), outcome(date(2019, 1, 15), allocated_iro), user=None)
    episode = CareEpisode.objects.get(child=child)
    episode.dec, episode.rec = date(2019, 3, 1), "E13"
    episode.save()
    add_episode(child, date(2020, 5, 1))
    review = refresh_schedule(child)
    assert (review.sequence, review.period_start, review.due_date) == (
        1,
        date(2020, 5, 1),
        date(2020, 6, 2),
    )
    assert "skipping 8 May 2020 and 25 May 2020" in review.due_explanation
