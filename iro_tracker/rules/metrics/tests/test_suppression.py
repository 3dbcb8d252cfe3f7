"""Disclosure control: small counts and the percentages that would reveal them."""

import copy
from datetime import date

import pytest

from iro_tracker.rules.metrics import SUPPRESSED, annual_report, suppress
from iro_tracker.rules.metrics.tests.builders import child, ep, snap


def report():
    """A hand-made report (only the parts suppression looks at)."""
    return {
        "year": 2018,
        "period": {"start": "2018-04-01", "end": "2019-03-31"},
        "children_looked_after": {
            "at_year_end": 40,
            "during_year": 52,
            "started_in_year": 4,
            "ceased_in_year": 0,
            "net_change": 3,
            "uasc_at_year_end": 1,
            "rate_per_10000": 4,
        },
        "monthly_counts": {"2018-04-30": 39, "2018-05-31": 5},
        "ethnicity_at_year_end": {"WBRI": 30, "WOTH": 2, "MWBC": 2, "REFU": 6},
        "bme_percent": 11.8,  # 4 of 34
        "reviews": {
            "held": 100,
            "on_time": 97,
            "late": 3,
            "not_assessable": 0,
            "on_time_percent": 97.0,
            "days_late": {"1": 3, "2_to_7": 0, "8_to_28": 0, "29_plus": 0},
            "late_reasons": {"TRAVEL": 3},
        },
        "participation": {
            "by_code": {"PN0": 10, "PN1": 4},
            "participated": 4,
            "eligible": 50,
            "percent": 8.0,
        },
        "ceased": {
            "by_reason": {"E17": 5, "E13": 15},
            "aged_18_plus": 20,
            "formal_arrangements_percent": 10.0,  # 2 of 20
            "staying_put_percent": 25.0,  # 5 of 20
        },
        "service": {
            "iro_fte": 12.3,
            "iro_headcount": 3,
            "allocated_children": 40,
            "lac_per_fte": 3.3,
            "caseload_band": [50, 70],
            "reviews_chaired": 100,
            "conferences_chaired": None,
            "chair_fte": 12.3,
            "meetings_per_chair": 8.1,
        },
        "health": {"iha_in_time": 3, "iha_in_time_percent": 30.0, "iha_due": 10},
        "legal_proceedings": None,
        "disability_percent": 2.5,  # 1 of 40
        "short_breaks": {"children": 2, "reviews_held": 0, "reviews_on_time": 0},
    }


def test_counts_from_1_to_4_become_less_than_5_and_zero_stays():
    result = suppress(report(), 5)
    assert result["children_looked_after"] == {
        "at_year_end": 40,
        "during_year": 52,
        "started_in_year": "<5",
        "ceased_in_year": 0,
        "net_change": 3,  # a difference, not a count
        "uasc_at_year_end": "<5",
        "rate_per_10000": 4,  # a rate, and its numerator (40) is shown
    }
    assert result["monthly_counts"] == {"2018-04-30": 39, "2018-05-31": 5}
    assert result["ethnicity_at_year_end"] == {"WBRI": 30, "WOTH": "<5", "MWBC": "<5", "REFU": 6}
    assert result["reviews"]["late"] == "<5"
    assert result["reviews"]["days_late"] == {"1": "<5", "2_to_7": 0, "8_to_28": 0, "29_plus": 0}
    assert result["reviews"]["late_reasons"] == {"TRAVEL": "<5"}
    assert result["short_breaks"] == {"children": "<5", "reviews_held": 0, "reviews_on_time": 0}
    assert result["year"] == 2018
    assert result["period"] == {"start": "2018-04-01", "end": "2019-03-31"}


def test_percentages_whose_numerator_is_suppressed_are_suppressed_too():
    result = suppress(report(), 5)
    # Numerator 97 is shown, but 97.0% of a visible 100 would give away the 3 late reviews.
    assert result["reviews"]["on_time_percent"] == SUPPRESSED
    assert result["participation"]["percent"] == SUPPRESSED  # numerator 4
    # bme_percent's numerator is rebuilt from the ethnicity table: WOTH 2 + MWBC 2 = 4.
    assert result["bme_percent"] == SUPPRESSED
    # Not in the report: 10.0% of 20 can only be 2, and 2.5% of 40 only 1.
    assert result["ceased"]["formal_arrangements_percent"] == SUPPRESSED
    assert result["disability_percent"] == SUPPRESSED
    assert result["ceased"]["staying_put_percent"] == 25.0  # 5 of 20
    # A section filled from extra: "<x>_percent" takes its numerator from "<x>".
    assert result["health"] == {"iha_in_time": "<5", "iha_in_time_percent": SUPPRESSED,
                                "iha_due": 10}  # fmt: skip


