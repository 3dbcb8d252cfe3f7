"""The outcome pages with real data: follow-up at the next review, on the child's record and
in the caseload, the forms, and the logging of every download."""

from datetime import date
from urllib.parse import quote

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from iro_tracker.outcomes.models import LetterVersion, OutcomeRecord
from iro_tracker.outcomes.tests.factories import decision, full_record, held, looked_after_child

pytestmark = pytest.mark.django_db
TODAY = date(2019, 3, 1)


@pytest.fixture
def two_reviews(child, allocated_iro):
    """Review 1 (17 Jan) with a decision due 1 Feb still open; review 2 held 20 Feb."""
    with time_machine.travel(TODAY):
        first = held(child, date(2019, 1, 17), allocated_iro)
        full_record(first, allocated_iro)
        late = decision(
            first,
            allocated_iro,
            "Arrange contact with your brother",
            "You miss him",
            date(2019, 2, 1),
        )
        second = held(child, date(2019, 2, 20), allocated_iro)
    return first, second, late


@time_machine.travel(TODAY)
def test_outstanding_decisions_show_at_the_next_review_with_the_issue_history(
    client, allocated_iro, two_reviews
):
    first, second, late = two_reviews
    client.force_login(allocated_iro)
    body = client.get(reverse("outcomes:record", args=[second.pk])).content.decode()
    assert "Decisions from earlier reviews still open" in body
    assert "Arrange contact with your brother" in body
    # Due Fri 1 Feb, still open on Fri 1 Mar: 20 working days, over the 10 of the setting.
    assert "Overdue: 20 working days" in body
    # "Raise an issue" opens the issue form with the decision's history filled in.
    history = "Decision 2 of the review held on 17 Jan 2019: Arrange contact with your brother"
    raise_url = reverse("disputes:raise", args=[second.child_id])
    assert f"{raise_url}?theme=drift&amp;summary={quote(history, safe='/')}" in body
    assert quote("Still open on 1 Mar 2019, 20 working days after it was due.", safe="/") in body
    # Not at the first review's own page as "earlier", and the second review has none of its own.
    first_body = client.get(reverse("outcomes:record", args=[first.pk])).content.decode()
    assert "Decisions from earlier reviews still open" not in first_body


@time_machine.travel(TODAY)
def test_the_overdue_limit_is_a_setting(client, allocated_iro, two_reviews, settings):
    settings.IRO_DECISION_OVERDUE_WORKING_DAYS = 25
    client.force_login(allocated_iro)
    body = client.get(reverse("outcomes:record", args=[two_reviews[1].pk])).content.decode()
    assert "Past due" in body and "Overdue:" not in body and "Raise an issue" not in body


@time_machine.travel(TODAY)
def test_child_record_lists_outstanding_decisions_and_each_held_reviews_outcome(
    client, support, child, two_reviews
):
    client.force_login(support)
    response = client.get(reverse("children:detail", args=[child.pk]))
    body = response.content.decode()
    assert "Outstanding decisions" in body
    assert "Arrange contact with your brother" in body and "You will stay with your carers" in body
    assert reverse("outcomes:record", args=[two_reviews[0].pk]) in body
    assert reverse("outcomes:letter", args=[two_reviews[1].pk]) in body
    assert "Update" not in body  # business support reads; only the IRO and managers change


def caseload_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reviews:caseload"))
    return len(queries), response


@time_machine.travel(TODAY)
def test_caseload_counts_open_decisions_with_a_fixed_number_of_queries(
    client, allocated_iro, child, two_reviews
):
    client.force_login(allocated_iro)
    before, response = caseload_queries(client)
    assert "2 open decisions, 1 overdue" in response.content.decode()
    for i in range(12):
        other = looked_after_child(f"K{i:02d}", date(2010, 1, 1), allocated_iro)
        review = held(other, date(2019, 1, 17), allocated_iro)
        full_record(review, allocated_iro)
    after, response = caseload_queries(client)
    assert after == before
    assert response.content.decode().count('data-testid="open-decisions"') == 13


