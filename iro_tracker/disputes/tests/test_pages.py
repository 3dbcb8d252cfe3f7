"""The issue and oversight pages through the forms, and what the child's record shows."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from iro_tracker.disputes.models import ChildContact, Issue, MidwayMeeting, Stage
from iro_tracker.reviews.models import Status
from iro_tracker.reviews.services import ReviewOutcome, record_review, schedule_review

pytestmark = pytest.mark.django_db

TODAY = date(2019, 5, 31)


def day(prefix, d):
    return {f"{prefix}_0": d.day, f"{prefix}_1": d.month, f"{prefix}_2": d.year}


def raise_form(client, child, **extra):
    data = {
        "theme": "care_plan",
        "summary": "No permanence plan at the second review.",
        "responder": "Sam Patel, social worker",
        **day("raised_on", date(2019, 4, 15)),
        **extra,
    }
    return client.post(reverse("disputes:raise", args=[child.pk]), data)


@time_machine.travel(TODAY)
def test_an_iro_raises_escalates_skipping_a_stage_and_resolves(client, allocated_iro, child):
    client.force_login(allocated_iro)
    response = raise_form(client, child)
    issue = Issue.objects.get()
    assert response["Location"] == reverse("disputes:detail", args=[issue.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Response due 24 Apr 2019" in page
    assert "skipping 19 Apr 2019 and 22 Apr 2019 (bank holidays)" in page

    head = Stage.objects.get(name="Operations manager")
    escalate = reverse("disputes:escalate", args=[issue.pk])
    form = client.get(escalate).context["form"]
    assert [s.name for s in form.fields["stage"].queryset][:2] == [
        "Practice manager",
        "Operations manager",
    ]
    data = {
        "stage": head.pk,
        "responder": "Lee Ops, operations manager",
        **day("on", date(2019, 4, 25)),
    }
    client.post(escalate, data)
    page = client.get(reverse("disputes:detail", args=[issue.pk])).content.decode()
    assert "Resolution due 24 May 2019" in page
    assert "20 working days after the dispute was formally raised on 25 Apr 2019" in page
    assert "skipping Practice manager" in page

    client.post(
        reverse("disputes:respond", args=[issue.pk]),
        {"response": "Plan agreed.", **day("responded_on", date(2019, 5, 1))},
    )
    client.post(
        reverse("disputes:resolve", args=[issue.pk]),
        {"outcome": "resolved", "note": "Plan updated.", **day("closed_on", date(2019, 5, 3))},
    )
    issue.refresh_from_db()
    assert (issue.status, issue.outcome) == ("closed", "resolved")
    page = client.get(reverse("disputes:detail", args=[issue.pk])).content.decode()
    assert "The formal process took 6 working days, within the timescale." in page


@time_machine.travel(TODAY)
def test_form_errors_are_shown_beside_the_fields(client, allocated_iro, child):
    client.force_login(allocated_iro)
    body = raise_form(client, child, responder="").content.decode()
    assert "There is a problem" in body and "Say who has been asked to respond." in body
    body = raise_form(client, child, **day("raised_on", date(2019, 6, 3))).content.decode()
    assert "The date cannot be in the future." in body
    assert not Issue.objects.exists()


@time_machine.travel(TODAY)
def test_the_child_record_shows_issues_dated_entries_and_oversight(client, allocated_iro, child):
    client.force_login(allocated_iro)
    raise_form(client, child)
    review = child.reviews.get(status=Status.DUE)
    record_review(
        review,
        ReviewOutcome(held_date=date(2019, 1, 20), participation="PN1", chair=allocated_iro),
        user=allocated_iro,
    )
    client.post(
        reverse("disputes:contact", args=[child.pk]),
        {
            **day("on", date(2019, 3, 1)),
            "method": "visit",
            "seen_alone": "yes",
            "iro": allocated_iro.pk,
        },
    )
    body = client.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "1 open issue" in body
    assert "Care plan issue raised informally" in body  # the dated entry
    assert "Visit on 1 Mar 2019." in body
    # Review 2 is due 20 Apr 2019: halfway (45 of 90 days) from 20 Jan is 6 Mar.
    assert "Not yet held. Due by 6 Mar 2019" in body
    assert reverse("disputes:midway", args=[child.pk]) in body
    contact = ChildContact.objects.get()
    assert (contact.seen_alone, contact.iro) == (True, allocated_iro)


@time_machine.travel(TODAY)
def test_a_contact_by_call_needs_to_say_whether_the_child_was_alone(client, allocated_iro, child):
    client.force_login(allocated_iro)
    url = reverse("disputes:contact", args=[child.pk])
    data = {**day("on", date(2019, 3, 1)), "method": "call", "iro": allocated_iro.pk}
    assert "seen or spoken to alone" in client.post(url, data).content.decode()
    data["method"] = "message"
    assert client.post(url, data).status_code == 302
    assert ChildContact.objects.get().seen_alone is None


@time_machine.travel(TODAY)
def test_the_oversight_report_counts_cycles_per_iro_and_child(
    client, manager, allocated_iro, child
):
    for held in (date(2019, 1, 20), date(2019, 4, 10)):
        review = child.reviews.get(status=Status.DUE)
        record_review(
            review,
            ReviewOutcome(
                held_date=held,
                participation="PN1",
                chair=allocated_iro,
                late_reason="OTHER" if held > review.due_date else "",
                late_reason_note="x",
            ),
            user=allocated_iro,
        )
    MidwayMeeting.objects.create(child=child, iro=allocated_iro, held_on=date(2019, 3, 1))
    client.force_login(manager)
    response = client.get(
        reverse("disputes:oversight"), {"start": "2019-01-01", "end": "2019-05-31"}
    )
    total = response.context["total"]
    assert (
        total["cycles"],
        total["with_midway"],
        total["contact_expected"],
        total["with_contact"],
    ) == (1, 1, 1, 0)
    assert response.context["per_iro"][0][0] == allocated_iro
    assert "1 gap" in response.content.decode()


@time_machine.travel(TODAY)
def test_the_documents_report_flags_a_social_worker_s_pattern(client, support, allocated_iro, team):
    from iro_tracker.conftest import add_episode, make_child
    from iro_tracker.reviews.services import refresh_schedule

    for i, meeting in enumerate((date(2019, 2, 6), date(2019, 3, 6), date(2019, 4, 3))):
        kid = make_child(f"P{i}", first=f"Pat{i}", team=team, social_worker="Chris Late")
        add_episode(kid, date(2018, 12, 3))
        review = refresh_schedule(kid)
        schedule_review(review, scheduled_date=meeting, user=support)
    client.force_login(support)
    response = client.get(reverse("disputes:documents"))
    figures = response.context["f"]
    assert figures["patterns"] == ["Chris Late"]
    assert figures["by_team"]["Looked After Children North"]["non_compliant"] == 3
    assert "A pattern of non-compliance: Chris Late." in response.content.decode()


@time_machine.travel(TODAY)
def test_the_child_record_part_runs_a_fixed_number_of_queries(
    client, allocated_iro, child, django_assert_num_queries
):
    from iro_tracker.disputes.child_record import oversight_context

    client.force_login(allocated_iro)
    raise_form(client, child)
    with django_assert_num_queries(8):
        oversight_context(child, allocated_iro, TODAY)
    for _ in range(5):
        raise_form(client, child)
    with django_assert_num_queries(8):
        context = oversight_context(child, allocated_iro, TODAY)
    assert len(context["issues"]) == 6


def test_raise_form_is_prefilled_from_an_overdue_decision_link(client, allocated_iro, child):
    client.force_login(allocated_iro)
    url = reverse("disputes:raise", args=[child.pk])
    response = client.get(url, {"theme": "drift", "summary": "Decision 2 (contact plan) overdue"})
    form = response.context["form"]
    assert form.initial["theme"] == "drift"
    assert form.initial["summary"] == "Decision 2 (contact plan) overdue"
    assert "Decision 2 (contact plan) overdue" in response.content.decode()
