"""Document readiness: the care plan and pre-meeting report reach the IRO in time.

Both are due 3 working days before the review meeting (a setting: ``RuleSettings.
documents_working_days_before``). When a booked review's documents have not arrived by then,
``check_documents`` raises one informal documentation issue for it (seed report §4.8: "logging
this as an Issues Resolution on the child's electronic file"), and closes it once both
documents are recorded.

Two ways in, both safe to repeat:
- ``check_documents(today)``: the periodic check (``iro check-documents``, and the first step
  of ``iro send-reminders``). It raises what is missing and closes what has arrived.
- ``documents_arrived(review, user=...)``: the hook for ``reviews.services.record_documents``
  and ``record_review``, so an issue closes the moment the documents are recorded.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q

from iro_tracker.children.models import Allocation
from iro_tracker.disputes import conf
from iro_tracker.disputes.models import DisputeEvent, EventKind, Issue, IssueStatus, Outcome, Theme
from iro_tracker.disputes.services import _by, clock_text, raise_issue
from iro_tracker.reviews.models import Review, Status
from iro_tracker.rules.calendar import add_working_days, format_date
from iro_tracker.rules.timescales import Due, documents_due

log = logging.getLogger(__name__)

DOCUMENTS = (
    ("care_plan_received", "care plan"),
    ("pre_meeting_report_received", "pre-meeting report"),
)


@dataclass(frozen=True)
class Readiness:
    """Where a review's documents stand: ``state`` per document is one of
    ``"on_time"``, ``"late"`` (arrived after the due date), ``"missing"`` (due date passed) or
    ``"awaited"`` (not yet due).
    """

    due: Due
    states: dict[str, str]

    @property
    def missing(self) -> list[str]:
        return [label for attr, label in DOCUMENTS if self.states[attr] in ("missing", "awaited")]

    @property
    def compliant(self) -> bool:
        return all(s == "on_time" for s in self.states.values())


def readiness(review: Review, today: date) -> Readiness | None:
    """The documents' state for a review with a meeting date, or None without one."""
    meeting = review.held_date or review.scheduled_date
    if meeting is None:
        return None
    due = documents_due(meeting, settings=conf.rules())
    states = {}
    for attr, _ in DOCUMENTS:
        received = getattr(review, attr)
        if received is not None:
            states[attr] = "on_time" if received <= due.date else "late"
        else:
            states[attr] = "missing" if today > due.date else "awaited"
    return Readiness(due, states)


def missing_text(labels: list[str]) -> str:
    text = " and ".join(labels)
    return text[:1].upper() + text[1:]


@dataclass
class CheckResult:
    raised: list[Issue] = field(default_factory=list)
    closed: list[Issue] = field(default_factory=list)


def _candidates(today: date):
    """Booked reviews still to meet with a document missing and no automatic issue yet.

    A review more than N working days away cannot be past its documents date, so only those
    up to ``add_working_days(today, N)`` are read; the exact test is ``readiness``.
    """
    n = conf.rules().documents_working_days_before
    has_issue = Issue.objects.filter(review=OuterRef("pk"), automatic=True)
    return (
        Review.objects.filter(
            status=Status.SCHEDULED,
            child__archived=False,
            scheduled_date__gte=today,
            scheduled_date__lte=add_working_days(today, n),
        )
        .filter(Q(care_plan_received__isnull=True) | Q(pre_meeting_report_received__isnull=True))
        .filter(~Exists(has_issue))
        .select_related("child", "chair")
    )


def _raise_for(review: Review, state: Readiness, today: date) -> Issue | None:
    child = review.child
    allocation = Allocation.objects.filter(child=child, end_date__isnull=True).first()
    iro = allocation.iro if allocation else review.chair
    missing = " and ".join(state.missing)
    summary = (
        f"The {missing} for the review on {format_date(review.scheduled_date)} had not reached the"
        f" IRO by {format_date(state.due.date)}. {state.due.explanation}"
    )
    responder = f"{child.social_worker}, social worker" if child.social_worker else "Social worker"
    try:
        # A savepoint: a concurrent run that raised it first makes this insert fail on the
        # unique constraint, and only this review is skipped.
        with transaction.atomic():
            return raise_issue(
                child,
                theme=Theme.DOCUMENTATION,
                summary=summary,
                raised_on=today,
                responder=responder,
                user=None,
                iro=iro,
                review=review,
                automatic=True,
            )
    except IntegrityError:
        log.info("Documentation issue for review %s was raised by another run", review.pk)
        return None


def _close(issue: Issue, review: Review, user) -> Issue | None:
    """Close an open automatic issue whose review now has both documents."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if not issue.is_open:
        return None
    received = max(review.care_plan_received, review.pre_meeting_report_received)
    # A date typed in after the event can be earlier than the day the issue was raised.
    closed_on = max(received, issue.raised_on)
    issue.status = IssueStatus.CLOSED
    issue.outcome = Outcome.RESOLVED
    issue.outcome_note = "Both documents were received."
    issue.closed_on = closed_on
    _by(issue, user).save()
    text = (
        f"Care plan received {format_date(review.care_plan_received)} and pre-meeting report"
        f" received {format_date(review.pre_meeting_report_received)}. Closed: Resolved."
        f" {clock_text(issue, closed_on)}"
    )
    DisputeEvent.objects.create(
        issue=issue, child_id=issue.child_id, kind=EventKind.DOCUMENTS, on=closed_on, text=text,
        by=user,
    )  # fmt: skip
    return issue


def _arrived():
    return Issue.objects.open().filter(
        automatic=True,
        review__care_plan_received__isnull=False,
        review__pre_meeting_report_received__isnull=False,
    )


@transaction.atomic
def documents_arrived(review: Review, *, user=None) -> list[Issue]:
    """Close the review's open automatic issue if both documents are now recorded.

    Call it after the review's document dates change (``record_documents``, ``record_review``).
    """
    review = Review.objects.get(pk=review.pk)
    return [
        closed
        for issue in _arrived().filter(review=review)
        if (closed := _close(issue, review, user)) is not None
    ]


def check_documents(today: date) -> CheckResult:
    """Raise the documentation issues now due and close those whose documents arrived.

    Idempotent: run it as often as you like, concurrently too; a review gets one automatic issue.
    """
    result = CheckResult()
    for review in _candidates(today):
        state = readiness(review, today)
        if state is None or not state.missing or today <= state.due.date:
            continue
        issue = _raise_for(review, state, today)
        if issue is not None:
            result.raised.append(issue)
    for issue in _arrived().select_related("review"):
        with transaction.atomic():
            closed = _close(issue, issue.review, None)
        if closed is not None:
            result.closed.append(closed)
    return result
