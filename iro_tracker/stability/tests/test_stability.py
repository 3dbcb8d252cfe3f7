"""Placement stability, short breaks and disabilities on the pages and the child's record."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from iro_tracker.conftest import add_episode, make_child

pytestmark = pytest.mark.django_db

TODAY = date(2019, 3, 31)


@time_machine.travel(TODAY)
def test_three_placements_in_12_months_are_listed_and_shown(client, manager):
    kid = make_child("MOV", first="Max", last="Mover")
    add_episode(kid, date(2018, 5, 1), date(2018, 8, 1), rec="X1")
    add_episode(kid, date(2018, 8, 1), date(2018, 12, 1), rne="P", rec="X1")
    add_episode(kid, date(2018, 12, 1), rne="P")
    settled = make_child("SET", first="Sally", last="Settled", dob=date(2008, 1, 1))
    add_episode(settled, date(2015, 1, 1))
    client.force_login(manager)
    response = client.get(reverse("stability:overview"))
    assert [r.child for r in response.context["movers"]] == [kid]
    assert (response.context["cohort"], response.context["stable"]) == (1, 1)
    page = client.get(reverse("children:detail", args=[kid.pk])).content.decode()
    assert "3 placements, 2 moves" in page


@time_machine.travel(TODAY)
def test_short_break_limits_and_disabled_children(client, manager):
    kid = make_child("SBK", first="Sky", last="Breaks", disabled=True, disability_detail="Autism")
    add_episode(kid, date(2019, 1, 4), date(2019, 1, 22), ls="V3", place="K2", rec="E8")  # 18
    client.force_login(manager)
    response = client.get(reverse("stability:short_breaks"))
    assert [r.child for r in response.context["rows"]] == [kid]
    page = response.content.decode()
    assert "Over 17 days" in page and "18 of 75" in page
    assert response.context["disabled"] == [kid]
    record = client.get(reverse("children:detail", args=[kid.pk])).content.decode()
    assert "Short-break limit passed" in record


@time_machine.travel(TODAY)
def test_the_iro_records_the_kind_of_need(client, allocated_iro, child):
    client.force_login(allocated_iro)
    url = reverse("stability:disability", args=[child.pk])
    response = client.post(url, {"disabled": "yes", "detail": ""})
    assert "Say what kind of need" in response.content.decode()
    client.post(url, {"disabled": "yes", "detail": "Hearing"})
    child.refresh_from_db()
    assert (child.disabled, child.disability_detail) == (True, "Hearing")
    assert child.history.order_by("-history_id").first().history_user == allocated_iro
    assert (
        "Yes: Hearing" in client.get(reverse("children:detail", args=[child.pk])).content.decode()
    )
