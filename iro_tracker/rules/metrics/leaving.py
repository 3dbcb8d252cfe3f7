"""Children leaving care: periods of care that ended in a reporting year.

Issue 4: over periods of care ending in the year (the last episode's DEC falls in it),
counts by REC of the last episode; ``aged_18_plus`` is the age on the end date; formal
arrangements are REC E17, E5 or E7 among those aged 18 or over, staying put is E17.
"""

from __future__ import annotations

from typing import Any

from iro_tracker.rules.codes import CEASED_18_FORMAL, REC
from iro_tracker.rules.metrics.population import NOT_RECORDED
from iro_tracker.rules.metrics.snapshot import ReportingYear, Snapshot, Tally, percent

STAYING_PUT = "E17"
ADULT_AGE = 18


def leaving(snapshot: Snapshot, ry: ReportingYear) -> tuple[dict[str, Any], Tally]:
    """``ceased`` and ``children_looked_after.ceased_in_year`` for year ``ry``.

    The unit is the period of care, not the child: a child whose two periods both end in
    the year is counted twice (and listed once in the drill-down).
    """
    t = Tally()
    t.declare(
        "children_looked_after.ceased_in_year",
        "ceased.aged_18_plus",
        "ceased.formal_arrangements_percent",
        "ceased.staying_put_percent",
    )
    # A period ending in the year has an episode with DEC >= 1 April Y, so its child is
    # among those in care during the year.
    for child_id in snapshot.in_care_during(ry):
        child = snapshot.children_by_id[child_id]
        for period in snapshot.periods(child_id):
            if period.end is None or not ry.contains(period.end):
                continue
            t.add("children_looked_after.ceased_in_year", child_id)
            rec = period.episodes[-1].rec or NOT_RECORDED
            t.add(f"ceased.by_reason.{rec}", child_id)
            if child.age_on(period.end) >= ADULT_AGE:
                t.add("ceased.aged_18_plus", child_id)
                # The percentage keys hold their numerators' children, for drill-down.
                if rec in CEASED_18_FORMAL:
                    t.add("ceased.formal_arrangements_percent", child_id)
                if rec == STAYING_PUT:
                    t.add("ceased.staying_put_percent", child_id)

    adults = t.count("ceased.aged_18_plus")
    figures = {
        "children_looked_after": {
            "ceased_in_year": t.count("children_looked_after.ceased_in_year"),
        },
        "ceased": {
            "by_reason": t.by_code("ceased.by_reason.", REC.codes()),
            "aged_18_plus": adults,
            "formal_arrangements_percent": percent(
                t.count("ceased.formal_arrangements_percent"), adults
            ),
            "staying_put_percent": percent(t.count("ceased.staying_put_percent"), adults),
        },
    }
    return figures, t
