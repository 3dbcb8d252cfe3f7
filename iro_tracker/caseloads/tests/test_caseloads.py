"""Caseloads per FTE on a date and the ranked IRO suggestion, on hand-built data."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from iro_tracker.accounts.models import SpecialistLead
from iro_tracker.caseloads.services import caseload_rows
from iro_tracker.caseloads.suggestions import suggest_iro
from iro_tracker.children.models import Allocation
from iro_tracker.conferences.siblings import link_siblings
from iro_tracker.conferences.tests.factories import initial, review
from iro_tracker.conftest import add_episode, make_child, make_user
from iro_tracker.reviews.services import add_held_review, refresh_schedule, schedule_review

pytestmark = pytest.mark.django_db

D = date
ON = D(2019, 3, 1)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime(2019, 3, 1, 12, tzinfo=UTC), tick=False)


def chair(name, fte, *, cpa=True, **extra):
    return make_user(
        name, "chair", is_iro=True, is_cpa=cpa, fte=fte, last_name=name.title(), **extra
    )


START = D(2018, 6, 1)


def looked_after(local_id, iro, start=START, *, end=None, ls="C2", **child):
    c = make_child(local_id, first=local_id, last="Child", **child)
    add_episode(c, start, end, ls=ls, place="U6" if ls == "V3" else "U4")
    if iro is not None:
        Allocation.objects.create(child=c, iro=iro, start_date=start, end_date=end)
    refresh_schedule(c, as_of=ON)
    return c


@pytest.fixture
def unit():
    a = chair("ash", "0.04")  # 3 children: 75 per FTE, above the band
    b = chair("birch", "0.05")  # 3 children: 60 per FTE, within it
    c = chair("cedar", "0.10", cpa=False)  # 2 children: 20 per FTE, below it
    for i in range(3):
        looked_after(f"A{i}", a)
        looked_after(f"B{i}", b)
    looked_after("C0", c)
    looked_after("C1", c)
    # Not counted: the allocation outlived the care episode; a short break; a child who left.
    left = looked_after("AX", None, end=D(2019, 1, 31))
    Allocation.objects.create(child=left, iro=a, start_date=D(2018, 6, 1))
    looked_after("AS", a, D(2019, 2, 1), ls="V3")
    looked_after("AL", a, D(2018, 1, 1), end=D(2018, 12, 31))
    # Child protection: siblings' initial conference chaired by Ash; Birch chairs P2's review.
    p1 = make_child("P1", first="Pat", last="Plan")
    p2 = make_child("P2", first="Poppy", last="Plan")
    initial([p1, p2], D(2018, 10, 1), a, sd=D(2018, 9, 24))
    review([(p2, "plan_continued", "neglect")], D(2018, 12, 20), b)
    add_held_review(
        a.allocations.first().child, held_date=D(2018, 7, 1), participation="PN1", chair=a
    )
    return {"a": a, "b": b, "c": c, "p1": p1, "p2": p2}


def test_caseload_per_fte_against_the_band(unit):
    rows = {r.chair.username: r for r in caseload_rows(ON)}
    a, b, c = rows["ash"], rows["birch"], rows["cedar"]
    assert (a.lac, a.cp, a.combined, a.lac_per_fte, a.status) == (3, 1, 4, 75.0, "above")
    assert (b.lac, b.cp, b.lac_per_fte, b.status) == (3, 1, 60.0, "within")
    assert (c.lac, c.cp, c.lac_per_fte, c.status) == (2, 0, 20.0, "below")
    # Meetings in the 12 months to 1 Mar 2019: Ash one review and one conference.
    assert (a.reviews_12_months, a.conferences_12_months, a.meetings_per_fte) == (1, 1, 50.0)
    assert b.meetings_12_months == 1


def test_a_plan_counts_for_whoever_chaired_its_latest_conference_by_the_date(unit):
    before = {r.chair.username: r.cp for r in caseload_rows(D(2018, 12, 1))}
    assert before == {"ash": 2, "birch": 0, "cedar": 0}


def test_the_next_90_days_count_booked_reviews_and_conferences_due(unit):
    a = unit["a"]
    pending = a.allocations.first().child.reviews.get(status="due")
    schedule_review(pending, scheduled_date=D(2019, 3, 15), chair=a, user=a)
    row = next(r for r in caseload_rows(ON) if r.chair == a)
    # The booked review and AS's short-break review (due 1 May, 3 months after the first
    # break); Ash's other children's reviews were due before today (overdue, not upcoming) and
    # P1's review conference was due on 1 Jan.
    assert (row.upcoming_reviews, row.upcoming_conferences) == (2, 0)
    # From 1 Dec 2018 (as the plans stand now) P1's conference on 1 Jan is in the window.
    row = next(r for r in caseload_rows(D(2018, 12, 1)) if r.chair == a)
    assert row.upcoming_conferences == 1


def test_suggestion_puts_siblings_then_previous_iro_then_lead_then_lowest_caseload(unit):
    b, c = unit["b"], unit["c"]
    chair("dove", "1.00")  # no children: 0 per FTE
    e = chair("elm", "0.50")
    lead = SpecialistLead.objects.create(code="disabilities", name="Children with disabilities")
    e.specialist_leads.add(lead)
    chair("fir", "1.00", left_on=D(2019, 1, 31))  # left the unit: never suggested
    chair("gum", "0.00")  # no FTE: never suggested
    new = make_child("N1", first="Nia", last="Child", disabled=True)
    sibling = b.allocations.first().child
    link_siblings([new, sibling])
    Allocation.objects.create(child=new, iro=c, start_date=D(2016, 1, 1), end_date=D(2016, 6, 30))
    suggestions = suggest_iro(new, on=ON)
    assert [(s.rank, s.user.username) for s in suggestions] == [
        (1, "birch"),  # a brother's or sister's IRO
        (2, "cedar"),  # Nia's IRO before
        (3, "elm"),  # leads on disabilities
        (4, "dove"),  # then the lowest caseload per FTE
        (5, "ash"),
    ]
    assert suggestions[0].reasons[0] == f"IRO of {sibling.display_name}, a brother or sister"
    assert suggestions[1].reasons[0] == "Was Nia Child's IRO from 1 Jan 2016 to 30 Jun 2016"
    assert suggestions[2].reasons[0] == "Leads on children with disabilities"
    assert suggestions[3].reasons == ("0 looked-after children per FTE (below band 50-70)",)
    assert suggestions[4].reasons == ("75 looked-after children per FTE (above band 50-70)",)


def test_a_uasc_child_goes_to_the_uasc_lead_before_a_lighter_caseload(unit):
    e = chair("elm", "1.00")
    e.specialist_leads.add(SpecialistLead.objects.create(code="uasc", name="UASC"))
    for i in range(2):  # 2 per FTE: more than dove's none, but elm leads on UASC
        looked_after(f"E{i}", e)
    chair("dove", "1.00")
    new = make_child("U1", first="Ali", last="Child", uasc=True)
    ranked = [s.user.username for s in suggest_iro(new, on=ON)]
    assert ranked[:2] == ["elm", "dove"]


def test_caseload_page_links_each_count_to_its_list(client, manager, unit):
    client.force_login(manager)
    body = client.get(reverse("caseloads:list")).content.decode()
    assert reverse("dashboard:list", args=[f"caseload.{unit['a'].pk}.lac"]) in body
    response = client.get(reverse("dashboard:list", args=[f"caseload.{unit['a'].pk}.lac"]))
    assert response.context["total"] == 3
