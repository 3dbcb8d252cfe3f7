"""The seed report's groupings of placement, legal status, leaving and ethnicity codes."""

import pytest

from iro_tracker.rules import codes
from iro_tracker.rules.metrics import annual_report
from iro_tracker.rules.metrics.groups import (
    ETHNICITY_GROUPS,
    LEAVING_GROUPS,
    LEGAL_STATUS_GROUPS,
    OTHER,
    PLACEMENT_GROUPS,
    Group,
    Grouping,
    grouped_tables,
    grouping_named,
)
from iro_tracker.rules.metrics.suppression import suppress
from iro_tracker.rules.metrics.tests.synthetic import synthetic_snapshot


@pytest.mark.parametrize(
    "code,group",
    [
        ("U1", "foster"),
        ("U6", "foster"),
        ("H5", "homes_hostels"),
        ("K3", "homes_hostels"),
        ("P2", "homes_hostels"),
        ("K1", "residential"),
        ("K2", "residential"),
        ("R1", "residential"),
        ("P1", "parents"),
        ("A3", "adoption"),
        ("A6", "adoption"),
        ("T0", "temporary"),
        ("T4", "temporary"),
        ("S1", "residential_school"),
        ("R2", "health"),
        ("Z1", OTHER),
        ("P3", OTHER),
        ("not_recorded", OTHER),
    ],
)
def test_placement_codes_fall_in_the_seed_reports_groups(code, group):
    assert PLACEMENT_GROUPS.group_of(code) == group


@pytest.mark.parametrize(
    "code,group",
    [
        ("C2", "care_order"),
        ("C1", "interim_care_order"),
        ("E1", "placement_order"),
        ("D1", "placement_order"),
        ("V2", "section_20"),
        ("J1", "youth_justice"),
        ("J3", "youth_justice"),
        ("L1", "emergency"),
        ("L3", "emergency"),
        ("V3", OTHER),  # never counted as looked after, but never lost either
    ],
)
def test_legal_statuses_fall_in_the_seed_reports_groups(code, group):
    assert LEGAL_STATUS_GROUPS.group_of(code) == group


@pytest.mark.parametrize(
    "code,group",
    [
        ("E17", "adult"),
        ("E5", "adult"),
        ("E6", "adult"),
        ("E7", "adult"),
        ("E13", "family_friends"),
        ("E4A", "family_friends"),
        ("E4B", "family_friends"),
        ("E11", "adoption"),
        ("E12", "adoption"),
        ("E45", "sgo"),
        ("E48", "sgo"),
        ("E41", "cao"),
        ("E8", OTHER),
        ("E15", OTHER),
        ("E2", OTHER),
    ],
)
def test_reasons_for_leaving_fall_in_the_seed_reports_groups(code, group):
    assert LEAVING_GROUPS.group_of(code) == group


def test_every_code_of_each_list_is_in_exactly_one_group():
    for grouping, codelist in (
        (PLACEMENT_GROUPS, codes.PLACEMENT),
        (LEGAL_STATUS_GROUPS, codes.LEGAL_STATUS),
        (LEAVING_GROUPS, codes.REC),
        (ETHNICITY_GROUPS, codes.ETHNICITY),
    ):
        for code in codelist.codes():
            assert grouping.group_of(code) in grouping.keys


def test_ethnicity_groups_follow_the_dfe_broad_groups():
    assert ETHNICITY_GROUPS.group_of("WBRI") == "white_british"
    assert ETHNICITY_GROUPS.group_of("WROM") == "white_other"
    assert ETHNICITY_GROUPS.group_of("CHNE") == "other_ethnic"
    assert ETHNICITY_GROUPS.group_of("REFU") == OTHER
    assert ETHNICITY_GROUPS.group_of("NOBT") == OTHER


def test_a_code_cannot_be_in_two_groups():
    with pytest.raises(ValueError, match="two groups"):
        Grouping("x", (Group("a", "A", frozenset({"U1"})), Group("b", "B", frozenset({"U1"}))))


def test_counts_add_up_to_the_table_with_every_group_listed():
    table = {"U4": 400, "U1": 78, "K2": 30, "R1": 6, "Z1": 2}
    totals = PLACEMENT_GROUPS.count(table)
    assert list(totals) == list(PLACEMENT_GROUPS.keys)
    assert totals["foster"] == 478
    assert totals["residential"] == 36
    assert totals[OTHER] == 2
    assert totals["health"] == 0
    assert sum(totals.values()) == sum(table.values())


def test_grouping_a_suppressed_table_is_refused():
    with pytest.raises(TypeError, match="before suppressing"):
        PLACEMENT_GROUPS.count({"U4": 400, "U1": "<5"})


def test_labels_and_codes_in_a_group():
    assert PLACEMENT_GROUPS.label("foster") == "Foster placement"
    assert PLACEMENT_GROUPS.label(OTHER) == "Other placement"
    assert PLACEMENT_GROUPS.codes_in("foster", {"U4": 1, "K2": 2, "U1": 3}) == ["U4", "U1"]
    with pytest.raises(KeyError):
        PLACEMENT_GROUPS.label("nope")
    assert grouping_named("leaving") == ("ceased.by_reason", LEAVING_GROUPS)


def test_grouped_tables_of_a_report_add_up_to_its_totals():
    report = annual_report(synthetic_snapshot(600), 2018)
    grouped = grouped_tables(report)
    assert list(grouped) == ["placements", "legal_status", "leaving", "ethnicity"]
    at_year_end = report["children_looked_after"]["at_year_end"]
    assert sum(grouped["placements"].values()) == at_year_end
    assert sum(grouped["legal_status"].values()) == at_year_end
    assert sum(grouped["ethnicity"].values()) == at_year_end
    assert sum(grouped["leaving"].values()) == report["children_looked_after"]["ceased_in_year"]


def test_grouped_then_suppressed_never_adds_up_suppressed_cells():
    report = {"placements_at_year_end": {"U4": 10, "U1": 3, "R2": 2}}
    grouped = suppress({"groups": grouped_tables(report)}, 5)["groups"]["placements"]
    assert grouped["foster"] == 13  # from the real cells, not from "<5"
    assert grouped["health"] == "<5"
    assert grouped["residential"] == 0


def test_empty_report_gives_zero_groups():
    assert grouped_tables({})["placements"] == dict.fromkeys(PLACEMENT_GROUPS.keys, 0)
