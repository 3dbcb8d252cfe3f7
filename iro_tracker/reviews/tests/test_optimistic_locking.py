"""Two people editing the same review: the second save is refused, saying what changed."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from iro_tracker.audit.changes import StaleEditError
from iro_tracker.reviews import services
from iro_tracker.reviews.models import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(child):
    return child.reviews.get(status__in=[Status.DUE, Status.SCHEDULED])


def date_fields(prefix, d):
    return {f"{prefix}_0": d.day, f"{prefix}_1": d.month, f"{prefix}_2": d.year}


@time_machine.travel("2019-01-05 10:00 +0000")
def test_two_users_booking_the_same_review_cannot_overwrite_each_other(
    client, support, manager, allocated_iro, pending
):
    url = reverse("reviews:schedule", args=[pending.pk])
    client.force_login(support)
    support_form = client.get(url).context["form"]
    version = support_form.initial["version"]
    # The manager books it first, from a form they opened at the same time.
    client.force_login(manager)
    first = client.post(
        url,
        {
            "version": version,
            "chair": allocated_iro.pk,
            **date_fields("scheduled_date", date(2019, 1, 14)),
        },
    )
    assert first.status_code == 302
    # Business support's save, from the older form, is refused with what changed.
    client.force_login(support)
    second = client.post(
        url, {"version": version, **date_fields("scheduled_date", date(2019, 1, 16))}
    )
    assert second.status_code == 200
    message = second.context["form"].non_field_errors()[0]
    assert "Someone else changed this review while you were editing it" in message
    assert "Scheduled date: blank -> 14 Jan 2019 (by Manager Tester" in message
    assert "Status: Not yet scheduled -> Scheduled" in message
    pending.refresh_from_db()
    assert pending.scheduled_date == date(2019, 1, 14)


@time_machine.travel("2019-01-25 10:00 +0000")
def test_recording_a_review_someone_rebooked_meanwhile_is_refused(allocated_iro, manager, pending):
    seen = pending.version
    services.schedule_review(pending, scheduled_date=date(2019, 1, 20), user=manager)
    outcome = services.ReviewOutcome(
        held_date=date(2019, 1, 18), participation="PN1", chair=allocated_iro
    )
    with pytest.raises(StaleEditError) as refused:
        services.record_review(pending, outcome, user=allocated_iro, expected_version=seen)
    assert any("Scheduled date" in line for line in refused.value.changes)
    pending.refresh_from_db()
    assert pending.status == Status.SCHEDULED
    # With the current version the same save goes through.
    services.record_review(pending, outcome, user=allocated_iro, expected_version=pending.version)


def test_every_save_raises_the_version(manager, pending):
    before = pending.version
    with time_machine.travel("2019-01-05 10:00 +0000"):
        saved = services.schedule_review(pending, scheduled_date=date(2019, 1, 14), user=manager)
    assert saved.version == before + 1
    assert pending.history.order_by("-history_id").first().version == before + 1
