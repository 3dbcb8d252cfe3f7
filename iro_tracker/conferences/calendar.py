"""Child protection review conferences due, as events in the chair's calendar feed."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from iro_tracker.children.models import Child
from iro_tracker.conferences.queries import conference_dues
from iro_tracker.workqueue import conf
from iro_tracker.workqueue.calendar import CalendarEvent, initials


def conference_events(user, today: date) -> list[CalendarEvent]:
    """The next review conference due for each plan ``user`` chairs (initials only)."""
    dues = conference_dues(chair=user)
    children = Child.objects.in_bulk(list(dues))
    base = conf.site_url()
    return [
        CalendarEvent(
            uid=f"conference-{child_id}-{due.due:%Y%m%d}@iro-tracker",
            day=due.due,
            summary=f"CP review conference due: {initials(children[child_id])}"
            f" ({children[child_id].local_id})",
            description=due.explanation,
            url=base + reverse("children:detail", args=[child_id]),
        )
        for child_id, due in dues.items()
        if child_id in children
    ]
