"""The plain records the demo generator produces and the loader writes (no Django).

Children are referred to by their local id and staff by username, so the records read like
the rows of an import.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class StaffRecord:
    username: str
    first_name: str
    last_name: str
    role: str  # accounts.Role value
    start: date
    active: bool
    end: date | None = None  # last day in the unit, for FTE and headcount on a date
    is_iro: bool = False
    is_cpa: bool = False
    fte: Decimal = Decimal("1.00")
    leads: tuple[str, ...] = ()
    team_links: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChildRecord:
    local_id: str
    first_name: str
    last_name: str
    dob: date
    sex: str
    ethnicity: str
    upn: str
    disabled: bool
    disability_detail: str
    uasc: bool
    uasc_ceased: date | None
    team: str
    social_worker: str


@dataclass(frozen=True)
class EpisodeRecord:
    """One SSDA903 episode (``dec``/``rec`` blank while open)."""

    child: str
    decom: date
    dec: date | None
    rne: str
    ls: str
    cin: str
    place: str
    place_provider: str
    rec: str
    reason_place_change: str


@dataclass(frozen=True)
class ReviewRecord:
    """A review held. Its place in the schedule and due date are for rules.schedule."""

    child: str
    held: date
    participation: str
    chair: str
    late_reason: str = ""
    late_reason_note: str = ""
    care_plan_received: date | None = None
    pre_meeting_report_received: date | None = None
    adjourned_on: date | None = None
    adjourned_reason: str = ""
    completed_date: date | None = None


@dataclass(frozen=True)
class AllocationRecord:
    child: str
    iro: str
    start: date
    end: date | None
    reason: str


@dataclass(frozen=True)
class NextReview:
    """The next review of a child in care at ``until``: when it is due and, once booked
    (about 8 weeks ahead), the date it is booked for."""

    child: str
    booked: date | None
    due: date


@dataclass(frozen=True)
class Demo:
    """Everything generated for one seed, up to ``until``."""

    seed: int
    until: date
    teams: tuple[str, ...]
    leads: tuple[tuple[str, str], ...]  # (code, name)
    staff: tuple[StaffRecord, ...]
    children: tuple[ChildRecord, ...]
    episodes: tuple[EpisodeRecord, ...]
    reviews: tuple[ReviewRecord, ...]
    allocations: tuple[AllocationRecord, ...]
    next_reviews: tuple[NextReview, ...]
