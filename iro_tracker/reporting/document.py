"""The figures every renderer reads: this year's report beside last year's (no Django).

``report_data`` computes the ``annual_report`` of the year and of the year before from one
snapshot, adds the tables the seed report shows that are not report keys (the grouped
tables of ``rules.metrics.groups`` and the year-end population by age and sex), and then,
for the published version, suppresses small numbers. Grouping happens before suppression,
so no total is ever added up from a suppressed cell.

``children_behind`` answers the drill-down pages for every count shown, including the
grouped and cross-tabulated ones, with the same code that computes the figures; for the
sections a feature fills through ``Snapshot.extra`` it asks that feature's drill-down, which
the snapshot carries (``reporting.snapshot.feature_drilldowns``; a snapshot built by hand
has none, and those counts then have no children to list).
"""

from __future__ import annotations

from typing import Any

from iro_tracker.rules.metrics import ReportingYear, Snapshot, annual_report, drilldown, suppress
from iro_tracker.rules.metrics.groups import grouped_tables, grouping_named
from iro_tracker.rules.metrics.population import AGE_BANDS, age_band

SEXES = ("male", "female")
_SEX_CODES = {"M": "male", "F": "female"}
AT_YEAR_END = "children_looked_after.at_year_end"


def age_by_sex(snapshot: Snapshot, year: int) -> dict[str, dict[str, int]]:
    """Children looked after at year end by age band and sex (seed report §6.2's chart).

    ``{"under_1": {"male": n, "female": n}, ...}``: the children are those behind
    ``children_looked_after.at_year_end`` and the bands and sexes are the report's own, so
    each row adds up to ``age_at_year_end`` and each column to ``sex_at_year_end``.
    """
    end = ReportingYear(year).end
    table = {band: dict.fromkeys(SEXES, 0) for band in AGE_BANDS}
    for child_id in drilldown(snapshot, year, AT_YEAR_END):
        child = snapshot.children_by_id[child_id]
        sex = _SEX_CODES.get(child.sex)
        if sex is not None:  # SEX "U" is in neither column, as in sex_at_year_end
            table[age_band(child.age_on(end))][sex] += 1
    return table


def year_figures(snapshot: Snapshot, year: int) -> dict[str, Any]:
    """``annual_report(snapshot, year)`` plus ``groups`` and ``age_by_sex``."""
    report = annual_report(snapshot, year)
    report["groups"] = grouped_tables(report)
    report["age_by_sex"] = age_by_sex(snapshot, year)
    return report


def report_data(
    snapshot: Snapshot,
    year: int,
    *,
    previous_snapshot: Snapshot | None = None,
    suppress_below: int = 0,
) -> dict[str, Any]:
    """``{"year", "current", "previous", "population", "suppressed_below", "drill_sections"}``.

    ``previous_snapshot`` is the same data with last year's population (see
    ``reporting.snapshot.with_population``); by default ``snapshot`` itself.
    ``drill_sections``: the sections filled from ``Snapshot.extra`` that can list the
    children behind their counts (``drill_sections``). With
    ``suppress_below`` N > 1, counts 1 to N-1 read ``"<N"`` and the percentages that would
    reveal them ``"c"`` (``rules.metrics.suppress``), in both years.
    """
    previous_snapshot = previous_snapshot or snapshot
    data = {
        "year": year,
        "current": year_figures(snapshot, year),
        "previous": year_figures(previous_snapshot, year - 1),
        "population": {
            "current": snapshot.population_0_17,
            "previous": previous_snapshot.population_0_17,
        },
        "suppressed_below": suppress_below if suppress_below > 1 else 0,
        # Which sections filled by a feature can link a count to its children.
        "drill_sections": drill_sections(snapshot),
    }
    return suppress(data, suppress_below) if suppress_below > 1 else data


def children_behind(snapshot: Snapshot, year: int, key: str) -> list[str]:
    """The child ids behind figure ``key`` of the ``year`` report, each once, sorted.

    ``key`` is a ``drilldown`` key (``"reviews.late"``), a group
    (``"groups.placements.foster"``), a cell of the age-by-sex table
    (``"age_by_sex.10_to_15.female"``) or a count of a section filled from
    ``Snapshot.extra`` whose feature gives a drill-down (``"health.iha_due"``,
    ``"short_breaks.breaks"``, see ``drill_sections``). Raises KeyError for anything else.
    """
    parts = key.split(".")
    feature = _feature_drilldowns(snapshot).get(parts[0])
    if feature is not None:
        if parts[0] == "short_breaks":  # children and reviews are counted here, breaks not
            try:
                return drilldown(snapshot, year, key)
            except KeyError:
                pass
        return feature(snapshot, year, key)
    if parts[0] == "groups" and len(parts) == 3:
        path, grouping = grouping_named(parts[1])
        if parts[2] not in grouping.keys:
            raise KeyError(key)
        table: Any = annual_report(snapshot, year)
        for part in path.split("."):
            table = table[part]
        found: set[str] = set()
        for code in grouping.codes_in(parts[2], table):
            found.update(drilldown(snapshot, year, f"{path}.{code}"))
        return sorted(found)
    if parts[0] == "age_by_sex" and len(parts) == 3:
        band, sex = parts[1], parts[2]
        if band not in AGE_BANDS or sex not in SEXES:
            raise KeyError(key)
        end = ReportingYear(year).end
        return [
            child_id
            for child_id in drilldown(snapshot, year, AT_YEAR_END)
            if _SEX_CODES.get(snapshot.children_by_id[child_id].sex) == sex
            and age_band(snapshot.children_by_id[child_id].age_on(end)) == band
        ]
    return drilldown(snapshot, year, key)


def _feature_drilldowns(snapshot: Snapshot) -> dict[str, Any]:
    return dict(getattr(snapshot, "drilldowns", None) or {})


def drill_sections(snapshot: Snapshot) -> list[str]:
    """The sections filled from ``Snapshot.extra`` whose counts list their children."""
    return sorted(_feature_drilldowns(snapshot))
