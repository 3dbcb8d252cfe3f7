"""The annual report's ``legal_proceedings`` section (seed report §7.1-7.4).

Counted per set of care proceedings (one set may concern a sibling group), as the seed
counts them ("93 sets of Care Proceedings"). For reporting year Y:

- ``issued_in_year``: proceedings issued from 1 April Y to 31 March Y+1;
  ``children_in_proceedings_issued``: the children they concern; ``rate_per_10000``:
  proceedings issued per 10,000 children aged 0-17 (None without the population setting).
- ``concluded_in_year``: proceedings decided (final order or withdrawn) in the year;
  ``mean_length_weeks`` over them; ``within_26_weeks`` decided within 26 weeks of issue
  (``rules.legal``); ``outcomes`` by outcome code; ``iro_contributed``: those where the IRO's
  contribution to the final care plan is recorded.
- ``s20_over_6_months_at_year_end`` and ``placement_order_not_placed_at_year_end``: the
  children on the legal status watch (``rules.legal.legal_status_watch``) on 31 March.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from iro_tracker.rules.legal import (
    NOT_PLACED,
    OUTCOME_CODES,
    S20,
    legal_status_watch,
    length_in_weeks,
    within_limit,
)
from iro_tracker.rules.metrics.snapshot import ReportingYear, Snapshot, Tally, percent, ratio


@dataclass(frozen=True)
class ProceedingsRecord:
    key: str
    child_ids: tuple[str, ...]
    issued_on: date
    concluded_on: date | None = None
    outcome: str = ""
    iro_contribution_on: date | None = None


def legal_figures(
    snapshot: Snapshot,
    records: Iterable[ProceedingsRecord],
    year: int,
    *,
    outcome_order: tuple[str, ...] = OUTCOME_CODES,
) -> tuple[dict[str, Any], Tally]:
    """The ``legal_proceedings`` section for ``year`` and the children behind each figure.

    Tally paths list every child of each counted set, so a drill-down shows the children
    behind a count of proceedings.
    """
    ry = ReportingYear(year)
    settings = snapshot.settings
    t = Tally()
    t.declare(
        "legal_proceedings.issued_in_year",
        "legal_proceedings.concluded_in_year",
        "legal_proceedings.within_26_weeks",
        "legal_proceedings.iro_contributed",
        "legal_proceedings.s20_over_6_months_at_year_end",
        "legal_proceedings.placement_order_not_placed_at_year_end",
    )
    records = list(records)
    issued = [r for r in records if ry.contains(r.issued_on)]
    concluded = [r for r in records if r.concluded_on and ry.contains(r.concluded_on)]
    within = [r for r in concluded if within_limit(r.issued_on, r.concluded_on, settings=settings)]
    contributed = [r for r in concluded if r.iro_contribution_on is not None]
    for path, rows in (
        ("issued_in_year", issued),
        ("concluded_in_year", concluded),
        ("within_26_weeks", within),
        ("iro_contributed", contributed),
    ):
        for r in rows:
            for child_id in r.child_ids:
                t.add(f"legal_proceedings.{path}", child_id)
    outcomes = Counter(r.outcome or "not_recorded" for r in concluded)
    for r in concluded:
        for child_id in r.child_ids:
            t.add(f"legal_proceedings.outcomes.{r.outcome or 'not_recorded'}", child_id)
    rank = {code: i for i, code in enumerate(outcome_order)}

    for child_id in snapshot.in_care_during(ry):
        item = legal_status_watch(
            snapshot.care_episodes_by_child[child_id], ry.end, settings=settings
        )
        if item is not None and item.kind == S20:
            t.add("legal_proceedings.s20_over_6_months_at_year_end", child_id)
        elif item is not None and item.kind == NOT_PLACED:
            t.add("legal_proceedings.placement_order_not_placed_at_year_end", child_id)

    lengths = [Decimal(str(length_in_weeks(r.issued_on, r.concluded_on))) for r in concluded]
    figures = {
        "issued_in_year": len(issued),
        "children_in_proceedings_issued": len({c for r in issued for c in r.child_ids}),
        "rate_per_10000": (
            ratio(len(issued) * 10000, snapshot.population_0_17)
            if snapshot.population_0_17
            else None
        ),
        "concluded_in_year": len(concluded),
        "mean_length_weeks": ratio(sum(lengths), len(lengths)) if lengths else None,
        "within_26_weeks": len(within),
        "within_26_weeks_percent": percent(len(within), len(concluded)),
        "outcomes": {
            code: outcomes[code]
            for code in sorted(outcomes, key=lambda c: (rank.get(c, len(rank)), c))
        },
        "iro_contributed": len(contributed),
        "iro_contributed_percent": percent(len(contributed), len(concluded)),
        "s20_over_6_months_at_year_end": t.count("legal_proceedings.s20_over_6_months_at_year_end"),
        "placement_order_not_placed_at_year_end": t.count(
            "legal_proceedings.placement_order_not_placed_at_year_end"
        ),
    }
    return figures, t


def legal_section(
    snapshot: Snapshot,
    records: Iterable[ProceedingsRecord],
    year: int,
    *,
    outcome_order: tuple[str, ...] = OUTCOME_CODES,
) -> dict:
    """The ``legal_proceedings`` section alone (see ``legal_figures``)."""
    return legal_figures(snapshot, records, year, outcome_order=outcome_order)[0]
