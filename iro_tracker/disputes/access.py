"""Who may see and act on issues and oversight records. Every disputes view uses these.

Following ``accounts.access``: staff (everyone but read-only panel members) read every issue,
as they read every child; the child's allocated IRO and managers raise, escalate, record
responses, resolve, refer to Cafcass and record midway meetings and contacts. Business support
sees issues (they chase the responses) and the documents report. The oversight report shows
managers every IRO, and an IRO only their own children.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from iro_tracker.accounts import access
from iro_tracker.disputes.models import Issue

require_staff = access.require_staff
VIEW = access.VIEW
ACT = access.RECORD  # the same people who record the child's reviews


def issues_for(user):
    """The issues ``user`` may list: every issue about an active child, or none."""
    if user.is_read_only:
        return Issue.objects.none()
    return Issue.objects.filter(child__archived=False)


def can_act(user, child) -> bool:
    return access.can(user, ACT, child)


def get_issue_for_user(user, pk, action: str = VIEW) -> Issue:
    """The issue with ``pk`` if ``user`` may do ``action`` to it; 404 or 403 otherwise.

    The role is checked before the lookup, so a role that may never ``action`` (business
    support, asked to act) gets 403 whether or not ``pk`` exists.
    """
    access.require_role(user, action)  # refuses read-only users too
    issue = get_object_or_404(
        Issue.objects.select_related("child", "iro", "review"), pk=pk, child__archived=False
    )
    access.require(user, action, issue.child)
    return issue


def get_child_to_act_on(user, pk):
    """The child with ``pk``, if ``user`` may raise issues and record oversight for them."""
    return access.get_child_for_user(user, pk, ACT)


def oversight_scope(user):
    """None to see every IRO's figures (managers), the user to see only their own (IROs)."""
    require_staff(user)
    if user.is_manager:
        return None
    if user.is_chair:
        return user
    raise PermissionDenied


def require_documents_report(user) -> None:
    """Managers, business support and IROs see compliance by team and social worker."""
    require_staff(user)
    if not (user.is_manager or user.is_business_support or user.is_chair):
        raise PermissionDenied
