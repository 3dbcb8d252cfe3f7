"""Every change to PEPs and education contacts goes through one of these functions.

Each owns its transaction, raises ``ValidationError`` per form field and records the user in
the change history.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from iro_tracker.children.models import Child
from iro_tracker.education.models import ContactWith, EducationContact, PersonalEducationPlan
from iro_tracker.rules.calendar import format_date
from iro_tracker.rules.education import QUALITY

QUALITY_CODES = {code for code, _ in QUALITY}


def today() -> date:
    return timezone.localdate()


def _save(record, user) -> None:
    if user is not None:
        record._history_user = user
    record.save()


def _not_future(errors: dict, field: str, value: date) -> None:
    if value > today():
        errors[field] = [f"The date cannot be in the future ({format_date(value)})."]


@transaction.atomic
def record_pep(
    child: Child,
    *,
    held_on: date,
    quality: str = "",
    quality_note: str = "",
    notes: str = "",
    user=None,
) -> PersonalEducationPlan:
    """Record a PEP meeting, with the IRO's quality judgement when they give one."""
    errors: dict[str, list[str]] = {}
    _not_future(errors, "held_on", held_on)
    if child.peps.filter(held_on=held_on).exists():
        errors["held_on"] = [f"A PEP on {format_date(held_on)} is already recorded."]
    _check_quality(errors, quality, quality_note)
    if errors:
        raise ValidationError(errors)
    pep = PersonalEducationPlan(child=child, held_on=held_on, notes=notes)
    if quality:
        pep.quality, pep.quality_note, pep.judged_by, pep.judged_on = (
            quality, quality_note, user, today(),
        )  # fmt: skip
    _save(pep, user)
    return pep


def _check_quality(errors: dict, quality: str, note: str) -> None:
    if quality and quality not in QUALITY_CODES:
        errors["quality"] = ["Choose a judgement from the list."]
    elif quality and quality != "good" and not note.strip():
        errors["quality_note"] = ["Say what needs to improve."]


@transaction.atomic
def judge_pep(
    pep: PersonalEducationPlan, *, quality: str, quality_note: str = "", user=None
) -> PersonalEducationPlan:
    """The IRO's judgement of a PEP's quality (it may be changed; the history keeps both)."""
    pep = PersonalEducationPlan.objects.select_for_update().get(pk=pep.pk)
    errors: dict[str, list[str]] = {}
    if not quality:
        errors["quality"] = ["Choose a judgement."]
    _check_quality(errors, quality, quality_note)
    if errors:
        raise ValidationError(errors)
    pep.quality, pep.quality_note, pep.judged_by, pep.judged_on = (
        quality, quality_note, user, today(),
    )  # fmt: skip
    _save(pep, user)
    return pep


@transaction.atomic
def record_contact(
    child: Child, *, contact_on: date, with_whom: str, name: str = "", notes: str = "", user=None
) -> EducationContact:
    """Record a contact with the child's school or the virtual school."""
    errors: dict[str, list[str]] = {}
    _not_future(errors, "contact_on", contact_on)
    if with_whom not in ContactWith.values:
        errors["with_whom"] = ["Choose the school or the virtual school."]
    if errors:
        raise ValidationError(errors)
    contact = EducationContact(
        child=child, contact_on=contact_on, with_whom=with_whom, name=name, notes=notes
    )
    _save(contact, user)
    return contact
