"""The looked-after population of 2018-19 (1 Apr 2018 to 31 Mar 2019), worked out by hand."""

from datetime import date

import pytest

from iro_tracker.rules.metrics import annual_report, drilldown
from iro_tracker.rules.metrics.tests.builders import child, ep, snap

D = date

# One child per boundary; every figure below is counted by hand from this list.
CHILDREN = [
    # c1 leaves on 31 Mar 2019: on that day no longer looked after (DEC > d fails).
    child("c1", D(2005, 1, 1), "M", "WBRI"),
    # c2 starts on 1 Apr 2019: the next year.
    child("c2", D(2010, 1, 1), "F", "WBRI"),
    # c3 starts on 1 Apr 2018, first day of the year; turns 1 on 31 Mar 2019.
    child("c3", D(2018, 3, 31), "M", "WBRI"),
    # c4's DEC is 1 Apr 2018: looked after on 31 Mar 2018 and during the year.
    child("c4", D(2008, 1, 1), "F", "WBRI"),
    # c5's DEC is 31 Mar 2018: not looked after on 31 Mar 2018, nor during the year.
    child("c5", D(2008, 1, 1), "F", "WBRI"),
    # c6 only has short breaks (V3).
    child("c6", D(2008, 1, 1), "M", "WBRI"),
    # c7's only episode starts mid-year with RNE P: in care but no known start.
    child("c7", D(2014, 4, 1), "F", "WOTH", disabled=True),
    # c8: two chained episodes, placement and legal status change on 1 Dec 2018.
    child("c8", D(2009, 3, 31), "M", "MWBC", uasc=True, uasc_ceased=D(2019, 3, 30)),
    # c9: two open episodes (the first never closed); sex unknown.
    child("c9", D(2003, 4, 1), "U", "REFU", disabled=True, uasc=True),
    # c10: starts 1 Jun 2018; UASC status ceases on 31 Mar 2019 itself.
    child("c10", D(2003, 3, 31), "F", "NOBT", uasc=True, uasc_ceased=D(2019, 3, 31)),
    # c11: starts 1 Jul 2018, a baby.
    child("c11", D(2018, 6, 15), "M", "WBRI"),
]
EPISODES = [
    ep("c1", D(2017, 6, 1), D(2019, 3, 31), place="U6", rec="E13"),
    ep("c2", D(2019, 4, 1)),
    ep("c3", D(2018, 4, 1), ls="V2", place="U6"),
    ep("c4", D(2017, 1, 1), D(2018, 4, 1), rec="E4A"),
    ep("c5", D(2016, 1, 1), D(2018, 3, 31)),
    ep("c6", D(2018, 5, 1), D(2018, 5, 3), ls="V3", place="U6", rec="E8"),
    ep("c6", D(2018, 6, 10), D(2018, 6, 12), ls="V3", place="U6", rec="E8"),
    ep("c7", D(2018, 10, 15), rne="P", ls="C1", place="R1"),
    ep("c8", D(2018, 1, 1), D(2018, 12, 1), ls="C1", place="U6", rec="X1"),
    ep("c8", D(2018, 12, 1), rne="L", ls="C2", place="U4"),
    ep("c9", D(2017, 5, 1), ls="V2", place="U6"),
    ep("c9", D(2018, 5, 1), rne="P", ls="C2", place="K2"),
    ep("c10", D(2018, 6, 1), ls="E1", place="U4"),
    ep("c11", D(2018, 7, 1), ls="C1", place="U6"),
]


@pytest.fixture
def snapshot():
    return snap(EPISODES, children=CHILDREN, population_0_17=60_000)


