"""The annual IRO report's figures for reporting year Y (1 April Y to 31 March Y+1).

``annual_report`` returns a plain dict with exactly the JSON keys of issue 4's Definitions
(plus ``year``, ``period`` and ``short_breaks``) and of the features that record more than
903 (issues 5, 6, 7 and 9: ``EXTRA_SECTIONS``); ``drilldown`` lists the children behind
any count computed here. Percentages are to 1 dp rounded half up, counts are ints and a
figure that cannot be computed is None.

Sections only the product records come from ``Snapshot.extra`` (see ``Snapshot``): each
feature hands over ``{report key: figures by year, or (snapshot, year) -> figures}``, and
``merge_extras`` puts several features' hand-overs together. Two keys merge into sections
computed here rather than filling their own, and what is computed here always wins:
``extra["service"]`` (conferences chaired and the chairs' caseloads, issue 6) fills
``service`` (see ``_service``), and ``extra["short_breaks"]`` (breaks, nights and the
17- and 75-day limits, issue 9) is added to ``short_breaks``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from iro_tracker.rules.metrics.leaving import leaving
from iro_tracker.rules.metrics.population import population
from iro_tracker.rules.metrics.reviews import review_figures
from iro_tracker.rules.metrics.snapshot import ReportingYear, Snapshot, Tally, ratio
from iro_tracker.rules.metrics.suppression import NUMERATOR_COUNTS

# Sections only the product records, filled from Snapshot.extra (None when absent), in
# report order: child protection and caseloads (issue 6), quality assurance from the review
# outcome records (issue 7), health, education, care proceedings and placement stability
# (issue 9), issues resolution with document readiness and oversight (issue 5).
EXTRA_SECTIONS = (
    "child_protection",
    "quality_assurance",
    "health",
    "education",
    "legal_proceedings",
    "placement_stability",
    "issues_resolution",
)

# By-code tables list only the codes that occur, so any code drills down (to no one).
CODE_TABLES = (
    "ethnicity_at_year_end.",
    "placements_at_year_end.",
    "legal_status_at_year_end.",
    "reviews.late_reasons.",
    "ceased.by_reason.",
)

REPORT_KEYS = (
    "year",
    "period",
    "children_looked_after",
    "monthly_counts",
    "sex_at_year_end",
    "age_at_year_end",
    "ethnicity_at_year_end",
    "bme_percent",
    "placements_at_year_end",
    "legal_status_at_year_end",
    "reviews",
    "participation",
    "ceased",
    "service",
    *EXTRA_SECTIONS,
    "disability_percent",
    "short_breaks",
)


def annual_report(snapshot: Snapshot, year: int) -> dict[str, Any]:
    """Every figure of the annual report for reporting ``year`` (issue 4's Definitions)."""
    report, _ = _compute(snapshot, year)
    return report


def annual_report_with_previous(snapshot: Snapshot, year: int) -> dict[str, Any]:
    """``{"year": year, "current": ..., "previous": ...}``: the report beside last year's.

    Both come from the same snapshot, so last year's figures reflect today's data (late
    entries and corrections included), not the report printed a year ago.
    """
    return {
        "year": year,
        "current": annual_report(snapshot, year),
        "previous": annual_report(snapshot, year - 1),
    }


def drilldown(snapshot: Snapshot, year: int, key: str) -> list[str]:
    """The ids of the children behind figure ``key`` of the ``year`` report, sorted.

    ``key`` is a dotted path into the report: ``"children_looked_after.at_year_end"``,
    ``"monthly_counts.2019-01-31"``, ``"placements_at_year_end.U4"``, ``"reviews.late"``,
    ``"reviews.days_late.2_to_7"``, ``"participation.by_code.PN7"``,
    ``"ceased.aged_18_plus"``, ``"short_breaks.children"``... A percentage or rate gives its
    numerator's children (``"bme_percent"``: the BME children). Each child is listed once,
    even behind a count of reviews or periods that counts them twice. A code that does not
    occur in a by-code table gives ``[]``. Raises KeyError for a key that is not a count of
    children, reviews or periods (``"children_looked_after.net_change"``,
    ``"service.iro_headcount"``, ``"year"``...), and for the counts of the sections filled
    from ``Snapshot.extra``: only their features know the children behind them
    (``reporting.snapshot.feature_drilldowns``).
    """
    _, tally = _compute(snapshot, year)
    path = NUMERATOR_COUNTS.get(key, key)
    if path in tally.members:
        return sorted(set(tally.members[path]))
    prefix, dot, code = key.rpartition(".")
    if code and prefix + dot in CODE_TABLES:
        return []
    raise KeyError(key)


def _compute(snapshot: Snapshot, year: int) -> tuple[dict[str, Any], Tally]:
    ry = ReportingYear(year)
    people, tally = population(snapshot, ry)
    reviews, review_tally = review_figures(snapshot, ry)
    ceased, ceased_tally = leaving(snapshot, ry)
    tally.update(review_tally)
    tally.update(ceased_tally)
    service = _service(snapshot, ry, tally)

    lac = people["children_looked_after"]
    report: dict[str, Any] = {
        "year": year,
        "period": {"start": ry.start.isoformat(), "end": ry.end.isoformat()},
        "children_looked_after": {
            "at_year_end": lac["at_year_end"],
            "during_year": lac["during_year"],
            "started_in_year": lac["started_in_year"],
            "ceased_in_year": ceased["children_looked_after"]["ceased_in_year"],
            "net_change": lac["net_change"],
            "uasc_at_year_end": lac["uasc_at_year_end"],
            "rate_per_10000": lac["rate_per_10000"],
        },
        **{
            key: people[key]
            for key in (
                "monthly_counts",
                "sex_at_year_end",
                "age_at_year_end",
                "ethnicity_at_year_end",
                "bme_percent",
                "placements_at_year_end",
                "legal_status_at_year_end",
            )
        },
        "reviews": reviews["reviews"],
        "participation": reviews["participation"],
        "ceased": ceased["ceased"],
        "service": service,
        **{key: snapshot.extra_for(key, year) for key in EXTRA_SECTIONS},
        "disability_percent": people["disability_percent"],
        "short_breaks": _added(
            {**people["short_breaks"], **reviews["short_breaks"]},
            snapshot.extra_for("short_breaks", year),
        ),
    }
    return report, tally


def _added(computed: dict[str, Any], extra: Mapping[str, Any] | None) -> dict[str, Any]:
    """``computed`` with the keys of ``extra`` it lacks, after its own (computed ones win)."""
    return {**computed, **{k: v for k, v in (extra or {}).items() if k not in computed}}


def merge_extras(*extras: Mapping[str, Any]) -> dict[str, Any]:
    """Several features' ``Snapshot.extra`` hand-overs as one.

    A key only one feature gives is kept as it is (figures by year, or a callable). A key
    several give (``"service"``: each feature may add its own service figures) becomes a
    callable ``(snapshot, year)`` returning their figures for the year merged, in the order
    given; a year a feature has no figures for adds nothing. Two features giving the same
    figure with different values is a wiring mistake: ``ValueError`` when the year is asked
    for. Figures computed from the 903 data still win over all of them (``_service``).
    """
    sources: dict[str, list[Any]] = {}
    for extra in extras:
        for key, value in extra.items():
            if value is not None:
                sources.setdefault(key, []).append(value)
    return {
        key: values[0] if len(values) == 1 else _merged(key, tuple(values))
        for key, values in sources.items()
    }


def _merged(key: str, values: tuple[Any, ...]) -> Callable[[Snapshot, int], dict | None]:
    def figures(snapshot: Snapshot, year: int) -> dict[str, Any] | None:
        found: dict[str, Any] | None = None
        for value in values:
            part = _for_year(key, value, snapshot, year)
            if part is None:
                continue
            found = found if found is not None else {}
            for name, figure in part.items():
                if name in found and found[name] != figure:
                    raise ValueError(
                        f"extra[{key!r}][{name!r}] for {year} is given twice: {found[name]!r}"
                        f" and {figure!r}"
                    )
                found[name] = figure
        return found

    return figures


def _for_year(key: str, value: Any, snapshot: Snapshot, year: int) -> Any:
    # As Snapshot.extra_for, for one feature's value of a key several features give.
    if callable(value):
        return value(snapshot, year)
    if not all(isinstance(k, int) for k in value):
        raise TypeError(f"extra[{key!r}] must map reporting years (int) to figures")
    return value.get(year)


def _fte(staff: list, places: int = 2) -> Decimal:
    # Decimal from the float's shortest repr, so 0.1 + 0.2 is 0.3, not 0.30000000000000004.
    total = sum((Decimal(str(s.fte)) for s in staff), Decimal(0))
    return total.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _service(snapshot: Snapshot, ry: ReportingYear, tally: Tally) -> dict[str, Any]:
    """The service section (IRO Handbook ch. 7; RULES.md "Caseloads").

    - ``iro_fte``, ``iro_headcount``: IROs (``is_iro``) in post on 31 March Y+1.
    - ``allocated_children``: children looked after at year end with an allocation on that
      date; ``lac_per_fte`` = allocated_children / iro_fte, beside ``caseload_band``.
    - ``reviews_chaired``: reviews held in the year (in a period of care or a short-break
      series); ``conferences_chaired`` comes from ``extra["service"]`` once recorded.
    - ``chair_fte``: the chairs' FTE averaged over the year's 12 month ends (the seed report
      divides by the year's "staff complement"); chairs are IROs, and CPAs too once
      conferences are recorded. ``meetings_per_chair`` = meetings / chair_fte.
    Figures that need staff or allocation records are None without them. Keys in
    ``extra["service"]`` are added, and fill any computed figure that is None.
    """
    end = ry.end
    staff = list(snapshot.staff)
    extra = snapshot.extra_for("service", ry.year) or {}
    iros = [s for s in staff if s.is_iro and s.active_on(end)]
    iro_fte = _fte(iros) if staff else None

    allocated = None
    if snapshot.allocations:
        tally.declare("service.allocated_children")
        for child_id in tally.members["children_looked_after.at_year_end"]:
            if any(a.active_on(end) for a in snapshot.allocations_by_child.get(child_id, ())):
                tally.add("service.allocated_children", child_id)
        allocated = tally.count("service.allocated_children")

    reviews_chaired = tally.count("service.reviews_chaired")
    conferences = extra.get("conferences_chaired")
    chair_fte = None
    if staff:

        def chairs(s: Any) -> bool:
            return s.is_iro or (conferences is not None and s.is_cpa)

        month_ends = ry.month_ends()
        total = sum(
            (_fte([s for s in staff if chairs(s) and s.active_on(d)]) for d in month_ends),
            Decimal(0),
        )
        chair_fte = (total / len(month_ends)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    meetings = reviews_chaired + (conferences or 0)

    computed: dict[str, Any] = {
        "iro_fte": float(iro_fte) if iro_fte is not None else None,
        "iro_headcount": len(iros) if staff else None,
        "allocated_children": allocated,
        "lac_per_fte": ratio(allocated, iro_fte) if allocated is not None and iro_fte else None,
        "caseload_band": list(snapshot.settings.caseload_band),
        "reviews_chaired": reviews_chaired,
        "conferences_chaired": conferences,
        "chair_fte": float(chair_fte) if chair_fte is not None else None,
        "meetings_per_chair": ratio(meetings, chair_fte) if chair_fte else None,
    }
    for key, value in extra.items():
        if computed.get(key) is None:
            computed[key] = value
    return computed
