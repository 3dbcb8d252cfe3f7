"""Every change to care proceedings and legal status discussions goes through these functions.

Each owns its transaction, raises ``ValidationError`` per form field and records the user in
the change history (simple-history keeps the sibling group's changes too).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from iro_tracker.children.models import Child
from iro_tracker.court.models import CareProceedings, DiscussionOutcome, LegalStatusDiscussion
from iro_tracker.rules.calendar import format_date
from iro_tracker.rules.legal import OUTCOME_CODES, current_episode


def today() -> date:
    return timezone.localdate()


def _save(record, user) -> None:
    if user is not None:
        record._history_user = user
    record.save()


@dataclass
class Proceedings:
    """What the proceedings form records (every field but the children)."""

    issued_on: date
    court: str = ""
    case_number: str = ""
    interim_hearing_on: date | None = None
    final_hearing_on: date | None = None
    concluded_on: date | None = None
    outcome: str = ""
    iro_contribution_on: date | None = None
    notes: str = ""


def _check(data: Proceedings) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.issued_on > today():
        errors["issued_on"] = ["The date issued cannot be in the future."]
    for name in ("interim_hearing_on", "final_hearing_on", "concluded_on", "iro_contribution_on"):
        value = getattr(data, name)
        if value is not None and value < data.issued_on:
            errors[name] = [
                f"This is before the proceedings were issued ({format_date(data.issued_on)})."
            ]
    for name in ("concluded_on", "iro_contribution_on"):
        value = getattr(data, name)
        if value is not None and value > today() and name not in errors:
            errors[name] = ["The date cannot be in the future."]
    if data.outcome and data.outcome not in OUTCOME_CODES:
        errors["outcome"] = ["Choose an outcome from the list."]
    if data.concluded_on and not data.outcome:
        errors["outcome"] = ["Choose how the proceedings ended."]
    if data.outcome and not data.concluded_on:
        errors.setdefault("concluded_on", []).append("Enter the date the proceedings were decided.")
    return errors


@transaction.atomic
def save_proceedings(
    proceedings: CareProceedings | None, children: list[Child], data: Proceedings, *, user=None
) -> CareProceedings:
    """Create (``proceedings`` None) or change care proceedings about ``children``."""
    errors = _check(data)
    if not children:
        errors["children"] = ["Name at least one child."]
    if errors:
        raise ValidationError(errors)
    if proceedings is None:
        proceedings = CareProceedings()
    else:
        proceedings = CareProceedings.objects.select_for_update().get(pk=proceedings.pk)
    for field in fields(Proceedings):
        setattr(proceedings, field.name, getattr(data, field.name))
    _save(proceedings, user)
    if set(proceedings.children.all()) != set(children):
        proceedings.children.set(children)
    return proceedings


def children_by_local_id(text: str, *, include: Child | None = None) -> list[Child]:
    """The children named by a comma- or space-separated list of local ids.

    Raises ``ValidationError`` on ``children`` for any id not found.
    """
    wanted = [part.strip().upper() for part in text.replace(",", " ").split() if part.strip()]
    found = {c.local_id.upper(): c for c in Child.objects.active().filter(local_id__in=wanted)}
    missing = [w for w in wanted if w not in found]
    if missing:
        raise ValidationError({"children": [f"No child with the ID {', '.join(missing)}."]})
    result = [found[w] for w in dict.fromkeys(wanted)]
    if include is not None and include not in result:
        result.insert(0, include)
    return result


@transaction.atomic
def record_discussion(
    child: Child,
    *,
    discussed_on: date,
    with_whom: str,
    outcome: str,
    plan: str = "",
    user=None,
) -> LegalStatusDiscussion:
    """Record that the IRO discussed the child's legal status with the social work team."""
    errors: dict[str, list[str]] = {}
    if discussed_on > today():
        errors["discussed_on"] = ["The date cannot be in the future."]
    if not with_whom.strip():
        errors["with_whom"] = ["Say who the legal status was discussed with."]
    if outcome not in DiscussionOutcome.values:
        errors["outcome"] = ["Choose the outcome of the discussion."]
    elif outcome != DiscussionOutcome.STATUS_RIGHT and not plan.strip():
        errors["plan"] = ["Say what will happen, and by when."]
    if errors:
        raise ValidationError(errors)
    episode = current_episode(child.episodes.all(), discussed_on)
    discussion = LegalStatusDiscussion(
        child=child,
        discussed_on=discussed_on,
        with_whom=with_whom,
        outcome=outcome,
        plan=plan,
        legal_status=episode.ls if episode else "",
    )
    _save(discussion, user)
    return discussion
