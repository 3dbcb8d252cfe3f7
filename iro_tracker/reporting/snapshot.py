"""Build the metrics ``Snapshot`` from the database, in a fixed number of queries.

One query per kind of row (children, episodes, held reviews, chairs, allocations, the
population), each a ``values_list``: no model object is created per row, so the cost grows
with the rows, never with round trips. Archived children (and their rows) are left out, as
on every other page.

Children are identified by their ``local_id`` (903 CHILD) in the snapshot, as in a 903
file, so the same figures come from the database and from the files. ``child_pks`` maps
each back to the database id for the drill-down pages.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Q

from iro_tracker.accounts.models import User
from iro_tracker.children.models import Allocation, CareEpisode, Child
from iro_tracker.reporting.models import PopulationEstimate
from iro_tracker.reviews.models import Review, Status
from iro_tracker.rules.metrics import (
    AllocationRecord,
    ChildRecord,
    EpisodeRecord,
    ReviewRecord,
    Snapshot,
    StaffRecord,
)


@dataclass(frozen=True, eq=False)
class DatabaseSnapshot(Snapshot):
    """A ``Snapshot`` read from the database, with each child's database id."""

    child_pks: Mapping[str, int] = field(default_factory=dict)


def population_for(year: int | None, estimates: Mapping[int, int] | None = None) -> int | None:
    """The 0-17 population for reporting ``year``: its ``PopulationEstimate``, else the
    ``IRO_POPULATION_0_17`` setting, else None (the rate is then not computed).
    """
    if estimates is None:
        estimates = dict(PopulationEstimate.objects.values_list("year", "population_0_17"))
    if year is not None and year in estimates:
        return estimates[year]
    return settings.IRO_POPULATION_0_17


def build_snapshot(*, year: int | None = None) -> DatabaseSnapshot:
    """Every child, care episode, held review, chair and allocation, as a ``Snapshot``.

    ``year`` chooses the population for the rate per 10,000 (see ``population_for``); the
    rows are the same whatever the year. Six queries.
    """
    children, child_pks = [], {}
    for pk, local_id, dob, sex, ethnicity, disabled, uasc, uasc_ceased in (
        Child.objects.filter(archived=False)
        .order_by("pk")
        .values_list(
            "pk", "local_id", "date_of_birth", "sex", "ethnicity", "disabled", "uasc", "uasc_ceased"
        )
    ):
        child_pks[local_id] = pk
        children.append(
            ChildRecord(local_id, dob, sex, ethnicity, bool(disabled), bool(uasc), uasc_ceased)
        )

    episodes = [
        EpisodeRecord(*row)
        for row in CareEpisode.objects.filter(child__archived=False)
        .order_by("child_id", "decom")
        .values_list(
            "child__local_id", "decom", "dec", "rne", "ls", "place", "rec", "cin", "place_provider"
        )
    ]
    # Held reviews only: a pending, adjourned or cancelled review has not happened (an
    # adjourned review counts once it is completed and marked held).
    reviews = [
        ReviewRecord(local_id, held, participation, late_reason, _id(chair))
        for local_id, held, participation, late_reason, chair in Review.objects.filter(
            status=Status.HELD, held_date__isnull=False, child__archived=False
        )
        .order_by("child_id", "held_date")
        .values_list("child__local_id", "held_date", "participation", "late_reason", "chair_id")
    ]
    # Everyone who chairs: the metrics count IROs, and CPAs too once conferences are
    # recorded. An account switched off with no leaving date cannot be placed in time, so
    # it is left out rather than counted as in post for ever.
    chairs = (
        User.objects.filter(Q(is_iro=True) | Q(is_cpa=True))
        .filter(Q(is_active=True) | Q(left_on__isnull=False))
        .order_by("pk")
        .values_list(
            "pk",
            "username",
            "first_name",
            "last_name",
            "fte",
            "is_iro",
            "is_cpa",
            "started_on",
            "left_on",
        )  # fmt: skip
    )
    staff = [
        StaffRecord(
            str(pk),
            f"{first} {last}".strip() or username,
            float(fte),
            bool(is_iro),
            bool(is_cpa),
            started_on,
            left_on,
        )
        for pk, username, first, last, fte, is_iro, is_cpa, started_on, left_on in chairs
    ]
    allocations = [
        AllocationRecord(local_id, str(iro), start, end)
        for local_id, iro, start, end in Allocation.objects.filter(child__archived=False)
        .order_by("child_id", "start_date")
        .values_list("child__local_id", "iro_id", "start_date", "end_date")
    ]
    return DatabaseSnapshot(
        children=tuple(children),
        episodes=tuple(episodes),
        reviews=tuple(reviews),
        staff=tuple(staff),
        allocations=tuple(allocations),
        history_from=settings.IRO_HISTORY_COMPLETE_FROM,
        population_0_17=population_for(year),
        child_pks=child_pks,
    )


def with_population(snapshot: Snapshot, population_0_17: int | None) -> Snapshot:
    """``snapshot`` with another 0-17 population, for last year's rate beside this year's.

    A shallow copy, on purpose: it shares the per-child periods and review schedules the
    snapshot has already worked out (none depends on the population), where
    ``dataclasses.replace`` would rebuild them all for one division.
    """
    if population_0_17 == snapshot.population_0_17:
        return snapshot
    other = copy.copy(snapshot)
    object.__setattr__(other, "population_0_17", population_0_17)
    return other


def _id(value: int | None) -> str | None:
    return None if value is None else str(value)


def first_year_with_data() -> int | None:
    """The earliest reporting year with a care episode (for the year chooser)."""
    first = (
        CareEpisode.objects.filter(child__archived=False)
        .order_by("decom")
        .values_list("decom", flat=True)
        .first()
    )
    if first is None:
        return None
    return reporting_year_of(first)


def reporting_year_of(day: date) -> int:
    """The reporting year (1 April to 31 March) that ``day`` falls in."""
    return day.year if day.month >= 4 else day.year - 1
