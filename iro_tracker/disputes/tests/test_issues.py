"""Raising, escalating (skipping stages) and resolving issues, with the formal clock."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from iro_tracker.disputes.models import EventKind, IssueStatus, Outcome, Stage, Theme
from iro_tracker.disputes.services import (
    current_step,
    escalate_issue,
    raise_issue,
    record_action,
    record_response,
    refer_to_cafcass,
    resolve_issue,
)

pytestmark = pytest.mark.django_db

TODAY = date(2019, 5, 31)


def stage(name):
    return Stage.objects.get(name=name)


def informal(child, user, raised_on=date(2019, 4, 15)):
    return raise_issue(
        child,
        theme=Theme.CARE_PLAN,
        summary="The care plan has no contact arrangements.",
        raised_on=raised_on,
        responder="Sam Patel, social worker",
        user=user,
    )


def test_the_default_stages_are_seeded_in_order():
    assert list(Stage.objects.values_list("name", flat=True)) == [
        "Practice manager",
        "Operations manager",
        "Head of service",
        "Assistant director",
        "Director",
    ]


@time_machine.travel(TODAY)
def test_an_informal_issue_has_a_response_date_that_explains_the_easter_holidays(
    child, allocated_iro
):
    # Raised Mon 15 Apr 2019: 5 working days skip Good Friday and Easter Monday.
    issue = informal(child, allocated_iro)
    step = current_step(issue)
    assert (issue.status, issue.formal_started_on, issue.resolution_due) == ("informal", None, None)
    assert step.stage is None and step.stage_name == "Informal"
    assert step.response_due == date(2019, 4, 24)
    assert step.response_due_explanation == (
        "Due 24 Apr 2019: 5 working days after the issue was raised on 15 Apr 2019, skipping"
        " 19 Apr 2019 and 22 Apr 2019 (bank holidays)."
    )
    event = issue.events.get()
    assert (event.kind, event.on, event.by) == (EventKind.RAISED, date(2019, 4, 15), allocated_iro)
    assert "Care plan issue raised informally" in event.text
    assert issue.history.first().history_user == allocated_iro


@time_machine.travel(TODAY)
def test_escalating_starts_one_20_working_day_clock_that_later_stages_do_not_restart(
    child, allocated_iro
):
    issue = informal(child, allocated_iro)
    first = escalate_issue(
        issue,
        stage=stage("Practice manager"),
        on=date(2019, 4, 25),
        responder="Jo King, practice manager",
        user=allocated_iro,
    )
    issue.refresh_from_db()
    assert (issue.status, issue.formal_started_on) == (IssueStatus.FORMAL, date(2019, 4, 25))
    # 20 working days from Thu 25 Apr 2019 skip the early May bank holiday (6 May).
    assert issue.resolution_due == date(2019, 5, 24)
    assert issue.resolution_due_explanation == (
        "Due 24 May 2019: 20 working days after the dispute was formally raised on 25 Apr 2019,"
        " skipping 6 May 2019 (bank holiday)."
    )
    assert first.response_due == date(2019, 5, 2)
    # Skip operations manager: straight to head of service. The clock stays.
    skipped = escalate_issue(
        issue,
        stage=stage("Head of service"),
        on=date(2019, 5, 7),
        responder="Ana Lee, head of service",
        user=allocated_iro,
    )
    issue.refresh_from_db()
    assert (issue.formal_started_on, issue.resolution_due) == (date(2019, 4, 25), date(2019, 5, 24))
    assert skipped.response_due == date(2019, 5, 14)
    event = issue.events.filter(kind=EventKind.ESCALATED).first()
    assert "from Practice manager to Head of service, skipping Operations manager" in event.text


@time_machine.travel(TODAY)
def test_a_stage_that_ends_after_the_overall_deadline_says_so(child, allocated_iro):
    issue = informal(child, allocated_iro)
    escalate_issue(
        issue, stage=stage("Practice manager"), on=date(2019, 4, 25), responder="PM", user=None
    )
    late = escalate_issue(
        issue, stage=stage("Director"), on=date(2019, 5, 22), responder="Director", user=None
    )
    assert late.response_due == date(2019, 5, 30)
    assert late.response_due_explanation.endswith(
        "This is after the formal process's overall deadline of 24 May 2019."
    )
    event = issue.events.filter(kind=EventKind.ESCALATED).first()
    assert "skipping Operations manager and Head of service and Assistant director" in event.text


@time_machine.travel(TODAY)
def test_an_issue_raised_formally_can_skip_informal_and_lower_stages(child, allocated_iro):
    issue = raise_issue(
        child,
        theme=Theme.PLACEMENT,
        summary="Placement move without a review.",
        raised_on=date(2019, 5, 1),
        responder="Ops manager",
        stage=stage("Operations manager"),
        user=allocated_iro,
    )
    assert (issue.status, issue.formal_started_on) == ("formal", date(2019, 5, 1))
    assert "formally at Operations manager, skipping Practice manager" in issue.events.get().text


@time_machine.travel(TODAY)
def test_escalation_must_go_up_and_not_to_a_switched_off_stage(child, allocated_iro):
    issue = informal(child, allocated_iro)
    escalate_issue(
        issue, stage=stage("Head of service"), on=date(2019, 4, 25), responder="HoS", user=None
    )
    with pytest.raises(ValidationError) as error:
        escalate_issue(
            issue, stage=stage("Practice manager"), on=date(2019, 4, 26), responder="x", user=None
        )
    assert error.value.message_dict["stage"] == [
        "Choose a stage above the one the issue has reached."
    ]
    Stage.objects.filter(name="Director").update(active=False)
    with pytest.raises(ValidationError) as error:
        escalate_issue(
            issue, stage=stage("Director"), on=date(2019, 4, 26), responder="x", user=None
        )
    assert "no longer a stage" in error.value.message_dict["stage"][0]


@time_machine.travel(TODAY)
def test_resolving_within_the_clock_and_after_it(child, allocated_iro):
    on_time = informal(child, allocated_iro)
    escalate_issue(
        on_time, stage=stage("Practice manager"), on=date(2019, 4, 25), responder="PM", user=None
    )
    record_response(
        on_time, response="Plan updated.", responded_on=date(2019, 5, 2), user=allocated_iro
    )
    resolve_issue(
        on_time, outcome=Outcome.RESOLVED, closed_on=date(2019, 5, 24), user=allocated_iro
    )
    on_time.refresh_from_db()
    assert (on_time.status, on_time.outcome, on_time.closed_on) == (
        "closed",
        "resolved",
        date(2019, 5, 24),
    )
    closed = on_time.events.get(kind=EventKind.CLOSED)
    assert closed.text == (
        "Closed: Resolved. The formal process took 20 working days, within the timescale."
    )
    late = informal(child, allocated_iro)
    escalate_issue(
        late, stage=stage("Practice manager"), on=date(2019, 4, 25), responder="PM", user=None
    )
    resolve_issue(late, outcome=Outcome.PARTLY_RESOLVED, closed_on=date(2019, 5, 28), user=None)
    text = late.events.get(kind=EventKind.CLOSED).text
    assert "took 21 working days, 1 over the timescale" in text  # 27 May was a bank holiday


@time_machine.travel(TODAY)
def test_a_response_is_recorded_once_per_stage_and_not_in_the_future(child, allocated_iro):
    issue = informal(child, allocated_iro)
    with pytest.raises(ValidationError) as error:
        record_response(issue, response="ok", responded_on=date(2019, 6, 1), user=None)
    assert error.value.message_dict["responded_on"] == ["The date cannot be in the future."]
    record_response(issue, response="ok", responded_on=date(2019, 4, 16), user=None)
    with pytest.raises(ValidationError):
        record_response(issue, response="again", responded_on=date(2019, 4, 17), user=None)
    assert "(on time; due 24 Apr 2019)" in issue.events.get(kind=EventKind.RESPONSE).text


@time_machine.travel(TODAY)
def test_cafcass_referral_at_any_point_and_as_an_outcome(child, allocated_iro):
    issue = informal(child, allocated_iro)
    refer_to_cafcass(issue, on=date(2019, 4, 16), note="Drift harms the child.", user=None)
    issue.refresh_from_db()
    assert issue.is_open and issue.cafcass_referred_on == date(2019, 4, 16)
    with pytest.raises(ValidationError):
        refer_to_cafcass(issue, on=date(2019, 4, 17), user=None)
    other = informal(child, allocated_iro)
    resolve_issue(other, outcome=Outcome.CAFCASS, closed_on=date(2019, 4, 20), user=None)
    other.refresh_from_db()
    assert other.cafcass_referred_on == date(2019, 4, 20)
    assert list(other.events.values_list("kind", flat=True)) == ["closed", "cafcass", "raised"]


@time_machine.travel(TODAY)
def test_a_closed_issue_cannot_be_escalated_or_closed_again_but_takes_notes(child, allocated_iro):
    issue = informal(child, allocated_iro)
    resolve_issue(issue, outcome=Outcome.WITHDRAWN, closed_on=date(2019, 4, 16), user=None)
    with pytest.raises(ValidationError):
        escalate_issue(
            issue, stage=stage("Director"), on=date(2019, 4, 17), responder="D", user=None
        )
    with pytest.raises(ValidationError):
        resolve_issue(issue, outcome=Outcome.RESOLVED, closed_on=date(2019, 4, 17), user=None)
    note = record_action(issue, on=date(2019, 4, 18), text="Letter to carers.", user=None)
    assert note.kind == EventKind.NOTE


@time_machine.travel(TODAY)
def test_raising_needs_a_theme_summary_responder_and_a_past_date(child, allocated_iro):
    with pytest.raises(ValidationError) as error:
        raise_issue(
            child,
            theme="weather",
            summary=" ",
            raised_on=date(2019, 6, 3),
            responder="",
            user=allocated_iro,
        )
    assert set(error.value.message_dict) == {"theme", "summary", "responder", "raised_on"}


def test_dispute_events_are_append_only(child, allocated_iro):
    with time_machine.travel(TODAY):
        event = informal(child, allocated_iro).events.get()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
