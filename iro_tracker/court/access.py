"""Who may see and change care proceedings and the legal status watch. Every court view uses
these, on top of the ``accounts.access`` rules.

Staff (everyone but read-only panel members) see the list of proceedings and the watch.
Proceedings are recorded, and legal status discussions noted, by whoever records the child's
reviews (``accounts.access.RECORD``: the allocated IRO or a manager). Proceedings may be about
several children (siblings normally share an IRO): they may be changed by a manager or by the
IRO of any one of them.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from iro_tracker.accounts import access
from iro_tracker.children.models import Child
from iro_tracker.court.models import CareProceedings

RECORD = access.RECORD
require_staff = access.require_staff


def proceedings_for(user):
    """The proceedings ``user`` may list: those about any active child (none for read-only)."""
    if user.is_read_only:
        return CareProceedings.objects.none()
    return CareProceedings.objects.filter(children__archived=False).distinct()


def get_child_to_record(user, pk) -> Child:
    """The child with ``pk``, if ``user`` may record proceedings or a legal status discussion
    for them; 403 or 404 otherwise."""
    return access.get_child_for_user(user, pk, RECORD)


def can_change(user, proceedings: CareProceedings) -> bool:
    """True if ``user`` may change ``proceedings``: a manager, or the IRO of one of its
    children."""
    return any(access.can(user, RECORD, c) for c in proceedings.children.all())


def get_proceedings_for_user(user, pk) -> CareProceedings:
    """The proceedings with ``pk`` if ``user`` may change them; 403 or 404 otherwise.

    The role is checked before the lookup, so a role that may never change proceedings gets
    403 whether or not ``pk`` exists.
    """
    access.require_role(user, RECORD)  # refuses read-only users too
    proceedings = get_object_or_404(CareProceedings.objects.prefetch_related("children"), pk=pk)
    if not can_change(user, proceedings):
        raise PermissionDenied
    return proceedings
