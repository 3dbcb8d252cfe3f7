"""The work queue's plug-in point: each feature adds the items it knows are due.

A provider is a callable ``(today, user) -> list[WorkItem]``. Apps register theirs once, from
their ``AppConfig.ready``::

    from iro_tracker.workqueue import registry
    registry.register(my_provider)

A provider returns only what is still to do: an item disappears from the queue when the thing
it asks for is recorded. ``items_for`` puts overdue items first, then by due date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from iro_tracker.rules.calendar import format_date


@dataclass(frozen=True)
class WorkItem:
    """One thing to do. ``key`` identifies it across runs (for reminders and tests)."""

    key: str
    category: str  # the heading it is listed under, e.g. "Reviews to schedule"
    title: str  # what to do, e.g. "Book review 2 for Alex Smith"
    due: date
    explanation: str  # the sentence that explains the due date
    url: str  # where to do it
    action: str  # the link text, e.g. "Schedule"
    child_name: str = ""
    child_id: str = ""  # the local child identifier, shown beside the name

    def is_overdue(self, today: date) -> bool:
        return self.due < today

    def days_left(self, today: date) -> int:
        return (self.due - today).days

    def due_text(self, today: date) -> str:
        days = self.days_left(today)
        if days < 0:
            return f"{-days} day{'s' if days != -1 else ''} overdue"
        if days == 0:
            return "Due today"
        return f"Due {format_date(self.due)}"


Provider = Callable[[date, object], list[WorkItem]]

_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Add ``provider`` to the queue (once, however often it is registered)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def providers() -> list[Provider]:
    return list(_providers)


def items_for(today: date, user, *, only: list[Provider] | None = None) -> list[WorkItem]:
    """Every item due for ``user``: overdue first (oldest first), then by due date."""
    items: list[WorkItem] = []
    for provider in only if only is not None else _providers:
        items.extend(provider(today, user))
    return sorted(items, key=lambda i: (not i.is_overdue(today), i.due, i.category, i.title))
