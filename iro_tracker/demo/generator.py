"""A synthetic, deterministic local authority calibrated to the seed report (no Django).

``generate(seed, until)`` runs the simulation (``simulation.py``) up to ``until`` and returns
plain records: staff, teams, children, their SSDA903 episodes, reviews held, IRO allocations
and the next review booked for each child in care. Children are kept if they were in care on
or after 1 April 2012, with their whole history. Events after ``until`` are not emitted and
open episodes stay open, so 2018-19 is the same whatever ``until`` is after it.

The calibration year is 2018-19: about 784 children looked after during the year and 610 at
31 March 2019, 13 chairs with 12.3 FTE, about 50 looked-after children per FTE. The report's
"combined caseloads averaged 101" (§4.1) adds the chairs' child protection work, which a later
feature brings in; these demo caseloads are looked-after children only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from iro_tracker.demo.population import Child
from iro_tracker.demo.records import (
    AllocationRecord,
    ChildRecord,
    Demo,
    EpisodeRecord,
    NextReview,
    ReviewRecord,
    StaffRecord,
)
from iro_tracker.demo.sampling import age_on, birthday
from iro_tracker.demo.simulation import Simulation
from iro_tracker.demo.staffing import LEADS, TEAMS

DEFAULT_SEED = 2019
HISTORY_FROM = date(2012, 4, 1)
# The seed report's reporting year, 2018-19 (1 April 2018 to 31 March 2019, as
# ``rules.metrics.ReportingYear``): the year the authority is calibrated to.
CALIBRATION_YEAR = 2018
SHORT_BREAK_PLACE = "K2"  # a residential short-break unit
# The demo's 0-17 population: about 107,000 in 2018, growing slowly, so that the rate per
# 10,000 children is the seed report's 57 (610 children at 31 March 2019).
POPULATION_2018 = 107_000
POPULATION_GROWTH_PER_YEAR = 500


def london_today() -> date:
    """Today in England, where the authority is."""
    return datetime.now(tz=ZoneInfo("Europe/London")).date()


def population_0_17(year: int) -> int:
    """The authority's 0-17 population estimate for reporting ``year`` (invented)."""
    return POPULATION_2018 + (year - 2018) * POPULATION_GROWTH_PER_YEAR


def generate(
    seed: int = DEFAULT_SEED,
    until: date | None = None,
    progress: Callable[[date], None] | None = None,
) -> Demo:
    """Simulate the authority from 1988 to ``until`` (default today) and return its records.

    The same seed always gives the same records; ``progress`` is called with the first of
    each simulated month.
    """
    until = until or london_today()
    if until < HISTORY_FROM:
        raise ValueError(f"until must be on or after {HISTORY_FROM.isoformat()}")
    sim = Simulation(seed)
    sim.run(until, progress)
    return _emit(sim, seed, until)


def _emit(sim: Simulation, seed: int, until: date) -> Demo:
    staff, usernames = _staff(sim, until)
    children, episodes, reviews, allocations, booked = [], [], [], [], []
    for child in sim.children:
        if not _kept(child):
            continue
        children.append(_child(child, until))
        episodes += _episodes(child, until)
        reviews += [_review(child, r, usernames, until) for r in child.reviews]
        allocations += _allocations(child, usernames, until)
        if _has_next_review(child, until):
            held = child.planned.held if child.planned else None
            booked.append(NextReview(child.local_id, held, child.due))
    return Demo(
        seed=seed,
        until=until,
        teams=TEAMS,
        leads=tuple(LEADS.items()),
        staff=tuple(staff),
        children=tuple(children),
        episodes=tuple(episodes),
        reviews=tuple(reviews),
        allocations=tuple(allocations),
        next_reviews=tuple(booked),
    )


def _staff(sim: Simulation, until: date) -> tuple[list[StaffRecord], dict[int, str]]:
    chairs = [c for c in sim.chairs if c.start <= until]
    current = [c for c in chairs if c.end is None or c.end >= until]
    former = [c for c in chairs if c not in current]
    usernames = {c.number: f"iro{i:02d}" for i, c in enumerate(current, start=1)}
    usernames |= {c.number: f"former-iro{i:02d}" for i, c in enumerate(former, start=1)}
    records = [
        StaffRecord(
            login.username,
            login.first_name,
            login.last_name,
            login.role,
            start=date(2010, 9, 1),
            active=True,
        )
        for login in sim.other_logins
    ]
    for chair in chairs:
        active = chair in current
        records.append(
            StaffRecord(
                username=usernames[chair.number],
                first_name=chair.first_name,
                last_name=chair.last_name,
                role="chair",
                start=chair.start,
                active=active,
                end=None if active else chair.end,
                is_iro=True,
                is_cpa=chair.is_cpa,
                fte=chair.fte,
                leads=tuple(sorted(chair.leads_on(until))) if active else (),
                team_links=chair.team_links if active else (),
            )
        )
    return records, usernames


