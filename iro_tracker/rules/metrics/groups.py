"""The seed report's groupings of 903 codes: placements, legal status, leaving care, ethnicity.

The annual report's figures count by 903 code (``placements_at_year_end.U4``...); a Corporate
Parenting Panel reads them in the few groups the seed report uses (§7, §8: "Foster placement
478, Homes and hostels 46..."). A group's count is the sum of its codes' counts, computed
from the unsuppressed figures: ``reporting`` groups first and suppresses afterwards, so that
no group total is ever computed from a suppressed cell.

Every code belongs to exactly one group; a code no named group claims (a new DfE code, a
blank recorded as ``not_recorded``) falls in ``"other"``, so each grouped table adds up to
the table it groups.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from iro_tracker.rules import codes

OTHER = "other"


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    codes: frozenset[str]


@dataclass(frozen=True)
class Grouping:
    """An ordered set of groups over one 903 code list, with ``"other"`` last."""

    name: str
    groups: tuple[Group, ...]
    other_label: str = "Other"

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for group in self.groups:
            if seen & group.codes:
                raise ValueError(f"{self.name}: {sorted(seen & group.codes)} in two groups")
            seen |= group.codes

    @property
    def keys(self) -> tuple[str, ...]:
        return (*(g.key for g in self.groups), OTHER)

    def label(self, key: str) -> str:
        for group in self.groups:
            if group.key == key:
                return group.label
        if key == OTHER:
            return self.other_label
        raise KeyError(key)

    def group_of(self, code: str) -> str:
        """The key of the group ``code`` belongs to (``"other"`` if none claims it)."""
        for group in self.groups:
            if code in group.codes:
                return group.key
        return OTHER

    def codes_in(self, key: str, present: Mapping[str, object]) -> list[str]:
        """The codes of ``present`` (a by-code table) that fall in group ``key``."""
        return [code for code in present if self.group_of(code) == key]

    def count(self, table: Mapping[str, object]) -> dict[str, int]:
        """Group totals of a by-code table of counts, every group listed (0 if empty).

        The table must hold plain counts: a suppressed cell (a string) cannot be added up,
        so it raises TypeError rather than give a total that is silently wrong.
        """
        totals = dict.fromkeys(self.keys, 0)
        for code, n in table.items():
            if not isinstance(n, int) or isinstance(n, bool):
                raise TypeError(
                    f"{self.name}: {code}={n!r} is not a count; group before suppressing"
                )
            totals[self.group_of(code)] += n
        return totals


def _codes(*items: str) -> frozenset[str]:
    return frozenset(items)


# Seed report §8.1. The seed has no "Other" row: its eight groups held every child.
# Residential accommodation takes R3 (family centre or mother and baby unit) and R5 (young
# offender institution) too, as the demo authority's calibration does, so both agree.
PLACEMENT_GROUPS = Grouping(
    "placements",
    (
        Group("foster", "Foster placement", frozenset(codes.FOSTER_PLACEMENTS)),
        Group("homes_hostels", "Homes and hostels", _codes("H5", "K3", "P2")),
        Group("residential", "Residential accommodation", _codes("K1", "K2", "R1", "R3", "R5")),
        Group("parents", "Placed with parents", _codes("P1")),
        Group("adoption", "Placed for adoption", _codes("A3", "A4", "A5", "A6")),
        Group("temporary", "Temporary move (respite)", frozenset(codes.TEMPORARY_PLACEMENTS)),
        Group("residential_school", "Residential school", _codes("S1")),
        Group("health", "NHS / Health", _codes("R2")),
    ),
    other_label="Other placement",
)

# Seed report §7 ("Legal status of LAC as at 31/03/2019"). V3/V4 (short breaks) never
# reach this table: those children are not counted as looked after.
LEGAL_STATUS_GROUPS = Grouping(
    "legal_status",
    (
        Group("care_order", "Care order", _codes("C2")),
        Group("interim_care_order", "Interim care order", _codes("C1")),
        Group("placement_order", "Placement order", _codes("E1", "D1")),
        Group("section_20", "Section 20 (accommodated with consent)", _codes("V2")),
        Group("youth_justice", "Youth justice (remand, PACE, YRO)", _codes("J1", "J2", "J3")),
        Group("emergency", "Emergency (police protection, EPO, CAO)", _codes("L1", "L2", "L3")),
    ),
    other_label="Other legal status",
)

# Seed report §8 ("Where do children go when they leave our care?"). "18+" is by reason,
# the reasons used when a young person leaves care as an adult; the report's
# ``ceased.aged_18_plus`` counts by age instead and is shown beside it.
LEAVING_GROUPS = Grouping(
    "leaving",
    (
        Group(
            "adult",
            "18+ (staying put, independent living, adult care)",
            _codes("E17", "E5", "E6", "E7"),
        ),
        Group(
            "family_friends", "Returned to live with family or friends", _codes("E13", "E4A", "E4B")
        ),
        Group("adoption", "Adopted", frozenset(codes.ADOPTED_REC)),
        Group("sgo", "Special guardianship order", _codes("E45", "E46", "E47", "E48")),
        Group("cao", "Child arrangements (residence) order", _codes("E41")),
    ),
    other_label="Other reason",
)

# The DfE's broad ethnic groups (as in the Children looked after statistics): Chinese is in
# "Other ethnic group", and refused / not obtained / blank are "Not known".
ETHNICITY_GROUPS = Grouping(
    "ethnicity",
    (
        Group("white_british", "White British", _codes("WBRI")),
        Group("white_other", "Other White background", _codes("WIRI", "WOTH", "WIRT", "WROM")),
        Group("mixed", "Mixed or multiple ethnic groups", _codes("MWBC", "MWBA", "MWAS", "MOTH")),
        Group("asian", "Asian or Asian British", _codes("AIND", "APKN", "ABAN", "AOTH")),
        Group("black", "Black or Black British", _codes("BCRB", "BAFR", "BOTH")),
        Group("other_ethnic", "Other ethnic group", _codes("CHNE", "OOTH")),
    ),
    other_label="Not known (refused, not obtained or not recorded)",
)

# Report key of each by-code table -> its grouping.
GROUPINGS: dict[str, Grouping] = {
    "placements_at_year_end": PLACEMENT_GROUPS,
    "legal_status_at_year_end": LEGAL_STATUS_GROUPS,
    "ceased.by_reason": LEAVING_GROUPS,
    "ethnicity_at_year_end": ETHNICITY_GROUPS,
}


def grouped_tables(report: Mapping[str, object]) -> dict[str, dict[str, int]]:
    """Every grouped table of an (unsuppressed) annual report, by grouping name.

    ``{"placements": {"foster": 478, ...}, "legal_status": ..., "leaving": ...,
    "ethnicity": ...}``.
    """
    result = {}
    for path, grouping in GROUPINGS.items():
        table: object = report
        for part in path.split("."):
            table = table.get(part) if isinstance(table, Mapping) else None
        result[grouping.name] = grouping.count(table if isinstance(table, Mapping) else {})
    return result


def grouping_named(name: str) -> tuple[str, Grouping]:
    """The report path of the by-code table grouped by ``name``, and the grouping."""
    for path, grouping in GROUPINGS.items():
        if grouping.name == name:
            return path, grouping
    raise KeyError(name)
