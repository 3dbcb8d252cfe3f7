"""Who may see and change what. Every view and every list query goes through these helpers.

Roles: an IRO/CPA (chair) changes the reviews of the children allocated to them and opens
their records; to open the record of any other child a chair first states a reason ("break
glass"), which lets them read it for ``IRO_BREAK_GLASS_HOURS`` and is written to the access
log. Business support schedules reviews and records documents; a manager does everything,
including allocation. Both see every child without giving a reason: their role covers the
whole unit. A read-only panel member sees aggregate pages only, never a child.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from iro_tracker.children.models import Child
from iro_tracker.reviews.models import Review

VIEW = "view"
SCHEDULE = "schedule"  # book a date, record documents received
RECORD = "record"  # record the review as held, adjourn it
ALLOCATE = "allocate"


def is_allocated(user, child) -> bool:
    return child.allocations.filter(iro=user, end_date__isnull=True).exists()


def _by_role(user, action: str) -> bool | None:
    """What ``user``'s role alone says of ``action``: True (always), False (never) or None
    (only to the children allocated to them, as their chair)."""
    if not user.is_authenticated or not user.is_active or user.is_read_only:
        return False
    if user.is_manager or action == VIEW:
        return True
    if action == ALLOCATE:
        return False
    if action == SCHEDULE and user.is_business_support:
        return True
    return None if user.is_chair else False


def can(user, action: str, child=None) -> bool:
    """True if ``user`` may do ``action`` (to ``child`` where the action concerns one)."""
    allowed = _by_role(user, action)
    if allowed is None:
        return child is not None and is_allocated(user, child)
    return allowed


def may(user, action: str) -> bool:
    """True if ``user``'s role lets them do ``action`` to some child, whichever it is.

    Views ask this before they look an object up by its id, so that a role that may never do
    ``action`` is refused (403) whether or not the id exists: a 404 would tell them it does not.
    Whether the user may do it to the object found is then ``can``'s question.
    """
    return _by_role(user, action) is not False


def require_role(user, action: str) -> None:
    """403 unless ``user``'s role may do ``action`` to some child (see ``may``)."""
    if not may(user, action):
        raise PermissionDenied


def require_staff(user) -> None:
    """403 for read-only panel members (and anyone signed out): pages about children."""
    if not user.is_authenticated or user.is_read_only:
        raise PermissionDenied


class JustificationRequired(PermissionDenied):
    """A chair asked to read a child outside their caseload without a live reason.

    ``accounts.middleware.BreakGlassMiddleware`` turns it into a redirect to the form that asks
    for the reason; anywhere else it is an ordinary 403.
    """

    def __init__(self, child):
        super().__init__(f"A reason is needed to open child {child.pk}'s record.")
        self.child = child


def has_relationship(user, child) -> bool:
    """True if ``child`` is in the chair's own work: allocated to them as IRO, or on a child
    protection plan they chair. One query."""
    return (
        type(child)
        .objects.filter(pk=child.pk)
        .filter(
            Q(allocations__iro=user, allocations__end_date__isnull=True)
            | Q(cp_plans__chair=user, cp_plans__end_date__isnull=True)
        )
        .exists()
    )


def require_justified(user, child) -> None:
    """Refuse a chair reading ``child`` outside their work unless they gave a reason lately.

    Business support and managers are not asked: their role covers every child.
    """
    if not user.is_chair or user.is_superuser:
        return
    grants = getattr(user, "_iro_grants", None)
    if grants is None:
        grants = user._iro_grants = {}
    if child.pk in grants or has_relationship(user, child):
        return
    from iro_tracker.audit.services import live_grant

    grant = live_grant(user, child)
    if grant is None:
        raise JustificationRequired(child)
    grants[child.pk] = grant  # log_child_view writes its reason with the view


def require(user, action: str, child=None) -> None:
    if not can(user, action, child):
        raise PermissionDenied
    if action == VIEW and child is not None:
        require_justified(user, child)


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
    """The child with ``pk`` if ``user`` may do ``action`` to it; 404 or 403 otherwise.

    The role is checked before the lookup: a role that may never do ``action`` gets 403 for any
    id, so it cannot learn which ids exist.
    """
    require_role(user, action)
    child = get_object_or_404(Child.objects.select_related("team"), pk=pk, archived=False)
    require(user, action, child)
    return child


def get_review_for_user(user, pk, action: str = VIEW) -> Review:
    """The review with ``pk`` if ``user`` may do ``action`` to its child; role first, as
    ``get_child_for_user``."""
    require_role(user, action)
    review = get_object_or_404(
        Review.objects.select_related("child", "chair"), pk=pk, child__archived=False
    )
    require(user, action, review.child)
    return review
