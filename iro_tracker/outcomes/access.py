"""Access to outcome records, decisions and letters: the accounts.access rules, per object.

The child decides: an IRO allocated to the child and managers change (``access.RECORD``),
other staff read (``access.VIEW``), read-only panel members see nothing.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from iro_tracker.accounts import access
from iro_tracker.outcomes.models import Decision, LetterVersion
from iro_tracker.reviews.models import Review, Status

VIEW, RECORD = access.VIEW, access.RECORD


def get_held_review_for_user(user, pk, action: str = VIEW) -> Review:
    """A held review ``user`` may ``action``: 403 for the wrong user, 404 if not held."""
    review = access.get_review_for_user(user, pk, action)
    if review.status != Status.HELD:
        raise Http404("Outcome records are kept for held reviews.")
    return review


def _require(user, action, child) -> None:
    if user.is_read_only:
        raise PermissionDenied
    access.require(user, action, child)


def get_decision_for_user(user, pk, action: str = VIEW) -> Decision:
    # The role first, so a role that may never ``action`` gets 403 whether or not pk exists.
    access.require_role(user, action)
    decision = get_object_or_404(
        Decision.objects.select_related("record__review__child"),
        pk=pk,
        record__review__child__archived=False,
    )
    _require(user, action, decision.record.review.child)
    return decision


def get_letter_for_user(user, pk, action: str = VIEW) -> LetterVersion:
    access.require_role(user, action)  # the role first, as get_decision_for_user
    version = get_object_or_404(
        LetterVersion.objects.select_related("record__review__child", "record__review__chair"),
        pk=pk,
        record__review__child__archived=False,
    )
    _require(user, action, version.record.review.child)
    return version


def can_record(user, child) -> bool:
    return access.can(user, RECORD, child)
