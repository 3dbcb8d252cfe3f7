"""The report's shape, the service section, the extra hooks and the drill-down."""

import json
from datetime import date

import pytest

from iro_tracker.rules.metrics import (
    REPORT_KEYS,
    AllocationRecord,
    StaffRecord,
    annual_report,
    annual_report_with_previous,
    drilldown,
    review_rows,
)
from iro_tracker.rules.metrics.annual import EXTRA_SECTIONS, merge_extras
from iro_tracker.rules.metrics.tests.builders import child, ep, rev, snap
from iro_tracker.rules.metrics.tests.synthetic import synthetic_snapshot

D = date

EPISODES = [
    ep("a", D(2018, 6, 4)),
    ep("b", D(2018, 6, 4)),
    ep("sb", D(2018, 5, 1), D(2018, 5, 3), ls="V3", place="U6", rec="E8"),
]
REVIEWS = [
    rev("a", D(2018, 7, 2), chair_id="s1"),
    rev("a", D(2018, 10, 1), chair_id="s1"),  # review 2, due 2 Oct
    rev("b", D(2018, 7, 2), chair_id="s2"),
    rev("sb", D(2018, 8, 1), chair_id="s4"),  # a short-break review, chaired all the same
]
STAFF = [
    StaffRecord("s1", "Ann", 1.0, is_iro=True, is_cpa=True),
    StaffRecord("s2", "Bea", 0.5, is_iro=True, is_cpa=False, active_to=D(2019, 3, 31)),
    StaffRecord("s3", "Cal", 0.8, is_iro=True, is_cpa=False, active_to=D(2019, 3, 30)),
    StaffRecord("s4", "Dee", 1.0, is_iro=False, is_cpa=True),
]
ALLOCATIONS = [
    AllocationRecord("a", "s1", D(2018, 6, 4)),
    AllocationRecord("b", "s2", D(2018, 6, 4), D(2019, 3, 30)),
]


def test_the_report_has_exactly_the_keys_of_the_definitions():
    report = annual_report(snap(EPISODES, REVIEWS), 2018)
    assert tuple(report) == REPORT_KEYS
    assert report["year"] == 2018
    assert report["period"] == {"start": "2018-04-01", "end": "2019-03-31"}
    assert list(report["children_looked_after"]) == [
        "at_year_end", "during_year", "started_in_year", "ceased_in_year", "net_change",
        "uasc_at_year_end", "rate_per_10000",
    ]  # fmt: skip
    assert list(report["reviews"]) == [
        "held", "on_time", "late", "not_assessable", "on_time_percent", "days_late",
        "late_reasons",
    ]  # fmt: skip
    assert list(report["reviews"]["days_late"]) == ["1", "2_to_7", "8_to_28", "29_plus"]
    assert list(report["participation"]) == ["by_code", "participated", "eligible", "percent"]
    assert list(report["ceased"]) == [
        "by_reason", "aged_18_plus", "formal_arrangements_percent", "staying_put_percent"
    ]  # fmt: skip
    assert list(report["short_breaks"]) == ["children", "reviews_held", "reviews_on_time"]
    # The sections only the product records (issues 5, 6, 7, 9), between service and the
    # disability percentage, are None until a feature hands its figures over.
    after_service = REPORT_KEYS.index("service") + 1
    assert REPORT_KEYS[after_service : REPORT_KEYS.index("disability_percent")] == (
        "child_protection", "quality_assurance", "health", "education", "legal_proceedings",
        "placement_stability", "issues_resolution",
    )  # fmt: skip
    assert all(report[key] is None for key in EXTRA_SECTIONS)
    assert json.loads(json.dumps(report)) == report


def test_service_figures_from_staff_allocations_and_reviews():
    snapshot = snap(EPISODES, REVIEWS, staff=STAFF, allocations=ALLOCATIONS)
    assert annual_report(snapshot, 2018)["service"] == {
        "iro_fte": 1.5,  # s1 + s2 (in post on 31 Mar itself); s3 left on 30 Mar
        "iro_headcount": 2,
        "allocated_children": 1,  # b's allocation ended on 30 Mar
        "lac_per_fte": 0.7,  # 1 / 1.5
        "caseload_band": [50, 70],
        "reviews_chaired": 4,  # 3 looked-after reviews and 1 short-break review
        "conferences_chaired": None,
        # With no conferences recorded the chairs are the IROs: 2.3 FTE at the first 11
        # month ends, 1.5 on 31 Mar: 26.8 / 12 = 2.233.
        "chair_fte": 2.23,
        "meetings_per_chair": 1.8,  # 4 / 2.23
    }
    assert drilldown(snapshot, 2018, "service.allocated_children") == ["a"]
    assert drilldown(snapshot, 2018, "service.lac_per_fte") == ["a"]
    assert drilldown(snapshot, 2018, "service.reviews_chaired") == ["a", "b", "sb"]