def test_children_looked_after_counts_each_boundary_as_the_definitions_say(snapshot):
    assert annual_report(snapshot, 2018)["children_looked_after"] == {
        "at_year_end": 6,  # c3 c7 c8 c9 c10 c11 (not c1, whose DEC is 31 Mar 2019)
        "during_year": 8,  # c1 c3 c4 c7 c8 c9 c10 c11 (c4's DEC on 1 Apr counts)
        "started_in_year": 3,  # c3 c10 c11 (c7 and c9's second period have RNE P)
        "ceased_in_year": 2,  # c1 (31 Mar 2019) and c4 (1 Apr 2018)
        "net_change": 2,  # 6 at year end minus 4 on 31 Mar 2018 (c1 c4 c8 c9)
        "uasc_at_year_end": 2,  # c9 (no DUC) and c10 (DUC on 31 Mar); c8's DUC 30 Mar
        "rate_per_10000": 1,  # 6 / 60,000 x 10,000 = 1.0
    }


def test_drilldown_lists_the_children_behind_the_boundary_counts(snapshot):
    assert drilldown(snapshot, 2018, "children_looked_after.at_year_end") == [
        "c10", "c11", "c3", "c7", "c8", "c9"
    ]  # fmt: skip
    assert drilldown(snapshot, 2018, "children_looked_after.during_year") == [
        "c1", "c10", "c11", "c3", "c4", "c7", "c8", "c9"
    ]  # fmt: skip
    assert drilldown(snapshot, 2018, "children_looked_after.started_in_year") == [
        "c10", "c11", "c3"
    ]  # fmt: skip
    assert drilldown(snapshot, 2018, "children_looked_after.ceased_in_year") == ["c1", "c4"]
    assert drilldown(snapshot, 2018, "children_looked_after.uasc_at_year_end") == ["c10", "c9"]


def test_a_child_starting_on_1_april_belongs_to_the_next_year(snapshot):
    lac = annual_report(snapshot, 2019)["children_looked_after"]
    assert drilldown(snapshot, 2019, "children_looked_after.started_in_year") == ["c2"]
    # 2019-20: c2 c3 c7 c8 c9 c10 c11; c1 left on 31 Mar 2019 and is not in care in 2019.
    assert lac["during_year"] == 7
    assert lac["at_year_end"] == 7
    assert lac["net_change"] == 1  # 7 minus the 6 of 31 Mar 2019


def test_monthly_counts_are_keyed_by_the_12_month_ends(snapshot):
    assert annual_report(snapshot, 2018)["monthly_counts"] == {
        "2018-04-30": 4,  # c1 c3 c8 c9 (c4 left on 1 Apr)
        "2018-05-31": 4,
        "2018-06-30": 5,  # + c10
        "2018-07-31": 6,  # + c11
        "2018-08-31": 6,
        "2018-09-30": 6,
        "2018-10-31": 7,  # + c7
        "2018-11-30": 7,
        "2018-12-31": 7,
        "2019-01-31": 7,
        "2019-02-28": 7,
        "2019-03-31": 6,  # - c1, equal to at_year_end
    }


def test_monthly_counts_use_29_february_in_a_leap_year(snapshot):
    keys = list(annual_report(snapshot, 2019)["monthly_counts"])
    assert keys[0] == "2019-04-30"
    assert keys[10:] == ["2020-02-29", "2020-03-31"]


def test_sex_and_age_bands_at_year_end(snapshot):
    report = annual_report(snapshot, 2018)
    # c9's sex is U: in neither column (issue 4 counts SEX 1 and 2).
    assert report["sex_at_year_end"] == {"male": 3, "female": 2}
    assert report["age_at_year_end"] == {
        "under_1": 1,  # c11
        "1_to_4": 2,  # c3 (1 on 31 Mar itself), c7 (5 only on 1 Apr)
        "5_to_9": 0,
        "10_to_15": 2,  # c8 (10 on 31 Mar itself), c9 (16 only on 1 Apr)
        "16_and_over": 1,  # c10 (16 on 31 Mar itself)
    }
    assert drilldown(snapshot, 2018, "age_at_year_end.1_to_4") == ["c3", "c7"]
    assert drilldown(snapshot, 2018, "age_at_year_end.5_to_9") == []
    assert drilldown(snapshot, 2018, "sex_at_year_end.female") == ["c10", "c7"]


