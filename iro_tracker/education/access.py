"""Who may judge a child's PEP: the role first, then the plan, then the child's access."""

from django.shortcuts import get_object_or_404

from iro_tracker.accounts import access
from iro_tracker.education.models import PersonalEducationPlan


def get_pep_for_user(user, pk, action: str) -> PersonalEducationPlan:
    """The PEP with ``pk`` if ``user`` may do ``action`` to its child; 404 or 403 otherwise.

    A role that may never do ``action`` gets 403 whether or not ``pk`` exists.
    """
    access.require_role(user, action)
    plan = get_object_or_404(
        PersonalEducationPlan.objects.select_related("child__team"),
        pk=pk,
        child__archived=False,
    )
    access.require(user, action, plan.child)
    return plan