@time_machine.travel(TODAY)
def test_iro_records_the_meeting_decision_qa_and_circulation_through_the_forms(
    client, allocated_iro, child
):
    review = held(child, date(2019, 2, 20), allocated_iro)
    client.force_login(allocated_iro)
    response = client.post(
        reverse("outcomes:meeting", args=[review.pk]),
        {
            "wishes_and_feelings": "You said you like your school.",
            "gathered": ["in_person", "app"],
            "spoke_before": "yes",
            "spoke_alone": "no",
            "not_alone_reason": "",
            "people-TOTAL_FORMS": "3",
            "people-INITIAL_FORMS": "0",
            "people-0-name": "Jo Carer",
            "people-0-role": "carer",
        },
    )
    assert "Say why you did not speak to the child alone." in response.content.decode()
    response = client.post(
        reverse("outcomes:meeting", args=[review.pk]),
        {
            "wishes_and_feelings": "You said you like your school.",
            "gathered": ["in_person", "app"],
            "spoke_before": "yes",
            "spoke_alone": "yes",
            "people-TOTAL_FORMS": "3",
            "people-INITIAL_FORMS": "0",
            "people-0-name": "Jo Carer",
            "people-0-role": "carer",
        },
    )
    assert response.status_code == 302
    record = OutcomeRecord.objects.get(review=review)
    assert record.gathered == ["in_person", "app"]
    assert [(a.name, a.role) for a in record.attendees.all()] == [("Jo Carer", "carer")]
    response = client.post(
        reverse("outcomes:add_decision", args=[review.pk]),
        {
            "text": "You will join the football club",
            "why": "You love football",
            "owner": "Carer",
            "due_date_0": "1",
            "due_date_1": "4",
            "due_date_2": "2019",
            "status": "open",
        },
    )
    assert response.status_code == 302 and record.decisions.get().number == 1
    questions = list(record.qa_answers.model.question.field.related_model.objects.all())
    data = {f"q{q.pk}_rating": ("good" if q.kind == "quality" else "yes") for q in questions}
    assert client.post(reverse("outcomes:quality", args=[review.pk]), data).status_code == 302
    assert record.qa_answers.count() == len(questions)
    response = client.post(
        reverse("outcomes:circulation", args=[review.pk]),
        {
            "decisions_circulated_on_0": "25",
            "decisions_circulated_on_1": "2",
            "decisions_circulated_on_2": "2019",
        },
    )
    assert response.status_code == 302
    body = client.get(reverse("outcomes:record", args=[review.pk])).content.decode()
    expected = "Done 25 Feb 2019, in time. Due 27 Feb 2019: 5 working days after the review on"
    assert f"{expected} 20 Feb 2019." in body


@time_machine.travel(TODAY)
def test_letter_is_written_edited_finalised_and_downloads_are_logged(client, allocated_iro, child):
    review = held(child, date(2019, 2, 20), allocated_iro)
    full_record(review, allocated_iro)
    client.force_login(allocated_iro)
    response = client.post(reverse("outcomes:letter_create", args=[review.pk]))
    version = LetterVersion.objects.get()
    assert response["Location"] == reverse("outcomes:letter_edit", args=[version.pk])
    form = client.get(response["Location"]).context["form"]
    data = {name: form.initial[name] for name in form.fields}
    jargon = (
        "The independent reviewing officer considered comprehensive documentation regarding"
        " placement stability, educational attainment and therapeutic intervention, recommending"
        " continuation of the current arrangements pending further multidisciplinary assessment. "
    )
    data["told"] = jargon * 6
    client.post(reverse("outcomes:letter_edit", args=[version.pk]), data)
    body = client.get(reverse("outcomes:letter", args=[review.pk])).content.decode()
    assert "This letter may be too hard to read." in body
    assert "The target for a child of 8 to 12 is grade 4.5 or below." in body
    client.post(reverse("outcomes:letter_finalise", args=[version.pk]))
    version.refresh_from_db()
    assert version.is_final
    # A final version cannot be opened for editing.
    assert client.get(reverse("outcomes:letter_edit", args=[version.pk])).status_code == 302
    for fmt in ("pdf", "docx", "html"):
        response = client.get(
            reverse("outcomes:letter_download", args=[version.pk, fmt]) + "?large=1"
        )
        assert response.status_code == 200
        assert "large-print" in response["Content-Disposition"]
    exports = child.access_log.filter(action="export").order_by("at")
    assert [e.detail for e in exports] == [
        "Letter to the child v1 (pdf, large print)",
        "Letter to the child v1 (docx, large print)",
        "Letter to the child v1 (html, large print)",
    ]