def test_ethnicity_and_bme_percent_leave_refused_and_not_obtained_out(snapshot):
    report = annual_report(snapshot, 2018)
    # In code-list order; codes that do not occur are left out.
    ethnicity = {"WBRI": 2, "WOTH": 1, "MWBC": 1, "REFU": 1, "NOBT": 1}
    assert report["ethnicity_at_year_end"] == ethnicity
    # BME: WOTH and MWBC = 2, over 6 children less REFU and NOBT = 4.
    assert report["bme_percent"] == 50.0
    assert drilldown(snapshot, 2018, "bme_percent") == ["c7", "c8"]
    assert drilldown(snapshot, 2018, "ethnicity_at_year_end.CHNE") == []


def test_placement_and_legal_status_use_the_latest_open_episode(snapshot):
    report = annual_report(snapshot, 2018)
    # c8: its second episode (U4, C2); c9: of two open episodes the later DECOM (K2, C2).
    assert report["placements_at_year_end"] == {"K2": 1, "R1": 1, "U4": 2, "U6": 2}
    assert report["legal_status_at_year_end"] == {"C1": 2, "C2": 2, "E1": 1, "V2": 1}
    assert drilldown(snapshot, 2018, "placements_at_year_end.U4") == ["c10", "c8"]
    assert drilldown(snapshot, 2018, "legal_status_at_year_end.C2") == ["c8", "c9"]


def test_disability_percent_is_over_children_looked_after_at_year_end(snapshot):
    assert annual_report(snapshot, 2018)["disability_percent"] == 33.3  # c7, c9 of 6
    assert drilldown(snapshot, 2018, "disability_percent") == ["c7", "c9"]


def test_short_breaks_are_excluded_from_every_figure_and_counted_separately(snapshot):
    report = annual_report(snapshot, 2018)
    assert "c6" not in drilldown(snapshot, 2018, "children_looked_after.during_year")
    assert report["short_breaks"]["children"] == 1
    assert drilldown(snapshot, 2018, "short_breaks.children") == ["c6"]
    assert sum(report["sex_at_year_end"].values()) + 1 == 6  # c9 (U) is the only one missing


def test_a_child_only_on_short_breaks_makes_every_looked_after_figure_zero():
    only = snap([ep("x", D(2018, 5, 1), D(2018, 5, 3), ls="V4", place="U6", rec="E8")])
    report = annual_report(only, 2018)
    assert report["children_looked_after"]["during_year"] == 0
    assert report["children_looked_after"]["started_in_year"] == 0
    assert report["children_looked_after"]["ceased_in_year"] == 0
    assert report["short_breaks"]["children"] == 1


def test_rate_per_10000_rounds_half_up_to_a_whole_number():
    episodes = [ep(f"r{i}", D(2018, 5, 1)) for i in range(6)]
    # 6 / 24,000 x 10,000 = 2.5: half up gives 3 (round() would give 2).
    report = annual_report(snap(episodes, population_0_17=24_000), 2018)
    assert report["children_looked_after"]["rate_per_10000"] == 3


@pytest.mark.parametrize("population", [None, 0])
def test_rate_per_10000_is_null_without_a_population(population):
    report = annual_report(snap([ep("r", D(2018, 5, 1))], population_0_17=population), 2018)
    assert report["children_looked_after"]["rate_per_10000"] is None


def test_an_empty_year_gives_zero_counts_and_null_percentages():
    report = annual_report(snap([]), 2018)
    assert report["children_looked_after"]["at_year_end"] == 0
    assert report["bme_percent"] is None
    assert report["disability_percent"] is None
    assert report["ethnicity_at_year_end"] == {}
    assert set(report["monthly_counts"].values()) == {0}


def test_a_blank_code_is_counted_as_not_recorded_and_not_in_bme_percent():
    children = [child("a", ethnicity=""), child("b", ethnicity="WBRI")]
    episodes = [ep("a", D(2018, 5, 1), place=""), ep("b", D(2018, 5, 1))]
    report = annual_report(snap(episodes, children=children), 2018)
    assert report["ethnicity_at_year_end"] == {"WBRI": 1, "not_recorded": 1}
    assert report["placements_at_year_end"] == {"U4": 1, "not_recorded": 1}
    assert report["bme_percent"] == 0.0  # 0 of the 1 child with a known ethnicity
