"""The conference form: a sibling group in one form, each child's outcome and due dates."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from iro_tracker.conferences.models import ChildProtectionPlan, Conference
from iro_tracker.conferences.services import record_strategy_discussion
from iro_tracker.conferences.siblings import link_siblings
from iro_tracker.conferences.tests.factories import make_cpa
from iro_tracker.conftest import make_child

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime(2025, 9, 1, 12, tzinfo=UTC), tick=False)


@pytest.fixture
def family():
    children = [
        make_child("F1", first="Finn", last="Hale"),
        make_child("F2", first="Faye", last="Hale", dob=date(2018, 2, 2)),
    ]
    link_siblings(children)
    return children


def _date(prefix, d):
    return {f"{prefix}_0": d.day, f"{prefix}_1": d.month, f"{prefix}_2": d.year}


def _post(chair, children, held, **extra):
    data = {
        "candidates": ",".join(str(c.pk) for c in children),
        "kind": "initial",
        "chair": chair.pk,
        "quorate": "yes",
        **_date("held_on", held),
        **_date("strategy_discussion_on", date(2025, 4, 25)),
        "attendee_0_role": "parent",
        "attendee_0_name": "Hana Hale",
        "attendee_0_attended": "on",
        **{f"attendee_{i}_role": "other" for i in range(1, 8)},
    }
    for child in children:
        data[f"child-{child.pk}-include"] = "on"
        data[f"child-{child.pk}-outcome"] = "plan_started"
        data[f"child-{child.pk}-category"] = "neglect"
    data.update(extra)
    return data


def test_the_form_lists_the_child_with_their_siblings(client, allocated_iro, family):
    make_cpa(allocated_iro)
    client.force_login(allocated_iro)
    response = client.get(reverse("conferences:record") + f"?child={family[0].pk}")
    assert [r.child for r in response.context["rows"]] == family
    added = make_child("F3", first="Fern", last="Hale")
    response = client.get(reverse("conferences:record") + f"?child={family[0].pk}&add=F3, NOPE")
    assert [r.child for r in response.context["rows"]] == [*family, added]
    assert "No child has the local ID NOPE." in response.content.decode()


def test_children_in_an_open_enquiry_are_listed_together(client, manager, support):
    a, b = make_child("E1", first="Eve", last="One"), make_child("E2", first="Eli", last="Two")
    record_strategy_discussion([a, b], held_on=date(2025, 8, 22), s47_started_on=None, user=support)
    client.force_login(manager)
    response = client.get(reverse("conferences:record") + f"?child={b.pk}")
    assert {r.child for r in response.context["rows"]} == {a, b}
    assert "initial conference due 15 Sep 2025" in response.content.decode()


def test_a_sibling_group_conference_is_recorded_in_one_form(client, allocated_iro, family):
    make_cpa(allocated_iro)
    client.force_login(allocated_iro)
    late = _post(allocated_iro, family, date(2025, 5, 21))
    response = client.post(reverse("conferences:record"), late)
    assert response.status_code == 200
    assert "2 days late for Finn Hale (due 19 May 2025): give the reason" in (
        response.content.decode()
    )
    assert not Conference.objects.exists()
    late["late_reason"] = "PARTY_UNAVAILABLE"
    response = client.post(reverse("conferences:record"), late, follow=True)
    conference = Conference.objects.get()
    assert response.redirect_chain[-1][0] == reverse("conferences:detail", args=[conference.pk])
    body = response.content.decode()
    assert "Next review conference due: Faye Hale 21 Aug 2025; Finn Hale 21 Aug 2025." in body
    assert ChildProtectionPlan.objects.filter(child__in=family, end_date=None).count() == 2
    assert conference.attendees == [{"role": "parent", "name": "Hana Hale", "attended": True}]
    assert "Parent or carer" in body
    # Both children's records now show the plan and the review due.
    record = client.get(reverse("children:detail", args=[family[1].pk])).content.decode()
    assert "Due 21 Aug 2025: 3 months after the initial conference on 21 May 2025." in record


def test_a_child_left_unticked_is_not_recorded(client, manager, allocated_iro, family):
    make_cpa(allocated_iro)
    client.force_login(manager)
    data = _post(allocated_iro, family, date(2025, 5, 19))
    del data[f"child-{family[1].pk}-include"]
    client.post(reverse("conferences:record"), data)
    assert [r.child for r in Conference.objects.get().rows.all()] == [family[0]]


def test_a_chair_can_only_record_as_themselves(client, allocated_iro, other_iro, family):
    make_cpa(allocated_iro)
    make_cpa(other_iro)
    client.force_login(allocated_iro)
    response = client.post(
        reverse("conferences:record"), _post(other_iro, family, date(2025, 5, 19))
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Conference.objects.exists()
