"""Every change to child protection records goes through one of these functions.

Each owns its transaction, checks what cannot be true (raising ``ValidationError`` with
messages by form field, so a form shows them beside the field) and leaves every child's plan
and next due date right, with the sentence that explains it. The change history (who and
when) is written by simple-history from the user passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from iro_tracker.audit.changes import check_version
from iro_tracker.children.models import Child
from iro_tracker.conferences.dues import NO_TIMESCALE, first_review_due, icpc_due_s47
from iro_tracker.conferences.models import (
    AttendeeRole,
    ChildProtectionPlan,
    Conference,
    ConferenceChild,
    CoreGroup,
    EnquiryChild,
    Kind,
    Outcome,
    StrategyDiscussion,
)
from iro_tracker.conferences.siblings import by as _by
from iro_tracker.conferences.siblings import link_siblings
from iro_tracker.rules import codes
from iro_tracker.rules.calendar import format_date
from iro_tracker.rules.timescales import (
    Due,
    core_group_due,
    cp_review_due,
    initial_conference_due,
)

STARTING_KINDS = (Kind.INITIAL, Kind.TRANSFER_IN)
STARTING_OUTCOMES = (Outcome.PLAN_STARTED, Outcome.NOT_NEEDED)
REVIEW_OUTCOMES = (Outcome.PLAN_CONTINUED, Outcome.PLAN_ENDED)


def today() -> date:
    return timezone.localdate()


# --- strategy discussions --------------------------------------------------------------------


@transaction.atomic
def record_strategy_discussion(
    children: Sequence[Child], *, held_on: date, s47_started_on: date | None, user
) -> StrategyDiscussion:
    """Record the strategy discussion that started a s47 enquiry into ``children``: each child's
    initial conference is then due 15 working days after it (and after the s47 start)."""
    errors: dict[str, list[str]] = {}
    if not children:
        errors["children"] = ["Choose at least one child."]
    if held_on > today():
        errors["held_on"] = ["The date of the strategy discussion cannot be in the future."]
    if s47_started_on is not None:
        if s47_started_on > today():
            errors["s47_started_on"] = ["The s47 start date cannot be in the future."]
    if errors:
        raise ValidationError(errors)
    due = initial_conference_due(held_on)
    s47 = icpc_due_s47(s47_started_on) if s47_started_on else None
    discussion = _by(
        StrategyDiscussion(
            held_on=held_on,
            s47_started_on=s47_started_on,
            icpc_due=due.date,
            icpc_due_explanation=due.explanation,
            icpc_due_s47=s47.date if s47 else None,
            icpc_due_s47_explanation=s47.explanation if s47 else "",
        ),
        user,
    )
    discussion.save()
    for child in children:
        _by(EnquiryChild(discussion=discussion, child=child), user).save()
    link_siblings(children, user=user)
    return discussion


# --- conferences -----------------------------------------------------------------------------


@dataclass
class ChildOutcome:
    """One child's part in a conference, as the form collects it."""

    child: Child
    outcome: str
    category: str = ""


@dataclass
class ConferenceDetails:
    kind: str
    held_on: date
    chair: object
    quorate: bool = True
    attendees: list[dict] = field(default_factory=list)
    late_reason: str = ""
    late_reason_note: str = ""
    # An initial conference answers a strategy discussion: an existing one, or one recorded
    # with the conference from these two dates.
    strategy_discussion: StrategyDiscussion | None = None
    strategy_discussion_on: date | None = None
    s47_started_on: date | None = None


def _check_attendees(attendees: Iterable[dict]) -> list[str]:
    errors = []
    for item in attendees:
        if item.get("role") not in AttendeeRole.values:
            errors.append(f"Unknown attendee role {item.get('role')!r}.")
        if len(str(item.get("name", ""))) > 100:
            errors.append("An attendee's name must be 100 characters or fewer.")
        if not isinstance(item.get("attended"), bool):
            errors.append("Say whether each attendee attended.")
    return errors


