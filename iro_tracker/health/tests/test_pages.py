"""Health checks recorded in the browser's forms appear at once on the child's record, the
caseload, the health overview and the work queue."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from iro_tracker.children.models import Allocation
from iro_tracker.conftest import add_episode, make_child
from iro_tracker.health import queue
from iro_tracker.reviews.services import refresh_schedule

pytestmark = pytest.mark.django_db

TODAY = date(2019, 2, 1)


def day(prefix, d):
    return {f"{prefix}_0": d.day, f"{prefix}_1": d.month, f"{prefix}_2": d.year}


def record(client, name, child, data):
    response = client.post(reverse(f"health:{name}", args=[child.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    return client.get(reverse("children:detail", args=[child.pk])).content.decode()


@time_machine.travel(TODAY)
def test_each_health_record_is_recorded_and_shown_on_the_child_record(client, support, child):
    client.force_login(support)
    page = client.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "Initial health assessment not recorded: due 22 Jan 2019." in page
    page = record(client, "iha", child, day("completed_on", date(2019, 1, 23)))
    assert (
        "Completed 23 Jan 2019, 21 working days after the child became looked after: late" in page
    )
    page = record(client, "assessment", child, day("completed_on", date(2019, 1, 30)))
    assert "Due 30 Jan 2020" in page
    page = record(client, "dental", child, day("checked_on", date(2019, 1, 31)))
    assert "Last 31 Jan 2019" in page
    page = record(client, "immunisations", child, {**day("recorded_on", TODAY), "up_to_date": "no"})
    assert "Not up to date" in page
    page = record(client, "sdq", child, {**day("completed_on", TODAY), "score": "18"})
    assert "Score 18 on 1 Feb 2019" in page


@time_machine.travel(TODAY)
def test_a_form_error_is_shown_beside_the_field(client, support, child):
    client.force_login(support)
    data = {**day("completed_on", date(2019, 1, 23)), **day("refused_on", date(2019, 1, 24))}
    response = client.post(reverse("health:iha", args=[child.pk]), data)
    assert response.status_code == 200
    assert "either completed or refused" in response.content.decode()


def children_of(iro, n, start=0):
    for i in range(start, start + n):
        kid = make_child(f"H{i:03d}", first=f"Kid{i}", last="Health")
        add_episode(kid, date(2018, 12, 3))
        Allocation.objects.create(child=kid, iro=iro, start_date=date(2018, 12, 3))
        refresh_schedule(kid, as_of=TODAY)


@time_machine.travel(TODAY)
def test_caseload_flags_overdue_assessments_in_a_fixed_number_of_queries(
    client, allocated_iro, django_assert_max_num_queries
):
    children_of(allocated_iro, 2)
    client.force_login(allocated_iro)
    with django_assert_max_num_queries(14) as first:
        response = client.get(reverse("reviews:caseload"))
    assert response.content.decode().count('data-testid="health-overdue"') == 2
    children_of(allocated_iro, 10, start=2)
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(reverse("reviews:caseload"))
    assert response.content.decode().count('data-testid="health-overdue"') == 12


@time_machine.travel(TODAY)
def test_overview_counts_this_year_beside_last_and_lists_the_overdue(client, manager, child):
    client.force_login(manager)
    response = client.get(reverse("health:overview"))
    assert response.context["this_year"]["iha_due"] == 1
    assert response.context["this_year"]["iha_not_recorded"] == 1
    assert [row["child"] for row in response.context["rows"]] == [child]


def test_work_queue_prompts_for_the_iha_from_10_working_days(support, allocated_iro, child):
    # Care began Thu 20 Dec 2018: 10 working days on, skipping Christmas, is Tue 8 Jan 2019.
    assert queue.items(date(2019, 1, 7), support) == []
    found = queue.items(date(2019, 1, 8), support)
    assert [(i["child_id"], i["due"]) for i in found] == [("C001", date(2019, 1, 22))]
    assert "not yet requested" in found[0]["title"]
    assert queue.items(date(2019, 1, 8), allocated_iro) == found  # the allocated IRO too
    item = queue.provider(date(2019, 1, 8), support)[0]
    assert item.url == reverse("health:iha", args=[child.pk])
    from iro_tracker.health.services import record_iha

    with time_machine.travel(date(2019, 1, 9)):
        record_iha(child, requested_on=None, completed_on=date(2019, 1, 9), refused_on=None)
    assert queue.items(date(2019, 1, 9), support) == []


@time_machine.travel(TODAY)
def test_dashboard_items_list_the_children_behind_each_figure(child):
    from iro_tracker.health.tiles import LABELS, monitoring_items

    items = monitoring_items(TODAY)
    assert set(items) == set(LABELS)
    assert items["health.iha_overdue"] == [
        {
            "child_id": child.pk,
            "when": None,
            "note": "Initial health assessment not recorded: due 22 Jan 2019.",
        }
    ]
    assert items["legal.to_discuss"] == []


@time_machine.travel(TODAY)
def test_the_child_record_panels_run_a_fixed_number_of_queries(
    manager, child, django_assert_max_num_queries
):
    from iro_tracker.health import services
    from iro_tracker.health.panels import monitoring_context

    with django_assert_max_num_queries(20) as first:
        monitoring_context(child, manager, TODAY)
    for day_of_month in range(2, 12):
        services.record_dental_check(child, checked_on=date(2019, 1, day_of_month))
        services.record_review_assessment(child, completed_on=date(2019, 1, day_of_month))
    with django_assert_max_num_queries(len(first.captured_queries)):
        monitoring_context(child, manager, TODAY)
