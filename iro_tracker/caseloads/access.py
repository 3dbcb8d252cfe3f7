"""Who may see caseloads. Caseloads name staff, not children, but are still staff-only.

Managers and business support (who book meetings across the unit) see every chair; a chair
sees their own caseload; read-only panel members see none (their summary page has the unit's
figures). Only managers see allocation suggestions, as only they allocate.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from iro_tracker.accounts import access as child_access
from iro_tracker.accounts.models import User


def sees_all(user) -> bool:
    return user.is_manager or user.is_business_support


def require_caseloads(user) -> None:
    if user.is_read_only or not (sees_all(user) or user.is_chair):
        raise PermissionDenied


def chair_filter(user) -> User | None:
    """None to list every chair, or the one chair ``user`` may see."""
    require_caseloads(user)
    return None if sees_all(user) else user


def get_chair_for_user(user, pk) -> User:
    require_caseloads(user)
    if not sees_all(user) and user.pk != int(pk):
        raise PermissionDenied
    return get_object_or_404(User, pk=pk, role="chair")


def get_child_to_allocate(user, pk):
    return child_access.get_child_for_user(user, pk, child_access.ALLOCATE)