def _check_details(details: ConferenceDetails) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if details.kind not in Kind.values:
        errors["kind"] = ["Choose the type of conference."]
    if details.held_on > today():
        errors["held_on"] = ["The date of the conference cannot be in the future."]
    chair = details.chair
    if chair is None or not (chair.is_active and chair.is_cpa):
        errors["chair"] = ["Choose a chair who chairs child protection conferences."]
    elif not chair.in_post_on(details.held_on):
        errors["chair"] = [f"{chair} was not in the unit on {format_date(details.held_on)}."]
    attendee_errors = _check_attendees(details.attendees)
    if attendee_errors:
        errors["attendees"] = attendee_errors
    known = details.strategy_discussion
    if details.kind == Kind.INITIAL and known is not None and known.held_on > details.held_on:
        errors["strategy_discussion"] = [
            "The strategy discussion must be on or before the conference."
        ]
    if details.kind == Kind.INITIAL and known is None:
        sd = details.strategy_discussion_on
        if sd is None:
            errors["strategy_discussion_on"] = [
                "Enter the date of the strategy discussion: the initial conference is due 15"
                " working days after it."
            ]
        elif sd > details.held_on:
            errors["strategy_discussion_on"] = [
                "The strategy discussion must be on or before the conference."
            ]
    return errors


def _check_children(
    details: ConferenceDetails, outcomes: Sequence[ChildOutcome], plans: dict
) -> dict[str, list[str]]:
    problems: list[str] = []
    if not outcomes:
        return {"children": ["Choose at least one child."]}
    if len({o.child.pk for o in outcomes}) != len(outcomes):
        problems.append("A child is listed twice.")
    for item in outcomes:
        name = item.child.display_name
        plan = plans.get(item.child.pk)
        if details.kind in STARTING_KINDS:
            if plan is not None:
                problems.append(
                    f"{name} is already on a plan (since {format_date(plan.start_date)}): record"
                    " a review conference for them."
                )
            if item.outcome not in STARTING_OUTCOMES:
                problems.append(f"Choose whether a plan was started for {name}.")
        else:
            if plan is None:
                problems.append(f"{name} is not on a plan: a review conference needs one.")
            elif details.held_on <= plan.last_conference_on:
                problems.append(
                    f"{name}'s last conference was on {format_date(plan.last_conference_on)}:"
                    " the review must be after it."
                )
            if item.outcome not in REVIEW_OUTCOMES:
                problems.append(f"Choose whether {name}'s plan continues or ends.")
        if item.outcome in (Outcome.PLAN_STARTED, Outcome.PLAN_CONTINUED) and not item.category:
            problems.append(f"Choose the category of {name}'s plan.")
        if item.child.date_of_birth > details.held_on:
            problems.append(f"{name} was not born on {format_date(details.held_on)}.")
    return {"children": problems} if problems else {}


def _open_plans(children: Sequence[Child]) -> dict[int, ChildProtectionPlan]:
    plans = {
        p.child_id: p
        for p in ChildProtectionPlan.objects.select_for_update().filter(
            child__in=children, end_date__isnull=True
        )
    }
    latest: dict[int, date] = {}
    reviewed: set[int] = set()
    rows = ConferenceChild.objects.filter(plan__in=plans.values()).values_list(
        "plan_id", "conference__held_on", "conference__kind"
    )
    for plan_id, held, kind in rows:
        latest[plan_id] = max(held, latest.get(plan_id, held))
        if kind == Kind.REVIEW:
            reviewed.add(plan_id)
    for plan in plans.values():
        plan.last_conference_on = latest.get(plan.pk, plan.start_date)
        plan.reviews_held = plan.pk in reviewed
    return plans


def _due_for(details, discussion, plan) -> tuple[Due | None, Due | None]:
    """The conference's due date for one child (and the s47-basis one for an initial)."""
    if details.kind == Kind.INITIAL:
        s47 = icpc_due_s47(discussion.s47_started_on) if discussion.s47_started_on else None
        return Due(discussion.icpc_due, discussion.icpc_due_explanation, "icpc"), s47
    if details.kind == Kind.REVIEW:
        # 3 months after the conference that started the plan, then 6 after each review.
        return cp_review_due(plan.last_conference_on, not plan.reviews_held), None
    return None, None


