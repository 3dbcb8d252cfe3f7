"""Who may see and change child protection records. Every conference view and list uses these.

As ``accounts.access`` for reviews: everyone but read-only panel members sees children's
child protection history. Conferences are recorded by the chair who chaired them (a chair who
chairs conferences, ``is_cpa``) or by a manager; the decisions are the chair's, so business
support does not record them. Business support logs strategy discussions (which book the
initial conference) and core group dates; a plan's core groups may also be recorded by its
chair. Managers may do everything.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from iro_tracker.accounts import access as child_access
from iro_tracker.accounts.models import User
from iro_tracker.conferences.models import ChildProtectionPlan, Conference

VIEW = "view"
RECORD = "record"  # record a conference (its outcomes)
STRATEGY = "strategy"  # record a strategy discussion
CORE_GROUP = "core_group"  # record a core group of a plan


def _staff(user) -> bool:
    return user.is_authenticated and user.is_active and not user.is_read_only


def is_cp_chair(user, plan: ChildProtectionPlan) -> bool:
    """True if ``user`` chairs the plan's conferences (the chair of its latest one)."""
    return plan.chair_id == user.pk


def can(user, action: str, plan: ChildProtectionPlan | None = None) -> bool:
    """True if ``user`` may do ``action`` (to ``plan`` where the action concerns one)."""
    if not _staff(user):
        return False
    if user.is_manager or action == VIEW:
        return True
    if action == RECORD:
        return user.is_chair and user.is_cpa
    if action == STRATEGY:
        return user.is_business_support
    if action == CORE_GROUP:
        if user.is_business_support:
            return True
        return plan is not None and user.is_chair and is_cp_chair(user, plan)
    return False


def require(user, action: str, plan: ChildProtectionPlan | None = None) -> None:
    if not can(user, action, plan):
        raise PermissionDenied


def chairs_for(user):
    """The chairs ``user`` may record a conference for: themselves, or any for a manager."""
    chairs = User.objects.filter(is_active=True, is_cpa=True).order_by(
        "last_name", "first_name", "pk"
    )
    return chairs if user.is_manager else chairs.filter(pk=user.pk)


def conferences_for(user):
    if not _staff(user):
        return Conference.objects.none()
    return Conference.objects.all()


def plans_for(user):
    if not _staff(user):
        return ChildProtectionPlan.objects.none()
    return ChildProtectionPlan.objects.filter(child__archived=False)


def get_conference_for_user(user, pk) -> Conference:
    """The conference with ``pk`` if ``user`` may see it; 403 or 404 otherwise.

    A chair who did not chair it opens it only for children in their own work, or after
    giving a reason for each other child (break glass, ``accounts.access``).
    """
    if not _staff(user):
        raise PermissionDenied
    conference = get_object_or_404(Conference.objects.select_related("chair"), pk=pk)
    if user.is_chair and conference.chair_id != user.pk:
        for row in conference.rows.filter(child__archived=False).select_related("child"):
            child_access.require_justified(user, row.child)
    return conference


def get_plan_for_user(user, pk, action: str = VIEW) -> ChildProtectionPlan:
    if not _staff(user):
        raise PermissionDenied
    plan = get_object_or_404(
        ChildProtectionPlan.objects.select_related("child", "chair"),
        pk=pk,
        child__archived=False,
    )
    require(user, action, plan)
    return plan
