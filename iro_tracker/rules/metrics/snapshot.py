"""The plain input to every annual-report metric, and the small vocabulary the metrics share.

A ``Snapshot`` holds one authority's data as frozen dataclasses: it can be built from the
database (``reporting``), straight from 903 files, or by hand in a test. It groups the rows
by child once, when first asked, so that no metric scans the whole data set per child.

Reporting year Y runs from 1 April Y to 31 March Y+1 (issue 4).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import Any

from iro_tracker.rules.calendar import days_in_month
from iro_tracker.rules.periods import Period, is_short_break, periods_of_care
from iro_tracker.rules.schedule import HeldReview, Schedule, schedule_reviews
from iro_tracker.rules.settings import DEFAULT, RuleSettings

# --- the input rows ----------------------------------------------------------------------


@dataclass(frozen=True)
class ChildRecord:
    """One child. ``sex`` is already normalised to ``"M"``, ``"F"`` or ``"U"``."""

    child_id: str
    dob: date
    sex: str
    ethnicity: str
    disabled: bool = False
    uasc: bool = False
    uasc_ceased: date | None = None  # 903 DUC

    def age_on(self, d: date) -> int:
        """Whole years completed on ``d``.

        A 29 February birthday falls on 1 March in other years (the UK convention, as
        ``timescales.fifth_birthday``): the tuple comparison gives exactly that.
        """
        return d.year - self.dob.year - ((d.month, d.day) < (self.dob.month, self.dob.day))

    def is_uasc_on(self, d: date) -> bool:
        """UASC on ``d``: flagged and ``d`` not after DUC (as ``Child.is_uasc_on``)."""
        return self.uasc and (self.uasc_ceased is None or d <= self.uasc_ceased)


@dataclass(frozen=True)
class EpisodeRecord:
    """One 903 episode (compatible with ``periods.EpisodeLike``)."""

    child_id: str
    decom: date
    dec: date | None
    rne: str
    ls: str
    place: str
    rec: str
    cin: str = ""
    place_provider: str = ""


@dataclass(frozen=True)
class ReviewRecord:
    """One held review: 903 REVIEW and REVIEW_CODE, plus what the product records."""

    child_id: str
    held: date
    participation: str
    late_reason: str = ""
    chair_id: str | None = None


@dataclass(frozen=True)
class StaffRecord:
    """A member of the unit. ``active_from``/``active_to`` are inclusive; None is open."""

    staff_id: str
    name: str
    fte: float
    is_iro: bool
    is_cpa: bool
    active_from: date | None = None
    active_to: date | None = None

    def active_on(self, d: date) -> bool:
        return (self.active_from is None or self.active_from <= d) and (
            self.active_to is None or d <= self.active_to
        )


@dataclass(frozen=True)
class AllocationRecord:
    """A child's allocation to an IRO. ``end`` is the last day (inclusive); None is open."""

    child_id: str
    staff_id: str
    start: date
    end: date | None = None

    def active_on(self, d: date) -> bool:
        return self.start <= d and (self.end is None or d <= self.end)


def _by_child(rows: Iterable[Any], key: Callable[[Any], Any]) -> dict[str, tuple]:
    grouped: dict[str, list] = defaultdict(list)
    for row in rows:
        grouped[row.child_id].append(row)
    return {child_id: tuple(sorted(items, key=key)) for child_id, items in grouped.items()}


def _episode_order(e: EpisodeRecord) -> tuple[date, date]:
    # As periods._sorted: a zero-length episode sorts before a later one starting that day.
    return (e.decom, e.dec or date.max)


def _review_order(r: ReviewRecord) -> tuple[date, bool, bool]:
    # Decision (issue 4 says only "one per child per date"): of two records on one date the
    # one with a participation code, then the one with a late reason, is kept. schedule
    # keeps the first record of a date, and Python's sort is stable, so this order decides.
    return (r.held, not r.participation, not r.late_reason)


