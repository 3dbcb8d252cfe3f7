"""Who may see and change what. Every view and every list query goes through these helpers.

Roles: an IRO/CPA (chair) reads every child and changes the reviews of the children allocated
to them; business support schedules reviews and records documents; a manager does everything,
including allocation; a read-only panel member sees aggregate pages only, never a child.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from iro_tracker.children.models import Child
from iro_tracker.reviews.models import Review

VIEW = "view"
SCHEDULE = "schedule"  # book a date, record documents received
RECORD = "record"  # record the review as held, adjourn it
ALLOCATE = "allocate"


def is_allocated(user, child) -> bool:
    return child.allocations.filter(iro=user, end_date__isnull=True).exists()


def can(user, action: str, child=None) -> bool:
    """True if ``user`` may do ``action`` (to ``child`` where the action concerns one)."""
    if not user.is_authenticated or not user.is_active or user.is_read_only:
        return False
    if user.is_manager:
        return True
    if action == VIEW:
        return True
    if action == ALLOCATE:
        return False
    if action == SCHEDULE and user.is_business_support:
        return True
    if user.is_chair and child is not None:
        return is_allocated(user, child)
    return False


def require(user, action: str, child=None) -> None:
    if not can(user, action, child):
        raise PermissionDenied


def children_for(user):
    """The children ``user`` may see in lists: all of them, or none for read-only users."""
    if user.is_read_only:
        return Child.objects.none()
    return Child.objects.active()


def reviews_for(user):
    if user.is_read_only:
        return Review.objects.none()
    return Review.objects.filter(child__archived=False)


def get_child_for_user(user, pk, action: str = VIEW) -> Child:
    """The child with ``pk`` if ``user`` may do ``action`` to it; 404 or 403 otherwise."""
    if user.is_read_only:
        raise PermissionDenied
    child = get_object_or_404(Child.objects.select_related("team"), pk=pk, archived=False)
    require(user, action, child)
    return child


def get_review_for_user(user, pk, action: str = VIEW) -> Review:
    if user.is_read_only:
        raise PermissionDenied
    review = get_object_or_404(
        Review.objects.select_related("child", "chair"), pk=pk, child__archived=False
    )
    require(user, action, review.child)
    return review
