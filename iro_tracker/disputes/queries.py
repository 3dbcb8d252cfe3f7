"""Read-side queries for issues: each list runs a fixed number of queries whatever its size."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch

from iro_tracker.disputes.models import Issue, IssueStatus, Step


def awaiting_steps(issues):
    """The current step of each of ``issues`` that is still waiting for a response.

    Steps are added in date order (an escalation cannot predate the stage before it), so the
    step with the highest id is the current one.
    """
    later = Step.objects.filter(issue=OuterRef("issue"), pk__gt=OuterRef("pk"))
    return (
        Step.objects.filter(issue__in=issues, responded_on__isnull=True)
        .exclude(issue__status=IssueStatus.CLOSED)
        .filter(~Exists(later))
        .select_related("issue", "issue__child", "issue__iro", "stage")
        .order_by("response_due", "pk")
    )


def with_steps(issues):
    """Issues with their child, IRO and steps (oldest first) loaded in two queries."""
    steps = Step.objects.select_related("stage").order_by("started_on", "pk")
    return issues.select_related("child", "iro", "review").prefetch_related(
        Prefetch("steps", queryset=steps, to_attr="step_list")
    )


def current(issue: Issue) -> Step | None:
    """The current step of an issue loaded by ``with_steps``."""
    return issue.step_list[-1] if issue.step_list else None
