"""Read side: where a child's PEPs stand, computed by ``rules.education``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from iro_tracker.children.models import Child
from iro_tracker.education.models import EducationContact, PersonalEducationPlan
from iro_tracker.rules.education import Pep, PepStatus, pep_status


@dataclass
class ChildEducation:
    status: PepStatus
    peps: list[PersonalEducationPlan]  # newest first
    contacts: list[EducationContact]  # newest first

    @property
    def overdue(self) -> tuple[str, ...]:
        return self.status.overdue


def child_education(child: Child, today: date, *, episodes=None) -> ChildEducation:
    """The child's PEPs and contacts on ``today`` (3 queries, 2 with ``episodes`` given)."""
    episodes = list(episodes if episodes is not None else child.episodes.order_by("decom"))
    peps = list(child.peps.select_related("judged_by").order_by("-held_on"))
    status = pep_status(
        child.date_of_birth, episodes, [Pep(p.held_on, p.quality, key=p) for p in peps], today
    )
    contacts = list(child.education_contacts.order_by("-contact_on", "-pk")[:5])
    return ChildEducation(status, peps, contacts)
