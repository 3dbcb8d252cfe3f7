"""The main pages with real data: what they show, what they refuse, and their query counts."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from iro_tracker.children.models import Allocation
from iro_tracker.conftest import add_episode, make_child
from iro_tracker.reviews.models import Review, Status
from iro_tracker.reviews.services import refresh_schedule

pytestmark = pytest.mark.django_db

TODAY = date(2019, 3, 1)


def make_children(n, iro, team, start=0):
    for i in range(start, start + n):
        c = make_child(f"Q{i:04d}", first=f"Kid{i}", last="Load", team=team)
        add_episode(c, date(2018, 6, 1) + timedelta(days=i))
        Allocation.objects.create(child=c, iro=iro, start_date=date(2018, 6, 2))
        refresh_schedule(c, as_of=TODAY)


@time_machine.travel(TODAY)
def test_caseload_lists_overdue_first_with_days_left(client, allocated_iro, team):
    make_children(3, allocated_iro, team)
    client.force_login(allocated_iro)
    response = client.get(reverse("reviews:caseload"))
    rows = response.context["rows"]
    assert [r.review.child.local_id for r in rows] == ["Q0000", "Q0001", "Q0002"]
    assert all(r.rag == "red" for r in rows)  # review 1 due June/July 2018, never held
    assert rows[0].days_left == (rows[0].review.due_date - TODAY).days < 0
    assert b"days overdue" in response.content


@time_machine.travel(TODAY)
def test_children_due_the_same_day_are_listed_by_name_not_by_when_they_were_added(
    client, manager, allocated_iro, team
):
    # Looked after from a Saturday and the Friday before: the same first-review due date.
    # Zed is added first, so insertion order (SQLite's habit for ties) would put Zed first.
    for local_id, first, started in (
        ("T2", "Zed", date(2018, 6, 2)),
        ("T1", "Amy", date(2018, 6, 1)),
    ):
        child = make_child(local_id, first=first, last="Tie", team=team)
        add_episode(child, started)
        Allocation.objects.create(child=child, iro=allocated_iro, start_date=started)
        refresh_schedule(child, as_of=TODAY)
    due_dates = {r.due_date for r in Review.objects.filter(child__last_name="Tie", sequence=1)}
    assert len(due_dates) == 1
    client.force_login(allocated_iro)
    rows = client.get(reverse("reviews:caseload")).context["rows"]
    assert [r.review.child.first_name for r in rows] == ["Amy", "Zed"]
    client.force_login(manager)
    rows = client.get(reverse("reviews:due")).context["rows"]
    assert [r.review.child.first_name for r in rows] == ["Amy", "Zed"]


@time_machine.travel(TODAY)
def test_caseload_query_count_does_not_grow_with_children(
    client, allocated_iro, team, django_assert_max_num_queries
):
    make_children(3, allocated_iro, team)
    client.force_login(allocated_iro)
    with django_assert_max_num_queries(10):
        client.get(reverse("reviews:caseload"))
    make_children(30, allocated_iro, team, start=3)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("reviews:caseload"))
    assert len(response.context["rows"]) == 33


@time_machine.travel(TODAY)
def test_reviews_due_and_children_list_query_counts_are_pinned(
    client, manager, allocated_iro, team, django_assert_max_num_queries
):
    make_children(40, allocated_iro, team)
    client.force_login(manager)
    for url in (reverse("reviews:due"), reverse("children:list"), reverse("reviews:summary")):
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200


@time_machine.travel(TODAY)
def test_reviews_due_filters_by_iro_team_overdue_and_unscheduled(
    client, manager, allocated_iro, other_iro, team
):
    make_children(2, allocated_iro, team)
    other = make_child("OTH1", first="Other", last="Child")
    add_episode(other, date(2019, 2, 20))
    Allocation.objects.create(child=other, iro=other_iro, start_date=date(2019, 2, 20))
    refresh_schedule(other)
    client.force_login(manager)

    def ids(**params):
        response = client.get(reverse("reviews:due"), params)
        return sorted(r.review.child.local_id for r in response.context["rows"])

    assert ids() == ["OTH1", "Q0000", "Q0001"]
    assert ids(iro=other_iro.pk) == ["OTH1"]
    assert ids(team=team.pk) == ["Q0000", "Q0001"]
    assert ids(overdue="on") == ["Q0000", "Q0001"]
    assert ids(due_from="2019-03-01") == ["OTH1"]
    pending = other.reviews.get(status=Status.DUE)
    pending.status, pending.scheduled_date = Status.SCHEDULED, date(2019, 3, 10)
    pending.save()
    assert ids(unscheduled="on") == ["Q0000", "Q0001"]


@time_machine.travel(TODAY)
def test_csv_cells_that_look_like_formulas_are_escaped(client, manager):
    child = make_child("F1", first="=HYPERLINK(1)", last="Child")
    add_episode(child, date(2019, 1, 2))
    refresh_schedule(child)
    client.force_login(manager)
    body = client.get(reverse("reviews:due") + "?format=csv").content.decode()
    assert "'=HYPERLINK(1) Child" in body


@time_machine.travel(TODAY)
def test_child_name_with_markup_is_shown_as_text(client, manager):
    child = make_child("X1", first="<script>alert(1)</script>", last="Child")
    add_episode(child, date(2019, 1, 2))
    refresh_schedule(child)
    client.force_login(manager)
    body = client.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


@time_machine.travel(TODAY)
def test_child_record_shows_due_date_explanation_and_episodes(client, manager, child):
    client.force_login(manager)
    body = client.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "20 working days after 20 Dec 2018, skipping 25 Dec 2018" in body
    assert "Period of care: 20 Dec 2018 to now" in body
    assert "Ada Reviewer" in body


@time_machine.travel(TODAY)
def test_record_review_form_refuses_a_late_review_without_reason(client, allocated_iro, child):
    review = child.reviews.get(status=Status.DUE)
    client.force_login(allocated_iro)
    data = {
        "held_date_0": "25",
        "held_date_1": "1",
        "held_date_2": "2019",
        "participation": "PN1",
        "chair": allocated_iro.pk,
    }
    response = client.post(reverse("reviews:record", args=[review.pk]), data)
    assert response.status_code == 200
    assert "3 days late (due 22 Jan 2019): give the reason" in response.content.decode()
    data["late_reason"] = "CAPACITY"
    response = client.post(reverse("reviews:record", args=[review.pk]), data)
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.status, review.late_reason) == (Status.HELD, "CAPACITY")


@time_machine.travel(TODAY)
def test_record_review_form_rejects_an_impossible_date(client, allocated_iro, child):
    review = child.reviews.get(status=Status.DUE)
    client.force_login(allocated_iro)
    data = {
        "held_date_0": "31",
        "held_date_1": "2",
        "held_date_2": "2019",
        "participation": "PN1",
        "chair": allocated_iro.pk,
    }
    response = client.post(reverse("reviews:record", args=[review.pk]), data)
    assert "Date held must be a real date" in response.content.decode()


@time_machine.travel(TODAY)
def test_manager_changes_iro_and_overlap_is_refused(client, manager, other_iro, child):
    client.force_login(manager)
    url = reverse("children:allocate", args=[child.pk])
    overlapping = {
        "iro": other_iro.pk,
        "start_date_0": "21",
        "start_date_1": "12",
        "start_date_2": "2018",
        "reason": "Caseload balance",
    }
    response = client.post(url, overlapping)
    assert "would overlap" in response.content.decode()
    response = client.post(
        url, {**overlapping, "start_date_0": "1", "start_date_1": "2", "start_date_2": "2019"}
    )
    assert response.status_code == 302
    assert child.allocations.count() == 2
    current = child.allocations.get(end_date__isnull=True)
    assert (current.iro, current.reason) == (other_iro, "Caseload balance")
    previous = child.allocations.get(end_date__isnull=False)
    assert previous.end_date == date(2019, 1, 31)


@time_machine.travel(TODAY)
def test_opening_a_review_form_is_logged_as_a_view_of_the_child(client, allocated_iro, child):
    review = child.reviews.get(status=Status.DUE)
    client.force_login(allocated_iro)
    client.get(reverse("reviews:record", args=[review.pk]))
    entry = child.access_log.get()
    assert (entry.user, entry.action, entry.detail) == (allocated_iro, "view", "review form")
