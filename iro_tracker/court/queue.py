"""Work-queue items for the legal status watch (for ``iro_tracker.workqueue``).

``items(today, user)`` lists the children whose legal status is to be discussed before their
next review and has not been discussed since their last one (seed report §7.4). Each item
is a dict with exactly the fields of ``workqueue.registry.WorkItem``; ``provider`` returns
them as ``WorkItem`` objects, ready for ``registry.register(provider)``.

Who sees what: a chair their allocated children, a manager or business support everyone,
a read-only user nothing. The item goes as soon as the discussion is recorded.
"""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from iro_tracker.court.watch import watch_rows, watched_children

CATEGORY = "Legal status to discuss before a review"


def items(today: date, user) -> list[dict]:
    if not user.is_authenticated or user.is_read_only:
        return []
    rows = watch_rows(watched_children(today, user), today)
    found = []
    for row in rows:
        if not row.needs_discussion:
            continue
        due = row.discuss_by or today
        when = "the next review" if row.next_review else "as soon as possible"
        found.append(
            {
                "key": f"legal-status:{row.child.pk}:{row.item.kind}:{row.last_review or ''}",
                "category": CATEGORY,
                "title": f"Discuss {row.child.display_name}'s legal status before {when}",
                "due": due,
                "explanation": row.item.explanation,
                "url": reverse("court:discuss", args=[row.child.pk]),
                "action": "Record the discussion",
                "child_name": row.child.display_name,
                "child_id": row.child.local_id,
            }
        )
    return found


def provider(today: date, user) -> list:
    """``items`` as ``WorkItem`` objects, for ``workqueue.registry.register``."""
    from iro_tracker.workqueue.registry import WorkItem

    return [WorkItem(**item) for item in items(today, user)]
