"""The annual report's ``placement_stability`` section and the short-break limits (issue 9).

Both come from the 903 episodes alone, so they need nothing but the ``Snapshot``.

``placement_stability`` for reporting year Y (``rules.stability`` defines the measures):

- ``looked_after_at_year_end``; ``three_or_more_placements``: of them, children with three
  or more placements in the 12 months to 31 March Y+1 (the DfE short-term measure).
- ``long_term_cohort``: children under 16 on 31 March looked after for 2.5 years or more;
  ``same_placement_2_years``: of them, in the same placement (or placed for adoption
  after their previous placement) for 2 years or more (the DfE long-term measure).
- ``placement_moves``: placement moves (RNE P/B/T/U) in the year; ``children_who_moved``.

``short_breaks`` adds to the section ``annual`` already fills (children, reviews):

- ``breaks``: individual breaks (V3 episodes) that began in the year; ``days``: the nights
  away in the year; ``breaks_over_17_days``: breaks in the year longer than 17 days;
  ``children_over_75_days``: children with more than 75 days of breaks in 12 months ending
  in the year (``rules.shortbreaks``). ``agreements``: V4 episodes (agreements whose breaks
  are not recorded one by one) open during the year.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from iro_tracker.rules.calendar import add_months
from iro_tracker.rules.metrics.snapshot import ReportingYear, Snapshot, Tally, percent
from iro_tracker.rules.periods import looked_after_on
from iro_tracker.rules.shortbreaks import breaks_from, days_in_window
from iro_tracker.rules.stability import has_three_or_more, long_term, moves_between

P = "placement_stability"
S = "short_breaks"


def stability_figures(snapshot: Snapshot, year: int) -> tuple[dict[str, Any], Tally]:
    """The ``placement_stability`` section for ``year`` and the children behind each count."""
    ry = ReportingYear(year)
    t = Tally()
    t.declare(
        *(
            f"{P}.{key}"
            for key in (
                "looked_after_at_year_end",
                "three_or_more_placements",
                "long_term_cohort",
                "same_placement_2_years",
                "placement_moves",
                "children_who_moved",
            )
        )
    )
    for child_id in snapshot.in_care_during(ry):
        episodes = snapshot.care_episodes_by_child[child_id]
        moves = moves_between(episodes, ry.start, ry.end)
        for _ in moves:
            t.add(f"{P}.placement_moves", child_id)
        if moves:
            t.add(f"{P}.children_who_moved", child_id)
        if not looked_after_on(episodes, ry.end):
            continue
        t.add(f"{P}.looked_after_at_year_end", child_id)
        if has_three_or_more(episodes, ry.end):
            t.add(f"{P}.three_or_more_placements", child_id)
        measure = long_term(snapshot.children_by_id[child_id].dob, episodes, ry.end)
        if measure.in_cohort:
            t.add(f"{P}.long_term_cohort", child_id)
            if measure.stable:
                t.add(f"{P}.same_placement_2_years", child_id)

    def count(key: str) -> int:
        return t.count(f"{P}.{key}")

    figures = {
        "looked_after_at_year_end": count("looked_after_at_year_end"),
        "three_or_more_placements": count("three_or_more_placements"),
        "three_or_more_placements_percent": percent(
            count("three_or_more_placements"), count("looked_after_at_year_end")
        ),
        "long_term_cohort": count("long_term_cohort"),
        "same_placement_2_years": count("same_placement_2_years"),
        "same_placement_2_years_percent": percent(
            count("same_placement_2_years"), count("long_term_cohort")
        ),
        "placement_moves": count("placement_moves"),
        "children_who_moved": count("children_who_moved"),
    }
    return figures, t


def short_break_figures(snapshot: Snapshot, year: int) -> tuple[dict[str, Any], Tally]:
    """The figures issue 9 adds to ``short_breaks`` for ``year``, with their children."""
    ry = ReportingYear(year)
    settings = snapshot.settings
    t = Tally()
    t.declare(
        f"{S}.breaks", f"{S}.breaks_over_17_days", f"{S}.children_over_75_days", f"{S}.agreements"
    )
    nights = 0
    # An open break counts up to the end of the year, as validator rule 367 counts it.
    year_end = ry.end + timedelta(days=1)
    for child_id, episodes in snapshot.short_break_episodes_by_child.items():
        for e in episodes:
            if e.ls == "V4" and e.decom <= ry.end and (e.dec is None or e.dec >= ry.start):
                t.add(f"{S}.agreements", child_id)
        breaks = [b for b in breaks_from(episodes) if b.start <= ry.end]
        nights += days_in_window(breaks, ry.start, year_end, year_end)
        over_75 = False
        for b in breaks:
            if ry.contains(b.start):
                t.add(f"{S}.breaks", child_id)
                if b.days(year_end) > settings.short_break_max_days:
                    t.add(f"{S}.breaks_over_17_days", child_id)
            # The 12 months ending with each break that ended in the year (see check_limits).
            end = min(b.end or year_end, year_end)
            if ry.start < end:
                total = days_in_window(breaks, add_months(end, -12), end, year_end)
                over_75 = over_75 or total > settings.short_break_max_days_in_12_months
        if over_75:
            t.add(f"{S}.children_over_75_days", child_id)
    figures = {
        "breaks": t.count(f"{S}.breaks"),
        "days": nights,
        "breaks_over_17_days": t.count(f"{S}.breaks_over_17_days"),
        "children_over_75_days": t.count(f"{S}.children_over_75_days"),
        "agreements": t.count(f"{S}.agreements"),
    }
    return figures, t


def stability_section(snapshot: Snapshot, year: int) -> dict:
    return stability_figures(snapshot, year)[0]


def short_break_section(snapshot: Snapshot, year: int) -> dict:
    return short_break_figures(snapshot, year)[0]