@dataclass(frozen=True, eq=False)
class Snapshot:
    """Everything the annual report is computed from.

    ``history_from`` is the date from which the review history is complete (1 April of the
    earliest collection year imported, or the product's setting); ``population_0_17`` is
    the authority's 0-17 population for the rate per 10,000. ``extra`` carries figures only
    the product records, by report key: the sections of ``annual.EXTRA_SECTIONS``
    (``"child_protection"``, ``"quality_assurance"``, ``"health"``, ``"education"``,
    ``"legal_proceedings"``, ``"placement_stability"``, ``"issues_resolution"``), and
    ``"service"`` and ``"short_breaks"``, which are merged into sections computed here. Each
    value is either a mapping from the reporting year (int) to that year's figures or a
    callable ``(snapshot, year) -> figures``.
    Every episode, review and allocation must name a child in ``children``.
    """

    children: tuple[ChildRecord, ...]
    episodes: tuple[EpisodeRecord, ...]
    reviews: tuple[ReviewRecord, ...]
    staff: tuple[StaffRecord, ...] = ()
    allocations: tuple[AllocationRecord, ...] = ()
    history_from: date | None = None
    population_0_17: int | None = None
    settings: RuleSettings = DEFAULT
    extra: Mapping[str, Any] = field(default_factory=dict)
    # Per-child results computed on first use (the rows never change after construction).
    _periods: dict[str, list[Period]] = field(init=False, repr=False, default_factory=dict)
    _schedules: dict[str, Schedule] = field(init=False, repr=False, default_factory=dict)
    _in_care: dict[int, list[str]] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("children", "episodes", "reviews", "staff", "allocations"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        known = self.children_by_id
        if len(known) != len(self.children):
            raise ValueError("Snapshot: two children share a child_id")
        for name in ("episodes", "reviews", "allocations"):
            missing = sorted({r.child_id for r in getattr(self, name)} - known.keys())
            if missing:
                raise ValueError(f"Snapshot: {name} name unknown children {missing[:5]}")

    # --- groupings, built once -------------------------------------------------------

    @cached_property
    def children_by_id(self) -> dict[str, ChildRecord]:
        return {c.child_id: c for c in self.children}

    @cached_property
    def episodes_by_child(self) -> dict[str, tuple[EpisodeRecord, ...]]:
        """Every episode of each child, oldest first."""
        return _by_child(self.episodes, _episode_order)

    @cached_property
    def care_episodes_by_child(self) -> dict[str, tuple[EpisodeRecord, ...]]:
        """Episodes that can make a child looked after (short breaks V3/V4 left out)."""
        return _kept(self.episodes_by_child, lambda e: not is_short_break(e))

    @cached_property
    def short_break_episodes_by_child(self) -> dict[str, tuple[EpisodeRecord, ...]]:
        return _kept(self.episodes_by_child, is_short_break)

    @cached_property
    def reviews_by_child(self) -> dict[str, tuple[ReviewRecord, ...]]:
        """Each child's review records by date (the record kept on a shared date first)."""
        return _by_child(self.reviews, _review_order)

    @cached_property
    def allocations_by_child(self) -> dict[str, tuple[AllocationRecord, ...]]:
        return _by_child(self.allocations, lambda a: a.start)

    @cached_property
    def _review_dates(self) -> dict[str, list[date]]:
        return {cid: [r.held for r in rows] for cid, rows in self.reviews_by_child.items()}

    def periods(self, child_id: str) -> list[Period]:
        """The child's periods of care (``periods.periods_of_care``), computed once."""
        found = self._periods.get(child_id)
        if found is None:
            found = periods_of_care(self.care_episodes_by_child.get(child_id, ()))
            self._periods[child_id] = found
        return found

    def schedule(self, child_id: str) -> Schedule:
        """The child's held reviews placed by ``schedule.schedule_reviews``, computed once.

        Each ``PlacedReview.key`` is the index of its record in ``reviews_by_child``.
        """
        found = self._schedules.get(child_id)
        if found is None:
            rows = self.reviews_by_child.get(child_id, ())
            found = schedule_reviews(
                self.episodes_by_child.get(child_id, ()),
                [HeldReview(i, r.held) for i, r in enumerate(rows)],
                history_from=self.history_from,
                settings=self.settings,
            )
            self._schedules[child_id] = found
        return found

    def has_review_between(self, child_id: str, start: date, end: date) -> bool:
        """True if the child has a review record held from ``start`` to ``end`` inclusive."""
        dates = self._review_dates.get(child_id)
        return bool(dates) and bisect_right(dates, end) > bisect_left(dates, start)

    def in_care_during(self, ry: ReportingYear) -> list[str]:
        """Children with a care episode touching the year (issue 4's ``during_year`` test).

        Everyone looked after on 31 March Y, on a month end or at year end, and everyone
        whose period of care starts or ends in the year, is among them.
        """
        found = self._in_care.get(ry.year)
        if found is None:
            found = [
                cid
                for cid, episodes in self.care_episodes_by_child.items()
                if any(e.decom <= ry.end and (e.dec is None or e.dec >= ry.start) for e in episodes)
            ]
            self._in_care[ry.year] = found
        return found

    def extra_for(self, key: str, year: int) -> Any:
        """``extra[key]`` for reporting ``year``: None when the product recorded nothing."""
        value = self.extra.get(key)
        if value is None:
            return None
        if callable(value):
            return value(self, year)
        if not all(isinstance(k, int) for k in value):
            # A flat dict of figures would silently be None for every year: say so instead.
            raise TypeError(f"extra[{key!r}] must map reporting years (int) to figures")
        return value.get(year)


def _kept(grouped: dict[str, tuple], keep: Callable[[Any], bool]) -> dict[str, tuple]:
    result = {}
    for child_id, rows in grouped.items():
        kept = tuple(r for r in rows if keep(r))
        if kept:
            result[child_id] = kept
    return result


# --- the reporting year ------------------------------------------------------------------


@dataclass(frozen=True)
class ReportingYear:
    """Reporting year Y: 1 April Y to 31 March Y+1, both included."""

    year: int

    @property
    def start(self) -> date:
        return date(self.year, 4, 1)

    @property
    def end(self) -> date:
        return date(self.year + 1, 3, 31)

    @property
    def previous_end(self) -> date:
        """31 March Y, the end of the year before (for ``net_change``)."""
        return self.start - timedelta(days=1)

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end

    def month_ends(self) -> list[date]:
        """The last day of each month, April Y to March Y+1."""
        result = []
        for i in range(12):
            year, month = (self.year, 4 + i) if i < 9 else (self.year + 1, i - 8)
            result.append(date(year, month, days_in_month(year, month)))
        return result


# --- counting with the children behind each count ----------------------------------------


class Tally:
    """Counts that remember who is behind them, so every figure can link to its children.

    ``members[path]`` lists one child id per counted item (a child appears twice in a
    review-level count if two of their reviews count). A figure is ``len`` of its list, so
    a figure and its drill-down can never disagree.
    """

    def __init__(self) -> None:
        self.members: dict[str, list[str]] = {}

    def declare(self, *paths: str) -> None:
        """Make ``paths`` known even if nothing is counted in them (they stay at 0)."""
        for path in paths:
            self.members.setdefault(path, [])

    def add(self, path: str, child_id: str) -> None:
        self.members.setdefault(path, []).append(child_id)

    def count(self, path: str) -> int:
        return len(self.members.get(path, ()))

    def by_code(self, prefix: str, order: Iterable[str]) -> dict[str, int]:
        """Counts of the codes under ``prefix`` that occur: known codes in ``order``, then
        any others alphabetically (a code that does not occur is 0 and left out).
        """
        rank = {code: i for i, code in enumerate(order)}
        found = [
            path[len(prefix) :]
            for path, ids in self.members.items()
            if path.startswith(prefix) and ids
        ]
        found.sort(key=lambda code: (rank.get(code, len(rank)), code))
        return {code: self.count(prefix + code) for code in found}

    def update(self, other: Tally) -> None:
        for path, ids in other.members.items():
            self.members.setdefault(path, []).extend(ids)


# --- rounding ----------------------------------------------------------------------------

_TENTH = Decimal("0.1")
_ONE = Decimal("1")


def percent(numerator: int, denominator: int) -> float | None:
    """``numerator`` as a percentage of ``denominator`` to 1 dp, None if the denominator is 0.

    Rounds half up (6.25 -> 6.3), as people round by hand, not half to even as ``round``
    does; Decimal keeps 6.25 exact where a float would not.
    """
    if not denominator:
        return None
    value = Decimal(numerator) * 100 / Decimal(denominator)
    return float(value.quantize(_TENTH, rounding=ROUND_HALF_UP))


def ratio(numerator: Decimal | int, denominator: Decimal | int, places: int = 1) -> float | None:
    """``numerator / denominator`` rounded half up to ``places`` dp, None if it is 0."""
    if not denominator:
        return None
    value = Decimal(numerator) / Decimal(denominator)
    return float(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def whole(value: Decimal) -> int:
    """``value`` rounded half up to a whole number."""
    return int(value.quantize(_ONE, rounding=ROUND_HALF_UP))
