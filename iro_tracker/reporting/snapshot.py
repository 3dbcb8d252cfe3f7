"""Build the metrics ``Snapshot`` from the database, in a fixed number of queries.

One query per kind of row (children, episodes, held reviews, chairs, allocations, the
population), each a ``values_list``: no model object is created per row, so the cost grows
with the rows, never with round trips. Archived children (and their rows) are left out, as
on every other page.

The figures only the product records (child protection, quality assurance, issues
resolution, health, education, care proceedings, placement stability and short-break
limits) come from each feature's own hook, read once by ``feature_extras`` into
``Snapshot.extra``; ``feature_drilldowns`` gives the children behind their counts.

Children are identified by their ``local_id`` (903 CHILD) in the snapshot, as in a 903
file, so the same figures come from the database and from the files. ``child_pks`` maps
each back to the database id for the drill-down pages.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

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
from iro_tracker.rules.metrics.annual import merge_extras

# The children behind a count of a feature's section: (snapshot, year, key) -> local ids.
Drilldown = Callable[[Snapshot, int, str], list[str]]

# The most queries ``feature_extras`` makes, whatever the number of rows: child protection 2
# (conference rows, plans) and 5 a year (the chairs' caseloads on 31 March: chairs, their
# looked-after and child protection children, reviews and conferences chaired in the 12
# months before; ``caseloads.services.caseload_rows``), quality assurance 1 (3 once there
# are outcome records to prefetch answers and letters for), issues resolution 8, health 4,
# education 1, care proceedings 1, placement stability and short breaks 0 (worked out from
# the 903 episodes already in the snapshot). Pinned by a test.
EXTRA_QUERIES_FIXED = 19
EXTRA_QUERIES_PER_YEAR = 5


@dataclass(frozen=True, eq=False)
class DatabaseSnapshot(Snapshot):
    """A ``Snapshot`` read from the database, with each child's database id and the
    drill-downs of the sections filled from ``extra`` (by section key, see
    ``feature_drilldowns``)."""

    child_pks: Mapping[str, int] = field(default_factory=dict)
    drilldowns: Mapping[str, Drilldown] = field(default_factory=dict)


def feature_extras(years: Iterable[int]) -> dict[str, object]:
    """``Snapshot.extra`` for the report of ``years``: every feature's figures, merged.

    Each feature's hook reads its rows once, here (``EXTRA_QUERIES_FIXED`` queries, plus
    ``EXTRA_QUERIES_PER_YEAR`` for each of ``years``: only the chairs' caseloads are read
    year by year, on 31 March, so child protection's figures are given for ``years`` alone;
    every other section is a callable that serves any year). The hooks are imported here,
    not at the top of the module: the feature apps import ``reporting`` and ``rules``, so
    reporting must not import them when it is itself imported.

    ``service`` gathers every feature's service figures (today: conferences chaired and the
    caseloads, from child protection) and ``short_breaks`` the 17- and 75-day limits; both
    are merged into the sections ``annual_report`` computes, its own figures winning.
    """
    from iro_tracker.conferences.reporting import cp_extra
    from iro_tracker.court.reporting import court_extra
    from iro_tracker.disputes.reporting import disputes_extra
    from iro_tracker.education.reporting import education_extra
    from iro_tracker.health.reporting import health_extra
    from iro_tracker.outcomes.reporting import qa_extra
    from iro_tracker.stability.reporting import stability_extra

    return merge_extras(
        cp_extra(sorted(set(years))),
        qa_extra(),
        disputes_extra(),
        health_extra(),
        education_extra(),
        court_extra(),
        stability_extra(),
    )


# Counts of the child protection section whose children the metrics list under another name.
CP_DRILL_KEYS = {
    "initial_conferences.children": "children_at_conferences.initial",
    "review_conferences.children": "children_at_conferences.review",
}


def _child_protection(snapshot: Snapshot, year: int, key: str) -> list[str]:
    from iro_tracker.conferences.reporting import cp_records
    from iro_tracker.rules.metrics.cp import cp_drilldown

    path = key.removeprefix("child_protection.")
    return cp_drilldown(*cp_records(), year, CP_DRILL_KEYS.get(path, path))


def _feature(module: str, name: str) -> Drilldown:
    """The drill-down ``name`` of ``iro_tracker.<module>.reporting``, imported when called."""

    def children(snapshot: Snapshot, year: int, key: str) -> list[str]:
        found = getattr(import_module(f"iro_tracker.{module}.reporting"), name)
        return found(snapshot, year, key)

    return children


def feature_drilldowns() -> dict[str, Drilldown]:
    """The children behind the counts of each section filled from ``extra``, by section.

    Each takes ``(snapshot, year, key)``, ``key`` being the count's dotted path in the
    report (``"health.iha_due"``, ``"short_breaks.breaks"``), and returns local ids, sorted,
    each once; KeyError for a key that is not a count it knows. Each reads its feature's rows
    again (one to four queries, none for placement stability): a drill-down page shows one
    figure. Child protection lists the children at the conferences or on the plans counted
    (``rules.metrics.cp.cp_drilldown`` over ``conferences.reporting.cp_records``). Quality
    assurance and issues resolution have none: those features give figures only.
    """
    stability = _feature("stability", "stability_drilldown")
    return {
        "child_protection": _child_protection,
        "health": _feature("health", "health_drilldown"),
        "education": _feature("education", "education_drilldown"),
        "legal_proceedings": _feature("court", "court_drilldown"),
        "placement_stability": stability,
        "short_breaks": stability,
    }


def population_for(year: int | None, estimates: Mapping[int, int] | None = None) -> int | None:
    """The 0-17 population for reporting ``year``: its ``PopulationEstimate``, else the
    ``IRO_POPULATION_0_17`` setting, else None (the rate is then not computed).
    """
    if estimates is None:
        estimates = dict(PopulationEstimate.objects.values_list("year", "population_0_17"))
    if year is not None and year in estimates:
        return estimates[year]
    return settings.IRO_POPULATION_0_17


def build_snapshot(*, year: int | None = None, extras: bool = True) -> DatabaseSnapshot:
    """Every child, care episode, held review, chair and allocation, as a ``Snapshot``,
    with every feature's figures in ``extra`` (``feature_extras``).

    ``year`` chooses the population for the rate per 10,000 (see ``population_for``) and
    the years child protection's caseloads are read for: ``year`` and the year before (the
    report shows last year beside this year); without it, the current reporting year and the
    one before. The rows are the same whatever the year. Six queries, and with ``extras``
    (``False`` for callers that only need the 903 rows) at most ``EXTRA_QUERIES_FIXED`` + 2
    × ``EXTRA_QUERIES_PER_YEAR`` more: 35 in all at most, however many rows.
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
    if extras:
        last = year if year is not None else reporting_year_of(timezone.localdate())
        extra, drilldowns = feature_extras([last - 1, last]), feature_drilldowns()
    else:
        extra, drilldowns = {}, {}
    return DatabaseSnapshot(
        children=tuple(children),
        episodes=tuple(episodes),
        reviews=tuple(reviews),
        staff=tuple(staff),
        allocations=tuple(allocations),
        history_from=settings.IRO_HISTORY_COMPLETE_FROM,
        population_0_17=population_for(year),
        extra=extra,
        child_pks=child_pks,
        drilldowns=drilldowns,
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