def test_recorded_conferences_add_to_meetings_and_bring_cpas_into_the_chairs():
    extra = {"service": {2018: {"conferences_chaired": 10, "cp_children": 40}}}
    snapshot = snap(EPISODES, REVIEWS, staff=STAFF, allocations=ALLOCATIONS, extra=extra)
    service = annual_report(snapshot, 2018)["service"]
    # s4 (CPA only) now chairs: 3.3 FTE for 11 month ends, 2.5 on 31 Mar: 38.8 / 12 = 3.233.
    assert service["chair_fte"] == 3.23
    assert service["meetings_per_chair"] == 4.3  # (4 + 10) / 3.23
    assert (service["conferences_chaired"], service["cp_children"]) == (10, 40)


def test_service_figures_are_null_without_staff_or_allocation_records():
    snapshot = snap(EPISODES, REVIEWS, extra={"service": {2018: {}}})
    service = annual_report(snapshot, 2018)["service"]
    assert service["iro_fte"] is None
    assert service["iro_headcount"] is None
    assert service["allocated_children"] is None
    assert service["lac_per_fte"] is None
    assert service["chair_fte"] is None
    assert service["meetings_per_chair"] is None
    assert service["reviews_chaired"] == 4


def test_a_figure_recorded_in_extra_fills_a_null_service_figure_only():
    extra = {"service": {2018: {"iro_fte": 12.3, "iro_headcount": 99}}}
    no_staff = annual_report(snap(EPISODES, REVIEWS, extra=extra), 2018)["service"]
    assert (no_staff["iro_fte"], no_staff["iro_headcount"]) == (12.3, 99)
    with_staff = annual_report(snap(EPISODES, REVIEWS, staff=STAFF, extra=extra), 2018)
    assert with_staff["service"]["iro_headcount"] == 2


def test_extra_sections_come_by_year_from_a_mapping_or_a_callable():
    extra = {
        "health": {2018: {"iha_within_20_working_days": 40, "iha_due": 93}},
        "legal_proceedings": lambda snapshot, year: {"care_proceedings_issued": year - 1925},
    }
    both = annual_report_with_previous(snap(EPISODES, REVIEWS, extra=extra), 2018)
    assert both["year"] == 2018
    assert both["current"]["health"] == {"iha_within_20_working_days": 40, "iha_due": 93}
    assert both["previous"]["health"] is None
    assert both["current"]["legal_proceedings"] == {"care_proceedings_issued": 93}
    assert both["previous"]["legal_proceedings"] == {"care_proceedings_issued": 92}
    assert both["current"]["issues_resolution"] is None


def test_short_break_figures_from_extra_join_those_counted_here_which_win():
    extra = {"short_breaks": {2018: {"breaks": 4, "days": 9, "children": 99}}}
    report = annual_report(snap(EPISODES, REVIEWS, extra=extra), 2018)
    assert report["short_breaks"] == {
        "children": 1,  # counted from the episodes: the 99 handed over is ignored
        "reviews_held": 1,
        "reviews_on_time": 1,
        "breaks": 4,
        "days": 9,
    }
    assert annual_report(snap(EPISODES, REVIEWS, extra=extra), 2017)["short_breaks"] == {
        "children": 0, "reviews_held": 0, "reviews_on_time": 0,
    }  # fmt: skip


def test_merged_extras_keep_each_features_sections_and_join_their_service_figures():
    cp = {
        "child_protection": {2018: {"conferences": {"total": 10}}},
        "service": {2018: {"conferences_chaired": 10, "cp_children": 40}},
    }
    other = {
        "health": lambda snapshot, year: {"iha_due": year - 2000},
        "service": lambda snapshot, year: {"cp_children": 40, "panel_visits": 2},
    }
    extra = merge_extras(cp, other, {"education": None})
    assert extra["child_protection"] is cp["child_protection"]
    assert extra["health"] is other["health"]
    assert "education" not in extra
    snapshot = snap(EPISODES, REVIEWS, staff=STAFF, allocations=ALLOCATIONS, extra=extra)
    report = annual_report(snapshot, 2018)
    assert report["health"] == {"iha_due": 18}
    assert report["child_protection"] == {"conferences": {"total": 10}}
    service = report["service"]
    assert (service["conferences_chaired"], service["cp_children"]) == (10, 40)
    assert service["panel_visits"] == 2
    assert service["iro_headcount"] == 2  # computed figures still win
    # A year one feature has no figures for takes the other's alone.
    previous = annual_report(snapshot, 2017)["service"]
    assert (previous["conferences_chaired"], previous["panel_visits"]) == (None, 2)


