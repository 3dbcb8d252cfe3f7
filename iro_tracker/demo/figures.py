"""The seed report's figures for one April-to-March year, from plain rows (no Django).

``compute_figures`` takes a ``Snapshot`` (children, episodes, reviews with their kind and
due date, allocations, staff) and counts with the rules package: periods of care and who was
looked after on a date come from ``rules.periods``. The demo command builds the snapshot from
the database, so the figures it prints prove the load; the calibration tests build it from
the generator's records with ``snapshot_from_demo``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from iro_tracker.rules import codes
from iro_tracker.rules.calendar import add_working_days
from iro_tracker.rules.periods import EpisodeRow, looked_after_on, periods_of_care
from iro_tracker.rules.schedule import LOOKED_AFTER, HeldReview, schedule_reviews

PLACEMENT_GROUPS = (  # report §8.1
    ("Foster placement", codes.FOSTER_PLACEMENTS),
    ("Homes and hostels", {"H5", "K3", "P2"}),
    ("Residential accommodation", {"K1", "K2", "R1", "R3", "R5"}),
    ("Placed with parents", {"P1"}),
    ("Placed for adoption", {"A3", "A4", "A5", "A6"}),
    ("Temporary move (respite)", codes.TEMPORARY_PLACEMENTS),
    ("Residential school", {"S1"}),
    ("NHS / Health", {"R2"}),
)


@dataclass(frozen=True)
class ChildRow:
    key: str
    dob: date
    sex: str
    ethnicity: str
    disabled: bool
    uasc: bool
    uasc_ceased: date | None


@dataclass(frozen=True)
class ReviewRow:
    child: str
    held: date
    kind: str  # rules.schedule LOOKED_AFTER / SHORT_BREAKS (reviews.Kind values match)
    due: date | None
    late_reason: str
    participation: str


@dataclass(frozen=True)
class AllocationRow:
    child: str
    iro: str
    start: date
    end: date | None


@dataclass
class Snapshot:
    children: list[ChildRow]
    episodes: dict[str, list[EpisodeRow]]
    reviews: list[ReviewRow]
    allocations: list[AllocationRow]
    fte: dict[str, Decimal]  # IROs (is_iro) by username


@dataclass
class Figures:
    """The report's figures for one year (percentages rounded to one decimal place)."""

    year_start: date
    year_end: date
    looked_after_during: int = 0
    looked_after_at_start: int = 0
    looked_after_at_end: int = 0
    started: int = 0
    iro_headcount: int = 0
    iro_fte: Decimal = Decimal(0)
    lac_per_fte: float = 0.0
    placements: dict[str, int] = field(default_factory=dict)
    legal_status: dict[str, int] = field(default_factory=dict)
    foster_pct: float = 0.0
    reviews_held: int = 0
    on_time_pct: float = 0.0
    late: int = 0
    late_by_reason: dict[str, int] = field(default_factory=dict)
    participation_pct: float = 0.0
    bme_pct: float = 0.0
    disabled_pct: float = 0.0
    boys_pct: float = 0.0
    aged_11_plus_pct: float = 0.0
    uasc_at_end: int = 0
    leavers_at_18: int = 0
    formal_at_18_pct: float = 0.0
    staying_put_pct: float = 0.0
    allocated_in_5_days_pct: float = 0.0

    @property
    def net_change(self) -> int:
        return self.looked_after_at_end - self.looked_after_at_start


def pct(part: float, whole: float) -> float:
    """``part`` as a percentage of ``whole`` to one decimal place (0 when nothing)."""
    return round(100.0 * part / whole, 1) if whole else 0.0


def _episode_on(episodes: list[EpisodeRow], day: date) -> EpisodeRow | None:
    for e in episodes:
        if (
            e.ls not in codes.SHORT_BREAK_LEGAL_STATUSES
            and e.decom <= day
            and (e.dec is None or e.dec > day)
        ):
            return e
    return None


