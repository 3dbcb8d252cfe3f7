"""The work queue lists exactly what is due, overdue first, on a frozen clock over Easter 2019."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from iro_tracker.children.models import Allocation
from iro_tracker.conftest import add_episode, make_child
from iro_tracker.disputes.documents import check_documents
from iro_tracker.disputes.models import Theme
from iro_tracker.disputes.services import raise_issue
from iro_tracker.reviews.models import Status
from iro_tracker.reviews.services import (
    add_held_review,
    record_documents,
    refresh_schedule,
    schedule_review,
)
from iro_tracker.workqueue import registry
from iro_tracker.workqueue.registry import WorkItem
from iro_tracker.workqueue.services import record_invitation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def queue_providers_only(monkeypatch):
    # These tests pin the queue's own items (and issues'); health and court add theirs, tested
    # in their own apps.
    from iro_tracker.disputes.providers import issue_responses_to_chase
    from iro_tracker.workqueue import providers

    monkeypatch.setattr(registry, "_providers", [*providers.BUILT_IN, issue_responses_to_chase])


# Thursday 18 April 2019: Good Friday and Easter Monday come next.
TODAY = date(2019, 4, 18)


def pending(child):
    return child.reviews.get(status__in=[Status.DUE, Status.SCHEDULED])


@pytest.fixture
def scene(child, allocated_iro, support, team):
    """A: the conftest child, review 1 overdue since 22 Jan and not booked.
    B: in care from 10 Apr 2019, review 1 due 13 May (Easter and 6 May skipped), not booked.
    C: review 3 due 1 Sep 2019, beyond 8 weeks; an informal issue awaiting a response.
    D: booked for Wed 24 Apr: invitations (due 1 Apr) and documents (due 17 Apr) overdue.
    E: booked for 24 Jun: nothing due within the queue's 10 working days.
    """
    with time_machine.travel(date(2019, 4, 15)):
        b = make_child("B1", first="Billie", last="New", team=team)
        add_episode(b, date(2019, 4, 10))
        refresh_schedule(b)
        c = make_child("C1", first="Casey", last="Later", team=team)
        add_episode(c, date(2018, 6, 1))
        add_held_review(c, held_date=date(2018, 6, 20), participation="PN1")
        add_held_review(c, held_date=date(2019, 3, 1), participation="PN1")
        refresh_schedule(c)
        raise_issue(
            c,
            theme=Theme.CONTACT,
            summary="Sibling contact not happening.",
            raised_on=date(2019, 4, 15),
            responder="Sam Patel, social worker",
            user=allocated_iro,
        )
        d, e = (
            make_child(i, first=n, last="Booked", team=team)
            for i, n in (("D1", "Dee"), ("E1", "Eve"))
        )
        for kid, day in ((d, date(2019, 4, 24)), (e, date(2019, 6, 24))):
            add_episode(kid, date(2018, 12, 3))
            Allocation.objects.create(child=kid, iro=allocated_iro, start_date=date(2018, 12, 3))
            schedule_review(refresh_schedule(kid), scheduled_date=day, user=support)
    return {"A": child, "B": b, "C": c, "D": d, "E": e}


def keys(user):
    return [i.key for i in registry.items_for(TODAY, user)]


@time_machine.travel(TODAY)
def test_the_queue_lists_exactly_what_is_due_overdue_first(scene, support):
    a, b, d = pending(scene["A"]), pending(scene["B"]), pending(scene["D"])
    step = scene["C"].issues.get().steps.get()
    assert b.due_date == date(2019, 5, 13)
    assert keys(support) == [
        f"schedule:{a.pk}",  # overdue since 22 Jan
        f"invite:{d.pk}",  # overdue since 1 Apr
        f"documents:{d.pk}",  # overdue since 17 Apr
        f"issue-response:{step.pk}",  # due 24 Apr
        f"schedule:{b.pk}",  # due 13 May
    ]
    items = {i.key: i for i in registry.items_for(TODAY, support)}
    invite = items[f"invite:{d.pk}"]
    assert invite.explanation == (
        "Due 1 Apr 2019: 15 working days before the review on 24 Apr 2019 (local practice)."
    )
    assert invite.due_text(TODAY) == "17 days overdue"
    docs = items[f"documents:{d.pk}"]
    assert docs.explanation == (
        "Care plan and pre-meeting report not received. Due 17 Apr 2019: 3 working days before"
        " the review on 24 Apr 2019, skipping 19 Apr 2019 and 22 Apr 2019 (bank holidays)."
    )
    assert docs.url == reverse("reviews:schedule", args=[d.pk])
    assert items[f"schedule:{b.pk}"].explanation.startswith("Due 13 May 2019: 20 working days")


@time_machine.travel(TODAY)
def test_items_disappear_when_done(scene, support, allocated_iro):
    a, d = pending(scene["A"]), pending(scene["D"])
    schedule_review(a, scheduled_date=date(2019, 5, 20), user=support)
    record_invitation(d, sent_on=TODAY, user=support)
    record_documents(d, care_plan=TODAY, pre_meeting_report=TODAY, user=support)
    found = keys(support)
    assert f"schedule:{a.pk}" not in found and f"invite:{a.pk}" in found  # due 26 Apr
    assert not [k for k in found if k.endswith(f":{d.pk}")]


@time_machine.travel(TODAY)
def test_an_automatic_issue_is_chased_as_documents_not_as_a_response(scene, support):
    d = pending(scene["D"])
    assert len(check_documents(TODAY).raised) == 1
    titles = {i.key: i.title for i in registry.items_for(TODAY, support)}
    assert titles[f"documents:{d.pk}"].endswith("(documentation issue raised)")
    assert len([k for k in titles if k.startswith("issue-response:")]) == 1  # C's only


@time_machine.travel(TODAY)
def test_other_features_plug_in_their_items(scene, support):
    def iha_provider(today, user):
        return [
            WorkItem("iha:1", "Health assessments", "Record the IHA", date(2019, 4, 1), "why",
                     "/x/", "Record")
        ]  # fmt: skip

    registry.register(iha_provider)
    try:
        # Due 1 Apr like D's invitations: due date first, then the heading's name.
        assert keys(support)[:3] == [
            f"schedule:{pending(scene['A']).pk}",
            "iha:1",
            f"invite:{pending(scene['D']).pk}",
        ]
    finally:
        registry._providers.remove(iha_provider)


@time_machine.travel(TODAY)
def test_the_page_shows_each_item_with_due_date_explanation_and_link(client, scene, support):
    client.force_login(support)
    response = client.get(reverse("workqueue:index"))
    body = response.content.decode()
    assert [r["item"].key for r in response.context["rows"]] == keys(support)
    assert "3 overdue" in body
    assert "Due 1 Apr 2019: 15 working days before the review on 24 Apr 2019" in body
    assert reverse("workqueue:invitation", args=[pending(scene["D"]).pk]) in body


@time_machine.travel(TODAY)
def test_recording_invitations_from_the_queue(client, scene, support):
    d = pending(scene["D"])
    client.force_login(support)
    url = reverse("workqueue:invitation", args=[d.pk])
    response = client.post(url, {"sent_on_0": "18", "sent_on_1": "4", "sent_on_2": "2019"})
    assert response.status_code == 302 and response["Location"] == reverse("workqueue:index")
    assert d.invitation.sent_on == TODAY
    again = client.post(url, {"sent_on_0": "18", "sent_on_1": "4", "sent_on_2": "2019"})
    assert "already recorded" in again.content.decode()


@time_machine.travel(TODAY)
def test_the_queue_runs_a_fixed_number_of_queries(
    client, scene, support, django_assert_max_num_queries
):
    client.force_login(support)
    with django_assert_max_num_queries(14):
        client.get(reverse("workqueue:index"))
