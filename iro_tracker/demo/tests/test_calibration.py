"""The default demo matches the seed report for 2018-19 (within about 10% of each figure).

Counted from the generator's plain records with the rules package (periods of care, who was
looked after on a date, each review's due date from ``rules.schedule``).
"""

from collections import Counter

import pytest

from iro_tracker.demo.figures import snapshot_from_demo
from iro_tracker.demo.generator import CALIBRATION_YEAR


def about(value, target, tolerance=0.1):
    return target * (1 - tolerance) <= value <= target * (1 + tolerance)


def test_about_784_children_looked_after_during_the_year_and_610_at_its_end(figures):
    assert about(figures.looked_after_during, 784)
    assert about(figures.looked_after_at_end, 610)
    assert about(figures.looked_after_at_start, 606)
    assert abs(figures.net_change) <= 25  # "a net increase of only 4"


def test_13_iros_with_12_3_fte_and_about_50_looked_after_children_each(figures):
    assert figures.iro_headcount == 13
    assert float(figures.iro_fte) == pytest.approx(12.3)
    assert about(figures.lac_per_fte, 50)


def test_most_children_are_fostered_on_care_orders(figures):
    assert about(figures.foster_pct, 78)
    legal = figures.legal_status
    assert max(legal, key=legal.get) == "C2"
    assert {"C1", "V2", "E1"} <= set(legal)
    assert set(figures.placements) >= {
        "Homes and hostels",
        "Residential accommodation",
        "Placed with parents",
        "Placed for adoption",
    }


def test_about_1629_reviews_held_and_94_6_percent_on_time(figures):
    assert about(figures.reviews_held, 1629)
    assert figures.on_time_pct == pytest.approx(94.6, abs=1.0)
    assert about(figures.late, 88)


@pytest.mark.parametrize(
    ("reason", "report"),
    [
        ("SCHEDULING", 21),
        ("BEST_INTERESTS", 13),
        ("PARTY_UNAVAILABLE", 34),
        ("TRAVEL", 2),
        ("CAPACITY", 11),
        ("PRACTICE", 7),
    ],
)
def test_late_reviews_have_the_reports_reasons(figures, reason, report):
    assert abs(figures.late_by_reason.get(reason, 0) - report) <= max(2, 0.15 * report)


def test_most_scheduling_errors_are_one_day_late(demo):
    snap = snapshot_from_demo(demo)
    start, end = CALIBRATION_YEAR
    days_late = Counter(
        (r.held - r.due).days
        for r in snap.reviews
        if r.late_reason == "SCHEDULING" and start <= r.held <= end
    )
    assert days_late[1] >= 0.7 * sum(days_late.values())  # 17 of 21 in the report


def test_86_percent_of_children_aged_4_and_over_take_part(figures):
    assert about(figures.participation_pct, 86)


def test_the_children_are_as_the_report_describes_them(figures):
    assert about(figures.bme_pct, 21)
    assert about(figures.disabled_pct, 3)
    assert about(figures.uasc_at_end, 27)
    assert figures.boys_pct > 50
    assert figures.aged_11_plus_pct > 50


def test_young_people_leaving_at_18_mostly_have_formal_arrangements(figures):
    assert about(figures.formal_at_18_pct, 82)
    assert figures.staying_put_pct > 25


def test_every_child_starting_care_has_an_iro_within_5_working_days(figures):
    assert figures.allocated_in_5_days_pct == 100.0