def compute_figures(snap: Snapshot, year_start: date, year_end: date) -> Figures:
    """The report's figures for the year ``year_start``-``year_end`` (both included)."""
    f = Figures(year_start, year_end)
    children = {c.key: c for c in snap.children}
    at_end: list[tuple[ChildRow, EpisodeRow]] = []
    for key, episodes in snap.episodes.items():
        periods = periods_of_care(episodes)
        during = [
            p for p in periods if p.start <= year_end and (p.end is None or p.end > year_start)
        ]
        if during:
            f.looked_after_during += 1
        f.looked_after_at_start += looked_after_on(episodes, year_start)
        f.started += any(year_start <= p.start <= year_end for p in periods)
        current = _episode_on(episodes, year_end)
        if current is not None:
            at_end.append((children[key], current))
        for p in periods:
            if p.end is not None and year_start <= p.end <= year_end:
                child = children[key]
                if p.end >= _eighteenth(child.dob):
                    f.leavers_at_18 += 1
                    rec = p.episodes[-1].rec
                    f.formal_at_18_pct += rec in codes.CEASED_18_FORMAL
                    f.staying_put_pct += rec == "E17"
    f.formal_at_18_pct = pct(f.formal_at_18_pct, f.leavers_at_18)
    f.staying_put_pct = pct(f.staying_put_pct, f.leavers_at_18)
    f.looked_after_at_end = n = len(at_end)
    groups = Counter()
    for _, episode in at_end:
        groups[next((g for g, places in PLACEMENT_GROUPS if episode.place in places), "Other")] += 1
    f.placements = {g: groups[g] for g, _ in PLACEMENT_GROUPS if groups[g]}
    f.legal_status = dict(Counter(e.ls for _, e in at_end).most_common())
    f.foster_pct = pct(groups["Foster placement"], n)
    known = [c for c, _ in at_end if c.ethnicity and c.ethnicity not in codes.ETHNICITY_NOT_KNOWN]
    f.bme_pct = pct(sum(c.ethnicity not in codes.NOT_BME for c in known), len(known))
    f.disabled_pct = pct(sum(c.disabled for c, _ in at_end), n)
    f.boys_pct = pct(sum(c.sex == "M" for c, _ in at_end), n)
    f.aged_11_plus_pct = pct(sum(_age(c.dob, year_end) >= 11 for c, _ in at_end), n)
    f.uasc_at_end = sum(
        c.uasc and (c.uasc_ceased is None or year_end <= c.uasc_ceased) for c, _ in at_end
    )
    _staffing(f, snap, {c.key for c, _ in at_end})
    _reviews(f, snap)
    _allocation_speed(f, snap)
    return f


def _age(dob: date, day: date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def _eighteenth(dob: date) -> date:
    try:
        return dob.replace(year=dob.year + 18)
    except ValueError:
        return date(dob.year + 18, 3, 1)


def _staffing(f: Figures, snap: Snapshot, in_care: set[str]) -> None:
    day = f.year_end
    current = [
        a
        for a in snap.allocations
        if a.iro in snap.fte and a.start <= day and (a.end is None or a.end >= day)
    ]
    iros = {a.iro for a in current}
    f.iro_headcount = len(iros)
    f.iro_fte = sum((snap.fte[i] for i in iros), Decimal(0))
    allocated = {a.child for a in current} & in_care
    # Looked-after children per FTE only (RULES.md, caseloads); the report's "combined
    # caseloads averaged 101" also counts the chairs' child protection children.
    f.lac_per_fte = round(len(allocated) / float(f.iro_fte), 1) if f.iro_fte else 0.0


def _reviews(f: Figures, snap: Snapshot) -> None:
    year = [
        r for r in snap.reviews if r.kind == LOOKED_AFTER and f.year_start <= r.held <= f.year_end
    ]
    f.reviews_held = len(year)
    late = [r for r in year if r.due is not None and r.held > r.due]
    f.late = len(late)
    f.on_time_pct = pct(f.reviews_held - f.late, f.reviews_held)
    f.late_by_reason = dict(Counter(r.late_reason or "(none)" for r in late).most_common())
    eligible = [r for r in year if r.participation in codes.PARTICIPATION_ELIGIBLE]
    f.participation_pct = pct(
        sum(r.participation in codes.PARTICIPATED for r in eligible), len(eligible)
    )


def _allocation_speed(f: Figures, snap: Snapshot) -> None:
    """Share of periods starting in the year whose IRO was appointed within 5 working days."""
    by_child: dict[str, list[AllocationRow]] = {}
    for a in snap.allocations:
        by_child.setdefault(a.child, []).append(a)
    starts = quick = 0
    for key, episodes in snap.episodes.items():
        for p in periods_of_care(episodes):
            if f.year_start <= p.start <= f.year_end:
                starts += 1
                limit = add_working_days(p.start, 5)
                quick += any(p.start <= a.start <= limit for a in by_child.get(key, ()))
    f.allocated_in_5_days_pct = pct(quick, starts)


def snapshot_from_demo(demo) -> Snapshot:
    """A snapshot of the generator's records, each review placed by ``rules.schedule``."""
    episodes: dict[str, list[EpisodeRow]] = {}
    for e in demo.episodes:
        episodes.setdefault(e.child, []).append(
            EpisodeRow(e.decom, e.dec, e.rne, e.ls, e.place, e.rec)
        )
    held: dict[str, list] = {}
    for r in demo.reviews:
        held.setdefault(r.child, []).append(r)
    reviews = []
    for key, rows in held.items():
        schedule = schedule_reviews(
            episodes.get(key, []), [HeldReview(i, r.held) for i, r in enumerate(rows)]
        )
        for place in schedule.reviews:
            r = rows[place.key]
            due = place.due.date if place.due else None
            reviews.append(ReviewRow(key, r.held, place.kind, due, r.late_reason, r.participation))
    return Snapshot(
        children=[
            ChildRow(c.local_id, c.dob, c.sex, c.ethnicity, c.disabled, c.uasc, c.uasc_ceased)
            for c in demo.children
        ],
        episodes=episodes,
        reviews=reviews,
        allocations=[AllocationRow(a.child, a.iro, a.start, a.end) for a in demo.allocations],
        fte={s.username: s.fte for s in demo.staff if s.is_iro},
    )
