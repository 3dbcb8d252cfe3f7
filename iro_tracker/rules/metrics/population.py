"""The looked-after population of a reporting year, and the children on short breaks.

Issue 4's definitions: "looked after on d" means a care episode with DECOM <= d and DEC
empty or after d; episodes under legal status V3/V4 (short breaks) never count and their
children are reported separately. Year-end figures describe each child's episode open on
31 March Y+1 (the latest DECOM if a child has two).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from iro_tracker.rules.codes import (
    ETHNICITY,
    ETHNICITY_NOT_KNOWN,
    LEGAL_STATUS,
    NOT_BME,
    PLACEMENT,
)
from iro_tracker.rules.metrics.snapshot import (
    ChildRecord,
    EpisodeRecord,
    ReportingYear,
    Snapshot,
    Tally,
    percent,
    whole,
)
from iro_tracker.rules.periods import looked_after_on

AGE_BANDS = ("under_1", "1_to_4", "5_to_9", "10_to_15", "16_and_over")
# A blank code is counted under this key so that each by-code table adds up to its total.
NOT_RECORDED = "not_recorded"
# Not a 903 ETHNIC code that says who the child is: left out of bme_percent's denominator.
ETHNICITY_UNKNOWN = ETHNICITY_NOT_KNOWN | {NOT_RECORDED}

LAC = "children_looked_after"


def age_band(age: int) -> str:
    """The issue's age band for an age in whole years."""
    if age < 1:
        return "under_1"
    if age <= 4:
        return "1_to_4"
    if age <= 9:
        return "5_to_9"
    if age <= 15:
        return "10_to_15"
    return "16_and_over"


def is_bme(code: str) -> bool:
    """BME: a known ethnicity other than White British (issue 4: not WBRI, REFU or NOBT)."""
    return code not in NOT_BME and code not in ETHNICITY_UNKNOWN


def population(snapshot: Snapshot, ry: ReportingYear) -> tuple[dict[str, Any], Tally]:
    """The population figures of year ``ry`` and the children behind each count.

    Returns ``children_looked_after`` (without ``ceased_in_year``, see ``leaving``),
    ``monthly_counts``, the ``*_at_year_end`` tables, ``bme_percent``,
    ``disability_percent`` and ``short_breaks.children``.
    """
    t = Tally()
    month_ends = ry.month_ends()
    t.declare(
        *(f"{LAC}.{k}" for k in ("at_year_end", "during_year", "started_in_year")),
        f"{LAC}.uasc_at_year_end",
        *(f"monthly_counts.{d.isoformat()}" for d in month_ends),
        "sex_at_year_end.male",
        "sex_at_year_end.female",
        *(f"age_at_year_end.{band}" for band in AGE_BANDS),
        "bme_percent",
        "disability_percent",
        "short_breaks.children",
    )
    looked_after_before = 0
    # Only a child with a care episode touching the year can be looked after on 31 March Y,
    # on a month end or at year end, or start a period in the year.
    for child_id in snapshot.in_care_during(ry):
        episodes = snapshot.care_episodes_by_child[child_id]
        t.add(f"{LAC}.during_year", child_id)
        if looked_after_on(episodes, ry.previous_end):
            looked_after_before += 1
        for day in month_ends:
            if looked_after_on(episodes, day):
                t.add(f"monthly_counts.{day.isoformat()}", child_id)
        # "Known start": the period's first episode has RNE S (periods.Period.start_known).
        if any(p.start_known and ry.contains(p.start) for p in snapshot.periods(child_id)):
            t.add(f"{LAC}.started_in_year", child_id)
        open_at_end = [
            e for e in episodes if e.decom <= ry.end and (e.dec is None or e.dec > ry.end)
        ]
        if open_at_end:
            # Episodes are sorted by DECOM, so the last open one has the latest DECOM.
            _at_year_end(t, snapshot.children_by_id[child_id], open_at_end[-1], ry)

    for child_id, episodes in snapshot.short_break_episodes_by_child.items():
        if any(e.decom <= ry.end and (e.dec is None or e.dec >= ry.start) for e in episodes):
            t.add("short_breaks.children", child_id)

    at_year_end = t.count(f"{LAC}.at_year_end")
    ethnicity = t.by_code("ethnicity_at_year_end.", ETHNICITY.codes())
    known_ethnicity = sum(n for code, n in ethnicity.items() if code not in ETHNICITY_UNKNOWN)
    figures = {
        LAC: {
            "at_year_end": at_year_end,
            "during_year": t.count(f"{LAC}.during_year"),
            "started_in_year": t.count(f"{LAC}.started_in_year"),
            "net_change": at_year_end - looked_after_before,
            "uasc_at_year_end": t.count(f"{LAC}.uasc_at_year_end"),
            "rate_per_10000": _rate(at_year_end, snapshot.population_0_17),
        },
        "monthly_counts": {
            d.isoformat(): t.count(f"monthly_counts.{d.isoformat()}") for d in month_ends
        },  # fmt: skip
        "sex_at_year_end": {
            "male": t.count("sex_at_year_end.male"),
            "female": t.count("sex_at_year_end.female"),
        },
        "age_at_year_end": {band: t.count(f"age_at_year_end.{band}") for band in AGE_BANDS},
        "ethnicity_at_year_end": ethnicity,
        "bme_percent": percent(t.count("bme_percent"), known_ethnicity),
        "placements_at_year_end": t.by_code("placements_at_year_end.", PLACEMENT.codes()),
        "legal_status_at_year_end": t.by_code("legal_status_at_year_end.", LEGAL_STATUS.codes()),
        "disability_percent": percent(t.count("disability_percent"), at_year_end),
        "short_breaks": {"children": t.count("short_breaks.children")},
    }
    return figures, t


def _at_year_end(t: Tally, child: ChildRecord, episode: EpisodeRecord, ry: ReportingYear) -> None:
    cid = child.child_id
    t.add(f"{LAC}.at_year_end", cid)
    if child.is_uasc_on(ry.end):
        t.add(f"{LAC}.uasc_at_year_end", cid)
    # Issue 4 counts 903 SEX 1 and 2 only: "U" (unknown, 2024-25 on) is in neither.
    if child.sex == "M":
        t.add("sex_at_year_end.male", cid)
    elif child.sex == "F":
        t.add("sex_at_year_end.female", cid)
    t.add(f"age_at_year_end.{age_band(child.age_on(ry.end))}", cid)
    code = child.ethnicity.strip() or NOT_RECORDED
    t.add(f"ethnicity_at_year_end.{code}", cid)
    if is_bme(code):
        t.add("bme_percent", cid)  # the numerator's children, for drill-down
    t.add(f"placements_at_year_end.{episode.place or NOT_RECORDED}", cid)
    t.add(f"legal_status_at_year_end.{episode.ls or NOT_RECORDED}", cid)
    if child.disabled:
        t.add("disability_percent", cid)


def _rate(at_year_end: int, population_0_17: int | None) -> int | None:
    # Issue 4: a whole number, null if the population setting is empty (0 counts as empty).
    if not population_0_17:
        return None
    return whole(Decimal(at_year_end) * 10000 / Decimal(population_0_17))
