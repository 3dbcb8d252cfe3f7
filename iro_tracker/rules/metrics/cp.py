"""The annual report's child protection and caseload figures, from plain records (no Django).

Child protection (RULES.md "Child protection conferences", Working Together):

- A *conference* is one meeting; it may concern several children (a sibling group), so the
  report counts conferences (meetings) and children at conferences (one row per child per
  conference), each by type: initial, review, transfer-in.
- Initial conferences are measured per child against 15 working days after the strategy
  discussion that started the s47 enquiry, and also (the CIN census basis) after the s47
  start. A row without the start date is not assessable on that basis.
- A review conference is on time when held on or before its due date: 3 months after the
  conference that started the plan for the first review, 6 months after the previous review
  conference after that. A review whose plan's earlier conferences are not in the data is not
  assessable.
- Plans: started and ended in the year; ended in the year after lasting 2 years or more (end
  on or after the second anniversary of the start); open at year end (start on or before 31
  March and no end, or an end after it); repeat plans: started in the year for a child whose
  previous plan ended 2 years or less before (DfE CIN census "within 2 years").

Caseloads (RULES.md "Caseloads", IRO Handbook ch. 7): each chair's allocated looked-after
children per FTE against the 50-70 band; dual-role chairs' child protection children beside it.

``cp_report`` returns the figures; ``cp_drilldown`` the children behind any count in them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from iro_tracker.rules.calendar import add_months
from iro_tracker.rules.metrics.snapshot import ReportingYear, Tally, percent, ratio
from iro_tracker.rules.settings import DEFAULT, RuleSettings
from iro_tracker.rules.timescales import cp_review_due, initial_conference_due

INITIAL, REVIEW, TRANSFER_IN = "initial", "review", "transfer_in"
KINDS = (INITIAL, REVIEW, TRANSFER_IN)
PLAN_STARTED, PLAN_CONTINUED, PLAN_ENDED, NOT_NEEDED = (
    "plan_started",
    "plan_continued",
    "plan_ended",
    "not_needed",
)
CATEGORIES = ("neglect", "emotional", "physical", "sexual", "multiple")
LONG_PLAN_MONTHS = 24  # "lasting 2 years or more" and "repeat within 2 years"


@dataclass(frozen=True)
class CpConferenceChild:
    """One child at one conference. ``conference_id`` is shared by the siblings at it."""

    conference_id: str
    child_id: str
    kind: str  # INITIAL, REVIEW or TRANSFER_IN
    held: date
    outcome: str  # PLAN_STARTED, PLAN_CONTINUED, PLAN_ENDED or NOT_NEEDED
    plan_id: str | None = None
    strategy_discussion: date | None = None  # initial conferences only
    s47_start: date | None = None  # initial conferences only
    chair_id: str | None = None


@dataclass(frozen=True)
class CpPlan:
    """A child protection plan. ``end`` is the conference that ended it; None while open."""

    plan_id: str
    child_id: str
    start: date
    end: date | None
    category: str


def two_years_after(d: date) -> date:
    return add_months(d, LONG_PLAN_MONTHS)


def review_due_dates(
    rows: Iterable[CpConferenceChild], *, settings: RuleSettings = DEFAULT
) -> dict[tuple[str, str], date | None]:
    """The due date of each review conference row, keyed by (conference_id, child_id).

    The first review after the conference that started the plan is due 3 months after it,
    each later one 6 months after the review before. None when the plan's earlier
    conferences are not in the data.
    """
    by_plan: dict[str, list[CpConferenceChild]] = defaultdict(list)
    for row in rows:
        if row.plan_id is not None:
            by_plan[row.plan_id].append(row)
    due: dict[tuple[str, str], date | None] = {}
    for plan_rows in by_plan.values():
        plan_rows.sort(key=lambda r: r.held)
        previous: CpConferenceChild | None = None
        for row in plan_rows:
            if row.kind == REVIEW:
                if previous is None:
                    due[(row.conference_id, row.child_id)] = None
                else:
                    first = previous.outcome == PLAN_STARTED
                    due[(row.conference_id, row.child_id)] = cp_review_due(
                        previous.held, first, settings=settings
                    ).date
            previous = row
    return due


def _declare(t: Tally) -> None:
    t.declare(
        *(f"conferences.{k}" for k in (*KINDS, "total")),
        *(f"children_at_conferences.{k}" for k in (*KINDS, "total")),
        "initial_conferences.assessable_strategy",
        "initial_conferences.within_15_days_strategy",
        "initial_conferences.assessable_s47",
        "initial_conferences.within_15_days_s47",
        "review_conferences.assessable",
        "review_conferences.on_time",
        "review_conferences.late",
        *(
            f"plans.{k}"
            for k in (
                "started",
                "ended",
                "ended_lasting_2_years_plus",
                "open_at_year_end",
                "open_2_years_plus_at_year_end",
                "second_or_subsequent",
                "repeat_within_2_years",
            )
        ),
    )


def _conferences(t: Tally, rows: Sequence[CpConferenceChild], ry: ReportingYear, settings):
    in_year = [r for r in rows if ry.contains(r.held)]
    seen: set[str] = set()
    for row in in_year:
        t.add(f"children_at_conferences.{row.kind}", row.child_id)
        t.add("children_at_conferences.total", row.child_id)
        # A conference counts once, under the first of its children met (any will do:
        # the drill-down for a meeting lists one of its children).
        if row.conference_id not in seen:
            seen.add(row.conference_id)
            t.add(f"conferences.{row.kind}", row.child_id)
            t.add("conferences.total", row.child_id)
        if row.kind == INITIAL:
            for basis, start in (("strategy", row.strategy_discussion), ("s47", row.s47_start)):
                if start is None:
                    continue
                t.add(f"initial_conferences.assessable_{basis}", row.child_id)
                if row.held <= initial_conference_due(start, settings=settings).date:
                    t.add(f"initial_conferences.within_15_days_{basis}", row.child_id)
    dues = review_due_dates(rows, settings=settings)
    for row in in_year:
        if row.kind != REVIEW:
            continue
        due = dues.get((row.conference_id, row.child_id))
        if due is None:
            continue
        t.add("review_conferences.assessable", row.child_id)
        on_time = row.held <= due
        t.add(f"review_conferences.{'on_time' if on_time else 'late'}", row.child_id)


def _plans(t: Tally, plans: Sequence[CpPlan], ry: ReportingYear) -> None:
    by_child: dict[str, list[CpPlan]] = defaultdict(list)
    for plan in plans:
        by_child[plan.child_id].append(plan)
    for child_plans in by_child.values():
        child_plans.sort(key=lambda p: p.start)
        for i, plan in enumerate(child_plans):
            if ry.contains(plan.start):
                t.add("plans.started", plan.child_id)
                t.add(f"plans.started_by_category.{plan.category}", plan.child_id)
                if i:
                    t.add("plans.second_or_subsequent", plan.child_id)
                    before = child_plans[i - 1].end
                    if before is not None and plan.start <= two_years_after(before):
                        t.add("plans.repeat_within_2_years", plan.child_id)
            if plan.end is not None and ry.contains(plan.end):
                t.add("plans.ended", plan.child_id)
                if plan.end >= two_years_after(plan.start):
                    t.add("plans.ended_lasting_2_years_plus", plan.child_id)
            if plan.start <= ry.end and (plan.end is None or plan.end > ry.end):
                t.add("plans.open_at_year_end", plan.child_id)
                t.add(f"plans.open_by_category.{plan.category}", plan.child_id)
                if two_years_after(plan.start) <= ry.end:
                    t.add("plans.open_2_years_plus_at_year_end", plan.child_id)


def _compute(
    rows: Sequence[CpConferenceChild],
    plans: Sequence[CpPlan],
    year: int,
    settings: RuleSettings,
) -> tuple[dict[str, Any], Tally]:
    ry = ReportingYear(year)
    t = Tally()
    _declare(t)
    _conferences(t, rows, ry, settings)
    _plans(t, plans, ry)
    c = t.count
    figures = {
        "conferences": {k: c(f"conferences.{k}") for k in (*KINDS, "total")},
        "children_at_conferences": {
            k: c(f"children_at_conferences.{k}") for k in (*KINDS, "total")
        },
        "initial_conferences": {
            "children": c("children_at_conferences.initial"),
            "assessable_strategy": c("initial_conferences.assessable_strategy"),
            "within_15_days_strategy": c("initial_conferences.within_15_days_strategy"),
            "within_15_days_strategy_percent": percent(
                c("initial_conferences.within_15_days_strategy"),
                c("initial_conferences.assessable_strategy"),
            ),
            "assessable_s47": c("initial_conferences.assessable_s47"),
            "within_15_days_s47": c("initial_conferences.within_15_days_s47"),
            "within_15_days_s47_percent": percent(
                c("initial_conferences.within_15_days_s47"),
                c("initial_conferences.assessable_s47"),
            ),
        },
        "review_conferences": {
            "children": c("children_at_conferences.review"),
            "assessable": c("review_conferences.assessable"),
            "on_time": c("review_conferences.on_time"),
            "late": c("review_conferences.late"),
            "on_time_percent": percent(
                c("review_conferences.on_time"), c("review_conferences.assessable")
            ),
        },
        "plans": {
            "started": c("plans.started"),
            "started_by_category": t.by_code("plans.started_by_category.", CATEGORIES),
            "ended": c("plans.ended"),
            "ended_lasting_2_years_plus": c("plans.ended_lasting_2_years_plus"),
            "ended_lasting_2_years_plus_percent": percent(
                c("plans.ended_lasting_2_years_plus"), c("plans.ended")
            ),
            "open_at_year_end": c("plans.open_at_year_end"),
            "open_by_category": t.by_code("plans.open_by_category.", CATEGORIES),
            "open_2_years_plus_at_year_end": c("plans.open_2_years_plus_at_year_end"),
            "second_or_subsequent": c("plans.second_or_subsequent"),
            "second_or_subsequent_percent": percent(
                c("plans.second_or_subsequent"), c("plans.started")
            ),
            "repeat_within_2_years": c("plans.repeat_within_2_years"),
            "repeat_within_2_years_percent": percent(
                c("plans.repeat_within_2_years"), c("plans.started")
            ),
        },
    }
    return figures, t


def cp_report(
    rows: Iterable[CpConferenceChild],
    plans: Iterable[CpPlan],
    year: int,
    *,
    settings: RuleSettings = DEFAULT,
) -> dict[str, Any]:
    """The child protection figures of reporting ``year`` (1 April to 31 March).

    ``rows`` should hold every conference row the product knows, not just the year's: a
    review's due date comes from the plan's earlier conferences. Counts are ints,
    percentages to 1 dp rounded half up, None when the denominator is 0.
    """
    figures, _ = _compute(tuple(rows), tuple(plans), year, settings)
    return figures


def cp_drilldown(
    rows: Iterable[CpConferenceChild],
    plans: Iterable[CpPlan],
    year: int,
    key: str,
    *,
    settings: RuleSettings = DEFAULT,
) -> list[str]:
    """The ids of the children behind count ``key`` (a dotted path), sorted, each once.

    ``"plans.started"``, ``"initial_conferences.within_15_days_s47"``,
    ``"plans.started_by_category.neglect"``... Raises KeyError for a key that is not a count.
    """
    _, tally = _compute(tuple(rows), tuple(plans), year, settings)
    if key not in tally.members:
        prefix = key.rpartition(".")[0]
        if prefix in ("plans.started_by_category", "plans.open_by_category"):
            return []
        raise KeyError(key)
    return sorted(set(tally.members[key]))


# --- caseloads -------------------------------------------------------------------------------

WITHIN, ABOVE, BELOW = "within", "above", "below"


def band_status(lac: int, fte: Decimal | float | None, band: tuple[int, int]) -> str | None:
    """Where ``lac`` looked-after children per FTE sit against ``band`` (inclusive).

    None when the chair has no FTE: a caseload per FTE cannot be worked out.
    """
    per_fte = ratio(lac, Decimal(str(fte))) if fte else None
    if per_fte is None:
        return None
    low, high = band
    if per_fte < low:
        return BELOW
    if per_fte > high:
        return ABOVE
    return WITHIN


@dataclass(frozen=True)
class ChairCaseload:
    """One chair's caseload on a date: allocated looked-after children, children on a plan
    whose conferences they chair, and meetings chaired in the 12 months to that date."""

    staff_id: str
    fte: float
    lac: int
    cp: int
    meetings_12_months: int = 0


def caseload_summary(
    chairs: Iterable[ChairCaseload], band: tuple[int, int] = DEFAULT.caseload_band
) -> dict[str, Any]:
    """The unit's caseload figures on one date, for the report's ``service`` section.

    ``combined_per_fte`` is the seed report's "combined caseloads averaged" figure (§4.1):
    looked-after and child protection children together, per chair FTE.
    """
    rows = list(chairs)
    fte = sum((Decimal(str(r.fte)) for r in rows), Decimal(0)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    lac = sum(r.lac for r in rows)
    cp = sum(r.cp for r in rows)
    meetings = sum(r.meetings_12_months for r in rows)
    statuses = [band_status(r.lac, r.fte, band) for r in rows]
    return {
        "chairs": len(rows),
        "chair_fte_at_year_end": float(fte),
        "lac_allocated_to_chairs": lac,
        "cp_children": cp,
        "combined_caseload": lac + cp,
        "combined_per_fte": ratio(lac + cp, fte) if fte else None,
        "chairs_within_band": statuses.count(WITHIN),
        "chairs_above_band": statuses.count(ABOVE),
        "chairs_below_band": statuses.count(BELOW),
        "meetings_chaired_12_months": meetings,
    }
