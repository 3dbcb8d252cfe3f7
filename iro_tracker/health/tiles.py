"""Dashboard figures for what the IRO monitors between reviews (issue 9), with their children.

``monitoring_items(today)`` returns, for each figure, the list of children behind it, so a
tile shows ``len(items[key])`` and links to the same list (as ``dashboard.figures`` does).
Each item is a dict ``{"child_id": pk, "when": date | None, "note": str}``, the fields of
``dashboard.figures.Item``. About 16 queries, whatever the number of children.

Keys: ``health.iha_overdue``, ``health.rha_overdue``, ``legal.to_discuss``,
``legal.revoke_placement_order``, ``court.open_past_26_weeks``,
``stability.three_or_more_placements``, ``short_breaks.over_limit``.
"""

from __future__ import annotations

from datetime import date

from iro_tracker.court.models import CareProceedings
from iro_tracker.court.watch import watch_rows, watched_children
from iro_tracker.health.overview import looked_after_now
from iro_tracker.health.status import assessments_overdue
from iro_tracker.rules.calendar import format_date
from iro_tracker.rules.legal import proceedings_deadline
from iro_tracker.stability.status import looked_after_stability, short_break_children

LABELS = {
    "health.iha_overdue": "Initial health assessments overdue",
    "health.rha_overdue": "Review health assessments overdue",
    "legal.to_discuss": "Legal status to discuss before the next review",
    "legal.revoke_placement_order": "Placement orders to revoke",
    "court.open_past_26_weeks": "Care proceedings open past 26 weeks",
    "stability.three_or_more_placements": "Three or more placements in 12 months",
    "short_breaks.over_limit": "Short-break limits passed",
}


def _item(child_id: int, when: date | None, note: str) -> dict:
    return {"child_id": child_id, "when": when, "note": note}


def monitoring_items(today: date) -> dict[str, list[dict]]:
    items: dict[str, list[dict]] = {key: [] for key in LABELS}
    children = list(looked_after_now(today))
    for pk, sentences in assessments_overdue(children, today).items():
        for sentence in sentences:
            key = "health.iha_overdue" if sentence.startswith("Initial") else "health.rha_overdue"
            items[key].append(_item(pk, None, sentence))
    for row in watch_rows(watched_children(today), today):
        if row.needs_discussion:
            items["legal.to_discuss"].append(
                _item(row.child.pk, row.discuss_by, row.item.explanation)
            )
        if row.revoke is not None:
            note = f"Adoption no longer the plan (agreed {format_date(row.revoke.discussed_on)})."
            items["legal.revoke_placement_order"].append(_item(row.child.pk, None, note))
    open_cases = CareProceedings.objects.filter(
        concluded_on__isnull=True, children__archived=False
    ).values_list("children", "issued_on")
    for pk, issued in open_cases:
        deadline = proceedings_deadline(issued)
        if deadline.date < today:
            items["court.open_past_26_weeks"].append(_item(pk, deadline.date, deadline.explanation))
    for row in looked_after_stability(today):
        if row.three_or_more:
            note = f"{len(row.in_last_12_months)} placements in the last 12 months."
            items["stability.three_or_more_placements"].append(_item(row.child.pk, None, note))
    for row in short_break_children(today):
        if row.limits is not None and row.limits.exceeded:
            first = (row.limits.long_breaks or row.limits.busy_years)[0]
            items["short_breaks.over_limit"].append(_item(row.child.pk, None, first.explanation))
    return items