def _kept(child: Child) -> bool:
    if child.short_breaks:
        return child.series_lapses >= HISTORY_FROM
    return any(p.end >= HISTORY_FROM for p in child.periods)


def _child(child: Child, until: date) -> ChildRecord:
    eighteen = birthday(child.dob, 18)
    return ChildRecord(
        local_id=child.local_id,
        first_name=child.first_name,
        last_name=child.last_name,
        dob=child.dob,
        sex=child.sex,
        ethnicity=child.ethnicity,
        # Children under 5 have no UPN yet (903 code UN1).
        upn=child.upn if age_on(child.dob, min(until, _last_day(child))) >= 5 else "UN1",
        disabled=child.disabled,
        disability_detail=child.disability_detail,
        uasc=child.uasc,
        uasc_ceased=eighteen if child.uasc and eighteen <= until else None,
        team=_team(child, until),
        social_worker=child.social_worker,
    )


def _last_day(child: Child) -> date:
    if child.short_breaks:
        return child.breaks[-1][1]
    return child.period.end


def _team(child: Child, until: date) -> str:
    if child.short_breaks or child.disabled:
        return "Children with Disabilities"
    if child.uasc:
        return "Unaccompanied Young People"
    period = child.period
    last = min(until, period.end)
    if age_on(child.dob, last) >= 16:
        return "Through Care"
    if period.route == "adoption":
        return "Adoption and Permanence"
    if period.route in ("home", "sgo") or (last - period.start).days < 365:
        return f"Locality {child.area}"
    return (
        "Looked After Children North" if child.area == "North" else ("Looked After Children South")
    )


def _episodes(child: Child, until: date) -> list[EpisodeRecord]:
    rows = []
    if child.short_breaks:
        for start, end in child.breaks:
            if start <= until:
                done = end <= until
                rows.append(
                    EpisodeRecord(
                        child.local_id,
                        start,
                        end if done else None,
                        "S",
                        "V3",
                        "N2",
                        SHORT_BREAK_PLACE,
                        "PR1",
                        "E4A" if done else "",
                        "",
                    )
                )
        return rows
    for period in child.periods:
        for decom, dec, rne, ls, place, provider, rec, reason in period.episodes():
            if decom > until:
                break
            done = dec <= until
            rows.append(
                EpisodeRecord(
                    child.local_id,
                    decom,
                    dec if done else None,
                    rne,
                    ls,
                    period.cin,
                    place,
                    provider,
                    rec if done else "",
                    reason if done else "",
                )
            )
    return rows


def _review(child: Child, record: ReviewRecord, usernames, until: date) -> ReviewRecord:
    record = replace(record, child=child.local_id, chair=usernames[record.chair.number])
    if record.completed_date is not None and record.completed_date > until:
        # Still adjourned at ``until``: shown as held on the day it first sat.
        record = replace(record, adjourned_on=None, adjourned_reason="", completed_date=None)
    return record


def _allocations(child: Child, usernames, until: date) -> list[AllocationRecord]:
    rows = []
    for i, (chair, start, end, reason) in enumerate(child.allocations):
        following = child.allocations[i + 1] if i + 1 < len(child.allocations) else None
        if start > until:
            if following is not None or not _current(child, until):
                continue
            start = until  # appointed within 5 working days; recorded today at the latest
        if end is not None and (end > until or end == until and following and following[1] > until):
            end = None
        rows.append(AllocationRecord(child.local_id, usernames[chair.number], start, end, reason))
    return rows


def _current(child: Child, until: date) -> bool:
    """In care at the end of ``until`` (or in a short-break series still under review)."""
    if child.short_breaks:
        return until <= child.series_lapses
    return child.in_care


def _has_next_review(child: Child, until: date) -> bool:
    if child.short_breaks:
        return until < child.breaks_end
    return child.in_care