def test_two_features_giving_one_figure_differently_is_refused():
    extra = merge_extras(
        {"service": {2018: {"cp_children": 40}}},
        {"service": {2018: {"cp_children": 41}}},
    )
    with pytest.raises(ValueError, match="cp_children"):
        annual_report(snap(EPISODES, REVIEWS, extra=extra), 2018)
    with pytest.raises(TypeError, match="reporting years"):
        merge_extras({"service": {"cp_children": 1}}, {"service": {}})["service"](None, 2018)


def test_extra_figures_not_keyed_by_year_are_refused():
    snapshot = snap(EPISODES, REVIEWS, extra={"health": {"iha_due": 93}})
    with pytest.raises(TypeError, match="reporting years"):
        annual_report(snapshot, 2018)


def test_report_with_previous_puts_last_year_beside_this_year():
    both = annual_report_with_previous(snap(EPISODES, REVIEWS), 2018)
    assert (both["current"]["year"], both["previous"]["year"]) == (2018, 2017)
    assert both["previous"]["period"] == {"start": "2017-04-01", "end": "2018-03-31"}
    assert both["current"]["children_looked_after"]["at_year_end"] == 2
    assert both["previous"]["children_looked_after"]["at_year_end"] == 0


def test_percentages_round_half_up():
    # 1 of 16 eligible = 6.25%: 6.3 (round() would give 6.2).
    codes = ["PN1"] + ["PN7"] * 15
    snapshot = snap(
        [ep(f"c{i}", D(2018, 6, 4)) for i in range(16)],
        [rev(f"c{i}", D(2018, 7, 2), code) for i, code in enumerate(codes)],
    )
    assert annual_report(snapshot, 2018)["participation"]["percent"] == 6.3


def test_drilldown_of_monthly_counts_and_rate():
    snapshot = snap(EPISODES, REVIEWS)
    assert drilldown(snapshot, 2018, "monthly_counts.2018-05-31") == []
    assert drilldown(snapshot, 2018, "monthly_counts.2018-06-30") == ["a", "b"]
    assert drilldown(snapshot, 2018, "children_looked_after.rate_per_10000") == ["a", "b"]


@pytest.mark.parametrize(
    "key",
    [
        "year",
        "period.start",
        "children_looked_after.net_change",
        "service.iro_headcount",
        "service.iro_fte",
        "age_at_year_end.17_plus",
        "monthly_counts.2018-06-15",
        "reviews",
        "reviews.late_reasons",
        "health",
        "nonsense",
    ],
)
def test_drilldown_refuses_keys_that_are_not_counts_of_children(key):
    with pytest.raises(KeyError):
        drilldown(snap(EPISODES, REVIEWS), 2018, key)


def test_a_snapshot_refuses_rows_for_unknown_or_duplicate_children():
    with pytest.raises(ValueError, match="unknown children"):
        snap([ep("ghost", D(2018, 1, 1))], children=[child("a")])
    with pytest.raises(ValueError, match="share a child_id"):
        snap([], children=[child("a"), child("a")])


@pytest.mark.parametrize("year", [2016, 2017, 2018, 2019])
def test_figures_add_up_on_a_synthetic_authority(year):
    # Not hand-worked figures: identities every report must satisfy, on messy data.
    snapshot = synthetic_snapshot(300, seed=7)
    report = annual_report(snapshot, year)
    previous = annual_report(snapshot, year - 1)
    lac, reviews = report["children_looked_after"], report["reviews"]
    at_end = lac["at_year_end"]
    assert lac["net_change"] == at_end - previous["children_looked_after"]["at_year_end"]
    assert report["monthly_counts"][f"{year + 1}-03-31"] == at_end
    for table in ("age_at_year_end", "ethnicity_at_year_end", "placements_at_year_end",
                  "legal_status_at_year_end"):  # fmt: skip
        assert sum(report[table].values()) == at_end
    assert sum(report["ceased"]["by_reason"].values()) == lac["ceased_in_year"]
    assert reviews["held"] == reviews["on_time"] + reviews["late"] + reviews["not_assessable"]
    assert sum(reviews["days_late"].values()) == reviews["late"]
    assert len(review_rows(snapshot, year)) == reviews["held"]
    participation = report["participation"]
    by_code = participation["by_code"]
    assert participation["eligible"] == participation["participated"] + by_code["PN7"]
    assert len(drilldown(snapshot, year, "children_looked_after.at_year_end")) == at_end
    assert len(drilldown(snapshot, year, "reviews.held")) <= reviews["held"]
