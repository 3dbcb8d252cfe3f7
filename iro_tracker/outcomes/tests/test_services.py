"""The outcome record's rules: what is refused, what is numbered, what history is kept."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from iro_tracker.outcomes import services
from iro_tracker.outcomes.models import Decision, OutcomeRecord, QAQuestion
from iro_tracker.outcomes.tests.factories import decision, held, looked_after_child, meeting
from iro_tracker.reviews.models import Status

pytestmark = pytest.mark.django_db
TODAY = date(2019, 3, 1)
HELD = date(2019, 1, 17)


@pytest.fixture
def review(allocated_iro):
    child = looked_after_child("S1", date(2009, 6, 1), allocated_iro)
    return held(child, HELD, allocated_iro)


def details(**overrides):
    values = {
        "wishes_and_feelings": "You said you like your school.",
        "gathered": ["in_person"],
        "spoke_before": True,
        "spoke_alone": True,
    }
    return services.MeetingDetails(**{**values, **overrides})


@time_machine.travel(TODAY)
def test_the_default_qa_questions_are_seeded_by_the_data_migration():
    codes = set(QAQuestion.objects.values_list("code", flat=True))
    assert {
        "care_plan_quality",
        "placement_meets_needs",
        "health_assessment_up_to_date",
        "health_assessment_quality",
        "dental_check",
        "pep_up_to_date",
        "pep_quality",
        "legal_status_appropriate",
        "permanence_plan",
        "sibling_contact",
    } <= codes


@time_machine.travel(TODAY)
def test_not_speaking_to_the_child_alone_needs_a_reason(review, allocated_iro):
    with pytest.raises(ValidationError) as error:
        services.save_meeting(review, details(spoke_alone=False), user=allocated_iro)
    assert "not_alone_reason" in error.value.message_dict
    record = services.save_meeting(
        review,
        details(spoke_alone=False, not_alone_reason="She did not want to."),
        user=allocated_iro,
    )
    assert record.not_alone_reason == "She did not want to."


@time_machine.travel(TODAY)
def test_wishes_and_how_they_were_gathered_are_required(review, allocated_iro):
    with pytest.raises(ValidationError) as error:
        services.save_meeting(
            review, details(wishes_and_feelings=" ", gathered=[]), user=allocated_iro
        )
    assert {"wishes_and_feelings", "gathered"} <= error.value.message_dict.keys()
    assert not OutcomeRecord.objects.exists()


@time_machine.travel(TODAY)
def test_an_outcome_record_is_kept_only_for_a_held_review(allocated_iro):
    child = looked_after_child("S2", date(2009, 6, 1), allocated_iro)
    pending = child.reviews.get(status=Status.DUE)
    with pytest.raises(ValidationError, match="held"):
        services.save_meeting(pending, details(), user=allocated_iro)


@time_machine.travel(TODAY)
def test_attendees_are_replaced_and_history_keeps_who_changed_them(review, allocated_iro):
    meeting(review, allocated_iro, "You like school.", attendees=[("A Person", "carer")])
    record = meeting(review, allocated_iro, "You like school.", attendees=[("B Person", "parent")])
    assert [a.name for a in record.attendees.all()] == ["B Person"]
    assert record.history.first().history_user == allocated_iro
    assert record.attendees.model.history.filter(name="A Person", history_type="-").exists()


@time_machine.travel(TODAY)
def test_decisions_are_numbered_and_cannot_be_due_before_the_review(review, allocated_iro):
    first = decision(review, allocated_iro, "Contact with your brother", "", date(2019, 2, 1))
    second = decision(review, allocated_iro, "New bike", "", date(2019, 3, 1))
    assert (first.number, second.number) == (1, 2)
    with pytest.raises(ValidationError) as error:
        decision(review, allocated_iro, "Too early", "", date(2019, 1, 1))
    assert "before the review (17 Jan 2019)" in str(error.value)


@time_machine.travel(TODAY)
def test_done_closes_a_decision_today_and_dropping_needs_a_reason(review, allocated_iro):
    item = decision(review, allocated_iro, "Contact with your brother", "", date(2019, 2, 1))
    data = services.DecisionData(
        text=item.text, why="", owner=item.owner, due_date=item.due_date, status="dropped"
    )
    with pytest.raises(ValidationError) as error:
        services.update_decision(item, data, user=allocated_iro)
    assert "status_note" in error.value.message_dict
    data.status = "done"
    item = services.update_decision(item, data, user=allocated_iro)
    assert (item.status, item.closed_on) == ("done", TODAY)
    data.status = "open"
    item = services.update_decision(item, data, user=allocated_iro)
    assert item.closed_on is None
    assert Decision.history.filter(id=item.pk).count() == 3  # added, done, reopened


@time_machine.travel(TODAY)
def test_qa_answers_must_be_on_the_question_scale_and_blank_removes(review, allocated_iro):
    meeting(review, allocated_iro, "You like school.")
    ha = QAQuestion.objects.get(code="health_assessment_up_to_date")
    quality = QAQuestion.objects.get(code="care_plan_quality")
    with pytest.raises(ValidationError):
        services.save_qa(review, {ha.pk: ("good", "")}, user=allocated_iro)
    with pytest.raises(ValidationError):
        services.save_qa(review, {ha.pk: ("", "a comment without an answer")}, user=allocated_iro)
    record = services.save_qa(
        review, {ha.pk: ("yes", ""), quality.pk: ("good", "Clear plan")}, user=allocated_iro
    )
    assert {a.question.code: a.rating for a in record.qa_answers.all()} == {
        "health_assessment_up_to_date": "yes",
        "care_plan_quality": "good",
    }
    services.save_qa(review, {ha.pk: ("", "")}, user=allocated_iro)
    assert list(record.qa_answers.values_list("question__code", flat=True)) == ["care_plan_quality"]


@time_machine.travel(TODAY)
def test_circulation_dates_cannot_be_before_the_review_or_in_the_future(review, allocated_iro):
    with pytest.raises(ValidationError) as error:
        services.record_circulation(
            review, decisions_on=date(2019, 1, 16), record_on=date(2019, 3, 2), user=allocated_iro
        )
    assert error.value.message_dict.keys() == {"decisions_circulated_on", "record_circulated_on"}
    record = services.record_circulation(
        review, decisions_on=date(2019, 1, 24), record_on=None, user=allocated_iro
    )
    assert record.decisions_circulated_on == date(2019, 1, 24)
