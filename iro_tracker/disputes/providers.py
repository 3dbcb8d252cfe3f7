"""What issues resolution adds to the administrator's work queue."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from iro_tracker.disputes.models import Issue
from iro_tracker.disputes.queries import awaiting_steps
from iro_tracker.workqueue.registry import WorkItem


def issue_responses_to_chase(today: date, user) -> list[WorkItem]:
    """Responses awaited at the current stage of each open issue (seed report §10.10: the
    administrator "will proactively track and prompt social workers").

    Automatic documentation issues are left out: their review is already on the queue under
    "Documents to chase", and the documents arriving closes them.
    """
    if not (user.is_business_support or user.is_manager):
        return []
    items = []
    for step in awaiting_steps(Issue.objects.filter(automatic=False)):
        issue = step.issue
        items.append(
            WorkItem(
                key=f"issue-response:{step.pk}",
                category="Issue responses to chase",
                title=(
                    f"Chase {step.responder} for a response ({step.stage_name}):"
                    f" {issue.get_theme_display().lower()} issue"
                ),
                due=step.response_due,
                explanation=step.response_due_explanation,
                url=reverse("disputes:detail", args=[issue.pk]),
                action="Open the issue",
                child_name=issue.child.display_name,
                child_id=issue.child.local_id,
            )
        )
    return items
