"""Every change to an issue goes through one of these functions.

Each owns its transaction, locks the issue, checks what cannot be true (``ValidationError`` with
a message per field, so a form shows it beside the field), writes the change history with the
user passed in, and adds the dated ``DisputeEvent`` that appears on the child's record (IRO
Handbook: "all actions ... recorded on the child's case record").

The formal process has one clock (IRO Handbook ch. 6; RULES.md): it starts the day the issue is
formally raised, whether at raising or on escalation from informal resolution, and stops at the
recorded resolution. Escalating further never restarts it.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from iro_tracker.disputes import conf
from iro_tracker.disputes.models import (
    INFORMAL,
    DisputeEvent,
    EventKind,
    Issue,
    IssueStatus,
    Outcome,
    Stage,
    Step,
    Theme,
)
from iro_tracker.rules.calendar import (
    add_working_days,
    bank_holidays_between,
    format_date,
    format_date_list,
    working_days_between,
)
from iro_tracker.rules.timescales import Due, dispute_resolution_due


def today() -> date:
    return timezone.localdate()


def _by(obj, user):
    if user is not None:
        obj._history_user = user
    return obj


def _event(issue: Issue, kind: str, on: date, text: str, user) -> DisputeEvent:
    return DisputeEvent.objects.create(
        issue=issue, child_id=issue.child_id, kind=kind, on=on, text=text, by=user
    )


def _locked(issue: Issue) -> Issue:
    return Issue.objects.select_for_update().select_related("child").get(pk=issue.pk)


def _check_date(errors: dict, field: str, value: date | None, *, not_before=None, what="") -> None:
    if value is None:
        errors[field] = ["Enter the date."]
    elif value > today():
        errors[field] = ["The date cannot be in the future."]
    elif not_before is not None and value < not_before:
        errors[field] = [f"The date cannot be before {what} ({format_date(not_before)})."]


def current_step(issue: Issue) -> Step | None:
    """The stage the issue is at now: its latest step."""
    return issue.steps.select_related("stage").order_by("-started_on", "-pk").first()


def _due_after(start: date, days: int, event: str, rule: str) -> Due:
    # The same sentence shape as rules.timescales, for the local response timescales.
    due = add_working_days(start, days)
    text = f"Due {format_date(due)}: {days} working day{'s' if days != 1 else ''} after {event}"
    text += f" {format_date(start)}"
    skipped = [d for d, _ in bank_holidays_between(start, due)]
    if skipped:
        noun = "bank holiday" if len(skipped) == 1 else "bank holidays"
        text += f", skipping {format_date_list(skipped)} ({noun})"
    return Due(due, f"{text}.", rule)


def response_due(started_on: date, stage: Stage | None) -> Due:
    """When the responder at ``stage`` (None: informal) must reply, in working days."""
    if stage is None:
        days, rule = conf.informal_response_working_days(), "issue-informal-response"
        event = "the issue was raised on"
    else:
        days, rule = stage.response_working_days, "issue-stage-response"
        event = f"it reached {stage.name} on"
    return _due_after(started_on, days, event, rule)


def _stage_due(issue: Issue, started_on: date, stage: Stage | None) -> Due:
    due = response_due(started_on, stage)
    if issue.resolution_due and due.date > issue.resolution_due:
        # Say so rather than shorten the stage: the authority set its length, and the IRO
        # should see that this stage cannot finish inside the overall timescale.
        note = (
            f" This is after the formal process's overall deadline of"
            f" {format_date(issue.resolution_due)}."
        )
        return Due(due.date, due.explanation + note, due.rule)
    return due


def _start_formal(issue: Issue, on: date) -> None:
    clock = dispute_resolution_due(on, settings=conf.rules())
    issue.status = IssueStatus.FORMAL
    issue.formal_started_on = on
    issue.resolution_due = clock.date
    issue.resolution_due_explanation = clock.explanation


def _check_stage(stage: Stage | None, above: int) -> dict:
    if stage is None:
        return {"stage": ["Choose the stage."]}
    if not stage.active:
        return {"stage": [f"{stage.name} is no longer a stage of the process."]}
    if stage.position <= above:
        return {"stage": ["Choose a stage above the one the issue has reached."]}
    return {}


def _skipped(stage: Stage, above: int) -> list[str]:
    return list(
        Stage.objects.filter(active=True, position__gt=above, position__lt=stage.position)
        .order_by("position")
        .values_list("name", flat=True)
    )


def _skipping_text(names: list[str]) -> str:
    return f", skipping {' and '.join(names)}" if names else ""


@transaction.atomic
def raise_issue(
    child,
    *,
    theme: str,
    summary: str,
    raised_on: date,
    responder: str,
    user,
    iro=None,
    stage: Stage | None = None,
    review=None,
    automatic: bool = False,
) -> Issue:
    """Raise an issue about ``child``: informally, or straight at a formal ``stage``.

    ``iro`` is the IRO it belongs to (default ``user``); ``user`` is None when IRO Tracker
    raises it itself (documents not received).
    """
    errors: dict[str, list[str]] = {}
    if theme not in Theme.values:
        errors["theme"] = ["Choose what the issue is about."]
    if not summary.strip():
        errors["summary"] = ["Describe the issue."]
    if not responder.strip():
        errors["responder"] = ["Say who has been asked to respond."]
    _check_date(errors, "raised_on", raised_on)
    if stage is not None:
        errors.update(_check_stage(stage, 0))
    if errors:
        raise ValidationError(errors)
    issue = Issue(
        child=child,
        theme=theme,
        summary=summary.strip(),
        iro=iro if iro is not None else user,
        raised_on=raised_on,
        review=review,
        automatic=automatic,
    )
    if stage is not None:
        _start_formal(issue, raised_on)
    _by(issue, user).save()
    due = _stage_due(issue, raised_on, stage)
    _by(
        Step(
            issue=issue,
            stage=stage,
            started_on=raised_on,
            responder=responder.strip(),
            response_due=due.date,
            response_due_explanation=due.explanation,
        ),
        user,
    ).save()
    level = "informally" if stage is None else f"formally at {stage.name}"
    if stage is not None:
        level += _skipping_text(_skipped(stage, 0))
    text = (
        f"{issue.get_theme_display()} issue raised {level}{' by IRO Tracker' if automatic else ''}"
        f": {issue.summary} Response asked of {responder.strip()}. {due.explanation}"
    )
    if issue.is_formal:
        text += f" Formal process: {issue.resolution_due_explanation}"
    _event(issue, EventKind.RAISED, raised_on, text, user)
    return issue


@transaction.atomic
def escalate_issue(
    issue: Issue, *, stage: Stage, on: date, responder: str, note: str = "", user
) -> Step:
    """Take an open issue to a higher ``stage``, skipping any in between if the IRO chooses.

    Escalating an informal issue starts the formal process and its 20-working-day clock.
    """
    issue = _locked(issue)
    if not issue.is_open:
        raise ValidationError({"stage": ["This issue is closed."]})
    step = current_step(issue)
    above = step.stage.position if step and step.stage_id else 0
    errors = _check_stage(stage, above)
    if not responder.strip():
        errors["responder"] = ["Say who has been asked to respond."]
    _check_date(errors, "on", on, not_before=step.started_on, what="the current stage began")
    if errors:
        raise ValidationError(errors)
    skipped = _skipped(stage, above)
    started_formal = not issue.is_formal
    if started_formal:
        _start_formal(issue, on)
        _by(issue, user).save()
    due = _stage_due(issue, on, stage)
    new_step = Step(
        issue=issue,
        stage=stage,
        started_on=on,
        responder=responder.strip(),
        response_due=due.date,
        response_due_explanation=due.explanation,
    )
    _by(new_step, user).save()
    text = (
        f"Escalated from {step.stage_name if step else INFORMAL} to {stage.name}"
        f"{_skipping_text(skipped)}. Response asked of {new_step.responder}. {due.explanation}"
    )
    if started_formal:
        text += f" Formal process started: {issue.resolution_due_explanation}"
    if note.strip():
        text += f" {note.strip()}"
    _event(issue, EventKind.ESCALATED, on, text, user)
    return new_step


@transaction.atomic
def record_response(issue: Issue, *, response: str, responded_on: date, user) -> Step:
    """Record the reply to the issue at its current stage."""
    issue = _locked(issue)
    step = current_step(issue)
    if not issue.is_open or step is None:
        raise ValidationError({"response": ["This issue is closed."]})
    if step.responded_on is not None:
        raise ValidationError(
            {"response": [f"The response at {step.stage_name} is already recorded."]}
        )
    errors: dict[str, list[str]] = {}
    if not response.strip():
        errors["response"] = ["Enter the response."]
    _check_date(
        errors, "responded_on", responded_on, not_before=step.started_on, what="the stage began"
    )
    if errors:
        raise ValidationError(errors)
    step.response = response.strip()
    step.responded_on = responded_on
    _by(step, user).save()
    timing = "on time" if responded_on <= step.response_due else "late"
    text = (
        f"{step.responder} responded at {step.stage_name} ({timing}; due"
        f" {format_date(step.response_due)}): {step.response}"
    )
    _event(issue, EventKind.RESPONSE, responded_on, text, user)
    return step


@transaction.atomic
def record_action(issue: Issue, *, on: date, text: str, user) -> DisputeEvent:
    """A dated note of anything else the IRO did to resolve the issue (a call, an email)."""
    issue = _locked(issue)
    errors: dict[str, list[str]] = {}
    if not text.strip():
        errors["text"] = ["Say what was done."]
    _check_date(errors, "on", on, not_before=issue.raised_on, what="the issue was raised")
    if errors:
        raise ValidationError(errors)
    return _event(issue, EventKind.NOTE, on, text.strip(), user)


def clock_text(issue: Issue, closed_on: date) -> str:
    """How the formal process ended against its 20-working-day timescale."""
    if not issue.is_formal:
        return "Closed at informal resolution."
    taken = working_days_between(issue.formal_started_on, closed_on)
    if closed_on <= issue.resolution_due:
        return f"The formal process took {taken} working days, within the timescale."
    over = working_days_between(issue.resolution_due, closed_on)
    return f"The formal process took {taken} working days, {over} over the timescale."


@transaction.atomic
def resolve_issue(issue: Issue, *, outcome: str, closed_on: date, note: str = "", user) -> Issue:
    """Close the issue with its outcome; this stops the formal clock."""
    issue = _locked(issue)
    if not issue.is_open:
        raise ValidationError({"outcome": ["This issue is already closed."]})
    errors: dict[str, list[str]] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = ["Choose the outcome."]
    _check_date(errors, "closed_on", closed_on, not_before=issue.raised_on, what="it was raised")
    if errors:
        raise ValidationError(errors)
    if outcome == Outcome.CAFCASS and issue.cafcass_referred_on is None:
        _refer(issue, closed_on, note, user)
    issue.status = IssueStatus.CLOSED
    issue.outcome = outcome
    issue.outcome_note = note.strip()
    issue.closed_on = closed_on
    _by(issue, user).save()
    text = f"Closed: {issue.get_outcome_display()}. {clock_text(issue, closed_on)}"
    if issue.outcome_note:
        text += f" {issue.outcome_note}"
    _event(issue, EventKind.CLOSED, closed_on, text, user)
    return issue


def _refer(issue: Issue, on: date, note: str, user) -> None:
    issue.cafcass_referred_on = on
    issue.cafcass_note = note.strip()
    text = "Referred to Cafcass (Children Act 1989 s25B(3))."
    if issue.cafcass_note:
        text += f" {issue.cafcass_note}"
    _event(issue, EventKind.CAFCASS, on, text, user)


@transaction.atomic
def refer_to_cafcass(issue: Issue, *, on: date, note: str = "", user) -> Issue:
    """Record the IRO's referral to Cafcass. Allowed at any point, open or closed (D-2)."""
    issue = _locked(issue)
    if issue.cafcass_referred_on is not None:
        raise ValidationError({"on": ["A referral to Cafcass is already recorded."]})
    errors: dict[str, list[str]] = {}
    _check_date(errors, "on", on, not_before=issue.raised_on, what="the issue was raised")
    if errors:
        raise ValidationError(errors)
    _refer(issue, on, note, user)
    _by(issue, user).save()
    return issue
