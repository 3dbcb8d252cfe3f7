"""Changes the stability pages make: the child's disability and its kind of need.

``Child.disabled`` and ``Child.disability_detail`` belong to the children app; this is the
one function that changes them from a form, in a transaction, with the user in the history.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from iro_tracker.children.models import Child

DETAIL_MAX = Child._meta.get_field("disability_detail").max_length


@transaction.atomic
def record_disability(child: Child, *, disabled: bool, detail: str = "", user=None) -> Child:
    """Record whether the child has a disability and, if so, the kind of need."""
    child = Child.objects.select_for_update().get(pk=child.pk)
    detail = detail.strip()
    if disabled and not detail:
        raise ValidationError({"detail": ["Say what kind of need the child has."]})
    if len(detail) > DETAIL_MAX:
        raise ValidationError({"detail": [f"Use {DETAIL_MAX} characters or fewer."]})
    child.disabled = disabled
    child.disability_detail = detail if disabled else ""
    if user is not None:
        child._history_user = user
    child.save(update_fields=["disabled", "disability_detail", "updated_at"])
    return child
