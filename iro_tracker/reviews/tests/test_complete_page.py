"""The page for completing an adjourned review (the only review form no other test renders)."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from iro_tracker.reviews import services
from iro_tracker.reviews.models import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def adjourned(allocated_iro, child):
    review = child.reviews.get(status__in=[Status.DUE, Status.SCHEDULED])
    with time_machine.travel("2019-01-21 10:00 +0000"):
        services.schedule_review(review, scheduled_date=date(2019, 1, 20), user=allocated_iro)
        services.adjourn_review(
            review, meeting_date=date(2019, 1, 20), reason="Parent unwell", user=allocated_iro
        )
    review.refresh_from_db()
    return review


@time_machine.travel("2019-01-25 10:00 +0000")
def test_complete_page_shows_the_review_and_the_form(client, allocated_iro, child, adjourned):
    client.force_login(allocated_iro)
    response = client.get(reverse("reviews:complete", args=[adjourned.pk]))
    html = response.content.decode()
    back = reverse("children:detail", args=[child.pk])
    assert f'<a href="{back}" class="govuk-back-link">Back to Alex Smith</a>' in html
    assert '<span class="govuk-caption-l">Alex Smith</span>' in html
    assert '<h1 class="govuk-heading-l">Complete an adjourned review</h1>' in html
    assert 'data-testid="due-date"' in html  # the review summary
    assert "The meeting sat on 20 Jan 2019 and was adjourned: Parent unwell" in html
    assert f'name="version" value="{adjourned.version}"' in html
    fields = ["completed_date_0", "participation", "chair", "late_reason", "late_reason_note"]
    positions = [html.index(f'name="{name}"') for name in fields]
    assert positions == sorted(positions)
    assert ">Save</button>" in html
    assert "There is a problem" not in html


@time_machine.travel("2019-01-25 10:00 +0000")
def test_complete_page_lists_errors(client, allocated_iro, adjourned):
    client.force_login(allocated_iro)
    response = client.post(
        reverse("reviews:complete", args=[adjourned.pk]), {"version": adjourned.version}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert '<a href="#id_completed_date_0">Enter the date the review was completed</a>' in html
