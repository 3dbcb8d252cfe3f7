"""Two people correcting the same conference cannot silently overwrite each other."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from iro_tracker.audit.changes import StaleEditError
from iro_tracker.conferences import services
from iro_tracker.conferences.tests.factories import initial, make_cpa

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference(allocated_iro, child):
    make_cpa(allocated_iro)
    with time_machine.travel("2019-03-01 10:00 +0000"):
        return initial([child], date(2019, 2, 1), allocated_iro, sd=date(2019, 1, 20))


def test_the_second_correction_is_refused_with_what_changed(
    client, allocated_iro, manager, conference
):
    url = reverse("conferences:amend", args=[conference.pk])
    client.force_login(allocated_iro)
    seen = client.get(url).context["form"].initial["version"]
    services.amend_conference(
        conference, quorate=False, late_reason_note="", user=manager, expected_version=seen
    )
    response = client.post(url, {"version": seen, "quorate": "yes", "late_reason_note": ""})
    assert response.status_code == 200
    message = response.context["form"].non_field_errors()[0]
    assert "Someone else changed this conference" in message
    assert "Quorate: yes -> no (by Manager Tester" in message
    conference.refresh_from_db()
    assert conference.quorate is False


def test_a_current_form_saves(allocated_iro, conference):
    with pytest.raises(StaleEditError):
        services.amend_conference(
            conference, quorate=False, late_reason_note="", user=allocated_iro, expected_version=99
        )
    saved = services.amend_conference(
        conference,
        quorate=False,
        late_reason_note="",
        user=allocated_iro,
        expected_version=conference.version,
    )
    assert saved.version == conference.version + 1