def test_a_percentage_is_shown_when_both_sides_of_its_fraction_are_large():
    data = report()
    data["reviews"].update(on_time=90, late=10, on_time_percent=90.0)
    data["participation"].update(participated=40, eligible=50, percent=80.0)
    result = suppress(data, 5)
    assert result["reviews"]["on_time_percent"] == 90.0
    assert result["participation"]["percent"] == 80.0
    data["participation"].update(participated=47, percent=94.0)  # 3 did not take part
    assert suppress(data, 5)["participation"]["percent"] == SUPPRESSED


def test_service_counts_are_suppressed_but_not_fte_ratios_or_the_band():
    service = suppress(report(), 5)["service"]
    assert service["iro_headcount"] == "<5"
    assert (service["iro_fte"], service["lac_per_fte"], service["caseload_band"]) == (
        12.3, 3.3, [50, 70],
    )  # fmt: skip


def test_rate_and_ratio_are_suppressed_with_their_numerator():
    small = report()
    small["children_looked_after"]["at_year_end"] = 3
    small["service"]["allocated_children"] = 3
    result = suppress(small, 5)
    assert result["children_looked_after"]["rate_per_10000"] == SUPPRESSED
    assert result["service"]["lac_per_fte"] == SUPPRESSED


def test_a_percentage_over_a_large_denominator_is_suppressed_when_a_small_count_could_give_it():
    large = report()
    large["children_looked_after"]["at_year_end"] = 2000
    large["disability_percent"] = 0.1  # 2 of 2,000 (1 of 2,000 rounds to 0.1 as well)
    assert suppress(large, 5)["disability_percent"] == SUPPRESSED
    large["disability_percent"] = 0.3  # 5 or 6 of 2,000: no count below 5 gives 0.3
    assert suppress(large, 5)["disability_percent"] == 0.3


def test_the_threshold_is_the_argument():
    result = suppress(report(), 3)
    assert result["children_looked_after"]["started_in_year"] == 4
    assert result["ethnicity_at_year_end"]["WOTH"] == "<3"
    assert result["participation"]["percent"] == 8.0


@pytest.mark.parametrize("below", [0, 1])
def test_below_0_or_1_returns_the_report_unchanged(below):
    assert suppress(report(), below) == report()


def test_the_input_report_is_not_modified():
    original = report()
    kept = copy.deepcopy(original)
    suppress(original, 5)
    assert original == kept


def test_a_report_with_previous_is_suppressed_year_by_year():
    previous = report()
    previous["year"] = 2017
    result = suppress({"year": 2018, "current": report(), "previous": previous}, 5)
    assert result["year"] == 2018
    assert result["current"]["participation"]["percent"] == SUPPRESSED
    assert result["previous"]["year"] == 2017
    assert result["previous"]["reviews"]["late"] == "<5"


def test_a_computed_report_suppresses_end_to_end():
    children = [
        child("a", ethnicity="WBRI", disabled=True),
        child("b", ethnicity="WOTH"),
        *(child(c) for c in "cdefg"),
    ]
    episodes = [ep(c.child_id, date(2018, 5, 1)) for c in children]
    result = suppress(annual_report(snap(episodes, children=children), 2018), 5)
    assert result["children_looked_after"]["at_year_end"] == 7
    assert result["ethnicity_at_year_end"] == {"WBRI": 6, "WOTH": "<5"}
    assert result["bme_percent"] == SUPPRESSED  # 1 of 7
    assert result["disability_percent"] == SUPPRESSED  # 14.3: 1 of 7
    assert result["reviews"]["held"] == 0
    assert result["reviews"]["on_time_percent"] is None