@transaction.atomic
def record_conference(
    details: ConferenceDetails, outcomes: Sequence[ChildOutcome], *, user
) -> Conference:
    """Record a conference about one child or a sibling group, each child with their own
    outcome, plan and due dates. Starts, continues or ends each child's plan and sets the next
    review conference's due date. A conference held after any child's due date needs a reason.
    """
    children = [o.child for o in outcomes]
    plans = _open_plans(children)
    errors = _check_details(details)
    errors.update(_check_children(details, outcomes, plans))
    if errors:
        raise ValidationError(errors)

    discussion = details.strategy_discussion
    if details.kind == Kind.INITIAL and discussion is None:
        discussion = record_strategy_discussion(
            children,
            held_on=details.strategy_discussion_on,
            s47_started_on=details.s47_started_on,
            user=user,
        )
    dues = {o.child.pk: _due_for(details, discussion, plans.get(o.child.pk)) for o in outcomes}
    late = [
        (o.child, due)
        for o in outcomes
        if (due := dues[o.child.pk][0]) and details.held_on > due.date
    ]
    if late and not details.late_reason:
        child, due = max(late, key=lambda pair: details.held_on - pair[1].date)
        days = (details.held_on - due.date).days
        raise ValidationError(
            {
                "late_reason": [
                    f"The conference is {days} day{'' if days == 1 else 's'} late for"
                    f" {child.display_name} (due"
                    f" {format_date(due.date)}): give the reason."
                ]
            }
        )
    if late and details.late_reason not in codes.LATE_REASON:
        raise ValidationError({"late_reason": ["Choose a reason from the list."]})
    if late and details.late_reason == "OTHER" and not details.late_reason_note.strip():
        raise ValidationError({"late_reason_note": ["Say what the other reason was."]})

    conference = _by(
        Conference(
            kind=details.kind,
            held_on=details.held_on,
            chair=details.chair,
            quorate=details.quorate,
            attendees=list(details.attendees),
            strategy_discussion=discussion if details.kind == Kind.INITIAL else None,
            late_reason=details.late_reason if late else "",
            late_reason_note=details.late_reason_note if late else "",
        ),
        user,
    )
    conference.save()
    for item in outcomes:
        due, s47 = dues[item.child.pk]
        _record_child(conference, item, plans.get(item.child.pk), due, s47, user)
    if details.kind == Kind.INITIAL:
        _answer_enquiries(conference, discussion, children, user)
    link_siblings(children, user=user)
    return conference


def _record_child(conference, item: ChildOutcome, plan, due, s47, user) -> ConferenceChild:
    held = conference.held_on
    next_due: Due | None = None
    if item.outcome == Outcome.PLAN_STARTED:
        next_due = first_review_due(held, conference.kind)
        group = core_group_due(held)
        plan = _by(
            ChildProtectionPlan(
                child=item.child,
                start_date=held,
                category=item.category,
                chair=conference.chair,
                next_review_due=next_due.date,
                next_review_explanation=next_due.explanation,
                core_group_due=group.date,
                core_group_due_explanation=group.explanation,
            ),
            user,
        )
        plan.save()
    elif item.outcome == Outcome.PLAN_CONTINUED:
        next_due = cp_review_due(held, False)
        plan.category = item.category
        plan.chair = conference.chair
        plan.next_review_due = next_due.date
        plan.next_review_explanation = next_due.explanation
        _by(plan, user).save()
    elif item.outcome == Outcome.PLAN_ENDED:
        plan.end_date = held
        plan.chair = conference.chair
        plan.next_review_due = None
        plan.next_review_explanation = ""
        _by(plan, user).save()
    if next_due is None:
        ended = item.outcome == Outcome.PLAN_ENDED
        explanation = (
            f"None: the plan ended at this conference on {format_date(held)}."
            if ended
            else "None: no plan was needed."
        )
    else:
        explanation = next_due.explanation
    row = _by(
        ConferenceChild(
            conference=conference,
            child=item.child,
            plan=plan,
            outcome=item.outcome,
            category=item.category if item.outcome != Outcome.NOT_NEEDED else "",
            due_date=due.date if due else None,
            due_explanation=due.explanation if due else NO_TIMESCALE,
            s47_due_date=s47.date if s47 else None,
            s47_due_explanation=s47.explanation if s47 else "",
            next_due_date=next_due.date if next_due else None,
            next_due_explanation=explanation,
        ),
        user,
    )
    row.save()
    return row


