"""Care proceedings and the legal status watch, from the browser's forms to the work queue."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from iro_tracker.children.models import Allocation
from iro_tracker.conftest import add_episode, make_child
from iro_tracker.court import queue
from iro_tracker.court.models import CareProceedings
from iro_tracker.reviews.services import refresh_schedule

pytestmark = pytest.mark.django_db

TODAY = date(2019, 2, 1)


def day(prefix, d):
    return {f"{prefix}_0": d.day, f"{prefix}_1": d.month, f"{prefix}_2": d.year}


def detail(client, child):
    return client.get(reverse("children:detail", args=[child.pk])).content.decode()


@time_machine.travel(TODAY)
def test_proceedings_for_a_sibling_group_decided_on_the_26_week_day(client, allocated_iro, child):
    sister = make_child("C002", first="Sam", last="Smith")
    client.force_login(allocated_iro)
    data = {
        "children": "c002",
        **day("issued_on", date(2018, 7, 30)),
        "court": "Family Court at Brighton",
        **day("concluded_on", date(2019, 1, 28)),  # 26 weeks to the day
        "outcome": "care_order",
        **day("iro_contribution_on", date(2019, 1, 14)),
    }
    response = client.post(reverse("court:new", args=[child.pk]), data)
    assert response.status_code == 302
    proceedings = CareProceedings.objects.get()
    assert set(proceedings.children.all()) == {child, sister}
    assert (proceedings.length_weeks, proceedings.within_26_weeks) == (26.0, True)
    page = detail(client, child)
    assert "after 26.0 weeks" in page and "Within 26 weeks" in page
    assert "With Sam Smith" in page
    # A day later would not have been within 26 weeks.
    data.update(day("concluded_on", date(2019, 1, 29)), children="C001, C002")
    client.post(reverse("court:edit", args=[proceedings.pk]), data)
    assert "Over 26 weeks" in detail(client, child)
    assert proceedings.history.count() >= 2


@time_machine.travel(TODAY)
def test_proceedings_need_an_outcome_once_decided(client, manager, child):
    client.force_login(manager)
    data = {"children": "", **day("issued_on", date(2018, 7, 30)), **day("concluded_on", TODAY)}
    response = client.post(reverse("court:new", args=[child.pk]), data)
    assert "Choose how the proceedings ended." in response.content.decode()
    data["children"] = "NOPE"
    data["outcome"] = "sgo"
    response = client.post(reverse("court:new", args=[child.pk]), data)
    assert "No child with the ID NOPE." in response.content.decode()


@pytest.fixture
def s20_child(db, allocated_iro):
    kid = make_child("S20", first="Jo", last="Watch")
    add_episode(kid, date(2018, 6, 1), ls="V2")
    Allocation.objects.create(child=kid, iro=allocated_iro, start_date=date(2018, 6, 1))
    refresh_schedule(kid, as_of=TODAY)
    return kid


@time_machine.travel(TODAY)
def test_section_20_over_6_months_is_listed_until_discussed(client, allocated_iro, s20_child):
    client.force_login(allocated_iro)
    found = queue.items(TODAY, allocated_iro)
    assert [i["child_id"] for i in found] == ["S20"]
    assert found[0]["explanation"].startswith("Accommodated under section 20 since 1 Jun 2018")
    page = client.get(reverse("court:watch")).content.decode()
    assert "Not yet" in page
    data = {
        **day("discussed_on", TODAY),
        "with_whom": "Pat Social Worker",
        "outcome": "plan_to_change",
        "plan": "Apply for a care order by March.",
    }
    response = client.post(reverse("court:discuss", args=[s20_child.pk]), data)
    assert response.status_code == 302
    assert queue.items(TODAY, allocated_iro) == []
    assert "Discussed 1 Feb 2019" in detail(client, s20_child)
    discussion = s20_child.legal_discussions.get()
    assert (discussion.legal_status, discussion.history.get().history_user) == ("V2", allocated_iro)


@time_machine.travel(TODAY)
def test_a_placement_order_is_flagged_for_revocation_once_adoption_is_not_the_plan(
    client, allocated_iro
):
    kid = make_child("PO1", first="Kim", last="Order", dob=date(2015, 1, 1))
    add_episode(kid, date(2017, 6, 1), ls="E1", place="U5")
    Allocation.objects.create(child=kid, iro=allocated_iro, start_date=date(2017, 6, 1))
    client.force_login(allocated_iro)
    assert "Is adoption still the plan?" in detail(client, kid)
    data = {
        **day("discussed_on", TODAY),
        "with_whom": "Team manager",
        "outcome": "revoke_placement_order",
        "plan": "Application to revoke by April.",
    }
    client.post(reverse("court:discuss", args=[kid.pk]), data)
    assert "Placement order to revoke" in detail(client, kid)
    assert "Placement order to revoke" in client.get(reverse("court:watch")).content.decode()
