"""Who sees which dashboard.

Managers see the whole unit. A chair sees their own slice: the children allocated to them, the
plans they chair, the meetings they chaired and their own caseload. Business support see the
whole unit too: they book every review and conference and chase the overdue ones, so they need
the unit's due and overdue lists (decision for issue 6, which left them open). Read-only panel
members are refused: their summary page has the unit's figures without any child.
"""

from django.core.exceptions import PermissionDenied


def dashboard_chair(user):
    """None for the unit's dashboard, or the chair whose slice ``user`` sees; 403 otherwise."""
    if not user.is_authenticated or user.is_read_only:
        raise PermissionDenied
    if user.is_manager or user.is_business_support:
        return None
    if user.is_chair:
        return user
    raise PermissionDenied