def _answer_enquiries(conference, discussion, children, user) -> None:
    """The initial conference answers every enquiry still open for its children (so none is
    left pending), and the strategy discussion it followed concerns them all."""
    pending = EnquiryChild.objects.filter(
        child__in=children,
        conference__isnull=True,
        closed_reason="",
        discussion__held_on__lte=conference.held_on,
    )
    answered = set()
    for enquiry in pending:
        enquiry.conference = conference
        _by(enquiry, user).save(update_fields=["conference"])
        if enquiry.discussion_id == discussion.pk:
            answered.add(enquiry.child_id)
    for child in children:
        if child.pk in answered:
            continue
        enquiry = EnquiryChild.objects.filter(discussion=discussion, child=child).first()
        enquiry = enquiry or EnquiryChild(discussion=discussion, child=child)
        enquiry.conference = conference
        _by(enquiry, user).save()


@transaction.atomic
def close_enquiry(enquiry: EnquiryChild, *, reason: str, user) -> EnquiryChild:
    """Record that no initial conference will be held for this child after the strategy
    discussion (e.g. the s47 enquiry found no continuing risk): the conference stops being due.
    """
    enquiry = EnquiryChild.objects.select_for_update().get(pk=enquiry.pk)
    if enquiry.conference_id is not None or enquiry.closed_reason:
        raise ValidationError({"reason": ["This enquiry is already answered or closed."]})
    if not reason.strip():
        raise ValidationError({"reason": ["Say why no conference will be held."]})
    enquiry.closed_reason = reason.strip()[:200]
    _by(enquiry, user).save(update_fields=["closed_reason"])
    return enquiry


@transaction.atomic
def amend_conference(
    conference: Conference,
    *,
    quorate: bool,
    late_reason_note: str,
    user,
    expected_version: int | None = None,
) -> Conference:
    """Correct a recorded conference's quorum and the note on why it was late.

    Two people correcting the same conference cannot overwrite each other: a form showing
    an older ``version`` is refused with what changed since (``audit.changes``).
    """
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    check_version(conference, expected_version, "conference")
    if conference.late_reason == "OTHER" and not late_reason_note.strip():
        raise ValidationError({"late_reason_note": ["Say what the other reason was."]})
    conference.quorate = quorate
    conference.late_reason_note = late_reason_note.strip() if conference.late_reason else ""
    conference.version += 1
    _by(conference, user).save(
        update_fields=["quorate", "late_reason_note", "version", "updated_at"]
    )
    return conference


# --- core groups -----------------------------------------------------------------------------


@transaction.atomic
def record_core_group(plan: ChildProtectionPlan, *, held_on: date, user) -> CoreGroup:
    """Record a core group meeting of an open plan."""
    plan = ChildProtectionPlan.objects.select_for_update().get(pk=plan.pk)
    errors = []
    if held_on > today():
        errors.append("The date of the core group cannot be in the future.")
    if held_on < plan.start_date:
        errors.append(f"The plan started on {format_date(plan.start_date)}: choose a later date.")
    if plan.end_date is not None and held_on > plan.end_date:
        errors.append(f"The plan ended on {format_date(plan.end_date)}.")
    if plan.core_groups.filter(held_on=held_on).exists():
        errors.append(f"A core group on {format_date(held_on)} is already recorded.")
    if errors:
        raise ValidationError({"held_on": errors})
    group = _by(CoreGroup(plan=plan, held_on=held_on), user)
    group.save()
    return group
