"""Who may use the work queue, record invitations and have a calendar feed.

The work queue is business support's page; managers see it too. Invitations are recorded by
whoever may book the review (``accounts.access.SCHEDULE``). A calendar feed is for anyone who
chairs reviews (an IRO).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from iro_tracker.accounts import access


def require_queue(user) -> None:
    if not user.is_authenticated or not (user.is_business_support or user.is_manager):
        raise PermissionDenied


def get_review_to_invite(user, pk):
    return access.get_review_for_user(user, pk, access.SCHEDULE)


def may_have_calendar(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_iro and not user.is_read_only


def require_calendar(user) -> None:
    if not may_have_calendar(user):
        raise PermissionDenied
