"""An IRO opening a child outside their caseload gives a reason first; managers see it."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from iro_tracker.audit.models import AccessGrant, AccessLog, Action

pytestmark = pytest.mark.django_db

REASON = "Covering the review of this child on Thursday"


def test_another_iro_is_asked_for_a_reason_then_reads_for_four_hours(client, other_iro, child):
    url = reverse("children:detail", args=[child.pk])
    client.force_login(other_iro)
    response = client.get(url)
    justify = reverse("audit:justify", args=[child.pk])
    assert response["Location"] == f"{justify}?next=%2Fchildren%2F{child.pk}%2F"
    page = client.get(response["Location"])
    assert "is not on your caseload" in page.content.decode()
    assert not AccessLog.objects.filter(child=child).exists()  # nothing shown, nothing logged

    short = client.post(justify, {"reason": "x", "next": url})
    assert short.status_code == 200 and not AccessGrant.objects.exists()

    done = client.post(justify, {"reason": REASON, "next": url})
    assert done["Location"] == url
    grant = AccessGrant.objects.get(user=other_iro, child=child)
    assert grant.expires_at - grant.granted_at == timedelta(hours=4)
    assert client.get(url).status_code == 200
    logged = list(AccessLog.objects.filter(child=child).order_by("seq"))
    assert [(e.action, e.reason) for e in logged] == [
        (Action.JUSTIFY, REASON),
        (Action.VIEW, REASON),
    ]
    with time_machine.travel(timezone.now() + timedelta(hours=4, minutes=1)):
        client.force_login(other_iro)
        assert client.get(url)["Location"].startswith(justify)


def test_the_allocated_iro_business_support_and_managers_are_never_asked(
    client, allocated_iro, support, manager, child
):
    for user in (allocated_iro, support, manager):
        client.force_login(user)
        assert client.get(reverse("children:detail", args=[child.pk])).status_code == 200
    assert not AccessGrant.objects.exists()


def test_the_chair_of_a_childs_plan_is_not_asked(client, other_iro, child):
    from datetime import date

    from iro_tracker.conferences.tests.factories import initial, make_cpa

    make_cpa(other_iro)
    with time_machine.travel("2019-03-01 10:00 +0000"):
        initial([child], date(2019, 2, 1), other_iro, sd=date(2019, 1, 20))
        client.force_login(other_iro)
        assert client.get(reverse("children:detail", args=[child.pk])).status_code == 200


def test_managers_see_who_opened_the_record_and_why(client, other_iro, manager, child):
    from iro_tracker.audit.services import grant_access

    grant_access(other_iro, child, reason=REASON, path="/")
    client.force_login(other_iro)
    client.get(reverse("children:detail", args=[child.pk]))
    body = client.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "Who has opened this record" not in body  # managers only
    client.force_login(manager)
    body = client.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "Who has opened this record" in body
    assert REASON in body and "Bea Other" in body


def test_read_logging_cannot_be_switched_off(settings):
    # No setting turns it off: the log is written by the views unconditionally.
    assert not [name for name in dir(settings) if "LOG" in name and "ACCESS" in name]
