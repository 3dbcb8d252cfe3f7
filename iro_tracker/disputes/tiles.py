"""Issues past their timescale, for the dashboard (dashboard.extras)."""

from __future__ import annotations

from datetime import date

from iro_tracker.disputes.models import Issue, IssueStatus
from iro_tracker.disputes.queries import awaiting_steps
from iro_tracker.rules.calendar import format_date

LABELS = {
    "issues.past_timescale": "Formal issues past their 20 working days",
    "issues.response_overdue": "Issue responses overdue",
}


def issue_items(today: date) -> dict[str, list[dict]]:
    """Open issues whose formal clock has run out, and stages whose response is overdue."""
    open_issues = Issue.objects.exclude(status=IssueStatus.CLOSED).filter(child__archived=False)
    items: dict[str, list[dict]] = {key: [] for key in LABELS}
    for issue in open_issues.filter(resolution_due__lt=today).order_by("resolution_due", "pk"):
        items["issues.past_timescale"].append(
            {
                "child_id": issue.child_id,
                "when": issue.resolution_due,
                "note": f"{issue.get_theme_display()}: resolution was due"
                f" {format_date(issue.resolution_due)}",
            }
        )
    for step in awaiting_steps(open_issues).filter(response_due__lt=today):
        items["issues.response_overdue"].append(
            {
                "child_id": step.issue.child_id,
                "when": step.response_due,
                "note": f"{step.issue.get_theme_display()}: {step.responder} was to respond by"
                f" {format_date(step.response_due)}",
            }
        )
    return items
