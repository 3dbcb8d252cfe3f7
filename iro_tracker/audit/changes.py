"""Optimistic locking: refuse a save made from a stale form, saying what changed meanwhile.

Models that can be edited by two people at once (reviews, conferences) carry a ``version``
that their domain functions increase on every save; forms send back the version they showed.
When it no longer matches, the change history (simple-history, which records ``version`` too)
says which fields changed, from what to what, by whom and when.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from iro_tracker.rules.calendar import format_date

IGNORED = {"version", "updated_at", "created_at"}


class StaleEditError(ValidationError):
    """The record changed after the form was shown; ``changes`` lists what changed."""

    def __init__(self, noun: str, changes: list[str]):
        self.changes = changes
        lines = "; ".join(changes) if changes else "it was saved again"
        super().__init__(
            {
                NON_FIELD_ERRORS: [
                    f"Someone else changed this {noun} while you were editing it ({lines})."
                    " Your changes have not been saved: check them against the"
                    f" {noun} as it is now and save again."
                ]
            }
        )


def _show(field, value) -> str:
    if value is None or value == "":
        return "blank"
    if field.is_relation and field.related_model is not None:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%-d %b %Y %H:%M")
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def changes_since(instance, version: int) -> list[str]:
    """Each change recorded after ``version``: "field: old -> new (by who, when)"."""
    model = type(instance)
    records = list(instance.history.filter(version__gte=version).order_by("history_id"))
    older = [r for r in records if r.version == version]
    previous = older[-1] if older else None
    lines: list[str] = []
    for record in records:
        if record.version <= version:
            previous = record
            continue
        if previous is not None:
            who = record.history_user or "an import"
            when = timezone.localtime(record.history_date).strftime("%-d %b %Y %H:%M")
            for change in record.diff_against(previous).changes:
                if change.field in IGNORED:
                    continue
                field = model._meta.get_field(change.field)
                lines.append(
                    f"{field.verbose_name.capitalize()}: {_show(field, change.old)} ->"
                    f" {_show(field, change.new)} (by {who}, {when})"
                )
        previous = record
    return lines


def check_version(instance, expected: int | None, noun: str) -> None:
    """Raise ``StaleEditError`` if ``instance`` (freshly locked) is past ``expected``."""
    if expected is None or instance.version == expected:
        return
    raise StaleEditError(noun, changes_since(instance, expected))
