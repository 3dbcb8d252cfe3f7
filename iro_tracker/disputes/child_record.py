"""What the child's record page shows of issues and oversight (``_child_oversight.html``).

``children.views.detail`` adds ``context["oversight"] = oversight_context(child, user, today)``
and the template includes ``disputes/_child_oversight.html``. Seven queries, whatever the
number of issues.
"""

from __future__ import annotations

from datetime import date

from iro_tracker.disputes import access, queries
from iro_tracker.disputes.oversight import current_cycle

RECENT = 20  # dated entries shown on the record; the issue pages show them all


def oversight_context(child, user, today: date) -> dict:
    issues = list(queries.with_steps(child.issues.order_by("status", "-raised_on", "-pk")))
    return {
        "issues": [{"issue": i, "step": queries.current(i)} for i in issues],
        "open_count": sum(1 for i in issues if i.is_open),
        "events": list(
            child.dispute_events.select_related("by", "issue").order_by("-on", "-pk")[:RECENT]
        ),
        "cycle": current_cycle(child, today),
        "midway_meetings": list(child.midway_meetings.select_related("iro")[:5]),
        "contacts": list(child.iro_contacts.select_related("iro")[:5]),
        "can_act": access.can_act(user, child),
        "today": today,
    }