def features_report(**counts):
    """The sections the features fill (issues 5, 6, 7, 9), with the counts given (else 10)."""

    def n(name: str) -> int:
        return counts.get(name, 10)

    data = report()
    data["service"].update(cp_children=n("cp_children"), combined_caseload=n("combined"),
                           combined_per_fte=2.5, chairs_above_band=n("chairs"))  # fmt: skip
    data["child_protection"] = {
        "conferences": {"initial": n("initial"), "total": 20},
        "initial_conferences": {
            "within_15_days_strategy": n("within"),
            "within_15_days_strategy_percent": 50.0,
        },
        "review_conferences": {"on_time": 18, "late": n("late"), "on_time_percent": 90.0},
        "plans": {"started": n("started"), "started_by_category": {"neglect": n("neglect")}},
    }
    data["health"] = {
        "sdq_eligible": 20,
        "sdq_completed": n("sdq"),
        "sdq_completed_percent": 50.0,
        "sdq_average_score": 14.2,
    }
    data["legal_proceedings"] = {
        "issued_in_year": n("issued"),
        "rate_per_10000": 1.2,
        "concluded_in_year": n("concluded"),
        "mean_length_weeks": 30.5,
        "within_26_weeks": 10,
        "within_26_weeks_percent": 100.0,
    }
    data["issues_resolution"] = {
        "raised": 20,
        "by_theme": {"Care plan": n("theme")},
        "documentation": {
            "reviews": 30,
            "compliant": 20,
            "non_compliant": n("non_compliant"),
            "compliant_percent": 66.7,
            "by_team": {
                "St. Mark's": {"reviews": 10, "compliant": n("team"), "compliant_percent": 30.0}
            },  # fmt: skip
        },
        "oversight": {
            "cycles": 20,
            "with_midway": n("midway"),
            "midway_percent": 50.0,
            "contact_expected": 20,
            "with_contact": n("contact"),
            "contact_percent": 50.0,
        },
    }
    data["quality_assurance"] = {
        "letters": {
            "within_timescale": 10,
            "late": n("letters_late"),
            "within_timescale_percent": 50.0,
            "timescale": "5 working days",
        },  # fmt: skip
    }
    return data


def test_the_features_sections_are_shown_when_every_count_is_large():
    data, result = features_report(), suppress(features_report(), 5)
    for key in ("child_protection", "health", "legal_proceedings", "issues_resolution",
                "quality_assurance"):  # fmt: skip
        assert result[key] == data[key], key
    assert result["service"]["combined_per_fte"] == 2.5


@pytest.mark.parametrize(
    "small,path,before",
    [
        ("sdq", "health.sdq_average_score", 14.2),
        ("sdq", "health.sdq_completed_percent", 50.0),
        ("issued", "legal_proceedings.rate_per_10000", 1.2),
        ("concluded", "legal_proceedings.mean_length_weeks", 30.5),
        ("within", "child_protection.initial_conferences.within_15_days_strategy_percent", 50.0),
        ("late", "child_protection.review_conferences.on_time_percent", 90.0),
        ("combined", "service.combined_per_fte", 2.5),
        ("midway", "issues_resolution.oversight.midway_percent", 50.0),
        ("contact", "issues_resolution.oversight.contact_percent", 50.0),
        ("non_compliant", "issues_resolution.documentation.compliant_percent", 66.7),
        ("letters_late", "quality_assurance.letters.within_timescale_percent", 50.0),
    ],
)
def test_a_features_rate_mean_or_percentage_goes_with_its_small_count(small, path, before):
    def at(data, dotted):
        for part in dotted.split("."):
            data = data[part]
        return data

    assert at(suppress(features_report(), 5), path) == before
    assert at(suppress(features_report(**{small: 3}), 5), path) == SUPPRESSED


def test_the_features_small_counts_are_suppressed_whatever_their_key():
    result = suppress(
        features_report(cp_children=2, started=1, neglect=1, issued=4, theme=2, chairs=1), 5
    )
    assert result["service"]["cp_children"] == "<5"
    assert result["service"]["chairs_above_band"] == "<5"  # a count of chairs is a count
    assert result["child_protection"]["plans"] == {
        "started": "<5",
        "started_by_category": {"neglect": "<5"},
    }
    assert result["legal_proceedings"]["issued_in_year"] == "<5"
    assert result["issues_resolution"]["by_theme"] == {"Care plan": "<5"}
    assert result["quality_assurance"]["letters"]["timescale"] == "5 working days"


def test_a_name_with_a_dot_is_still_a_name():
    # A team called "St. Mark's": its percentage goes with its own small count.
    result = suppress(features_report(team=3), 5)
    team = result["issues_resolution"]["documentation"]["by_team"]["St. Mark's"]
    assert team == {"reviews": 10, "compliant": "<5", "compliant_percent": SUPPRESSED}
