"""Children leaving care: periods of care ending in the year, worked out by hand."""

from datetime import date

from iro_tracker.rules.metrics import annual_report, drilldown
from iro_tracker.rules.metrics.tests.builders import child, ep, snap

D = date

CHILDREN = [
    child("l1", D(2000, 5, 10)),  # 18 on the day care ends
    child("l2", D(2000, 5, 11)),  # 18 the day after care ends
    child("l4", D(1999, 1, 1)),
    child("l5", D(1999, 6, 1)),
    child("l6", D(2010, 1, 1)),  # leaves twice in the year
    child("l7", D(2010, 1, 1)),  # leaves on 1 Apr 2019: next year
    child("l8", D(2015, 1, 1)),  # two chained episodes, one period
]
EPISODES = [
    ep("l1", D(2016, 1, 1), D(2018, 5, 10), rec="E17"),
    ep("l2", D(2016, 1, 1), D(2018, 5, 10), rec="E5"),
    ep("l4", D(2016, 1, 1), D(2018, 12, 31), rec="E6"),
    ep("l5", D(2016, 1, 1), D(2019, 1, 15), rec="E7"),
    ep("l6", D(2018, 4, 10), D(2018, 6, 10), rec="E4A"),
    ep("l6", D(2018, 9, 1), D(2019, 1, 1), rec="E13"),
    ep("l7", D(2017, 1, 1), D(2019, 4, 1), rec="E13"),
    ep("l8", D(2017, 1, 1), D(2018, 7, 1), rec="X1"),
    ep("l8", D(2018, 7, 1), D(2018, 11, 30), rne="P", place="A5", rec="E11"),
]


def test_ceased_counts_periods_by_the_reason_of_their_last_episode():
    snapshot = snap(EPISODES, children=CHILDREN)
    report = annual_report(snapshot, 2018)
    # Seven periods: l1 l2 l4 l5, l6 twice, l8 (its X1 episode is not an ending).
    assert report["children_looked_after"]["ceased_in_year"] == 7
    assert report["ceased"] == {
        "by_reason": {"E11": 1, "E13": 1, "E17": 1, "E4A": 1, "E5": 1, "E6": 1, "E7": 1},
        "aged_18_plus": 3,  # l1 (18 that day), l4, l5; not l2 (17)
        "formal_arrangements_percent": 66.7,  # l1 E17 and l5 E7 of 3; l2's E5 is under 18
        "staying_put_percent": 33.3,  # l1 of 3
    }
    # The drill-down lists each child once although l6 is behind two periods.
    assert drilldown(snapshot, 2018, "children_looked_after.ceased_in_year") == [
        "l1", "l2", "l4", "l5", "l6", "l8"
    ]  # fmt: skip
    assert drilldown(snapshot, 2018, "ceased.aged_18_plus") == ["l1", "l4", "l5"]
    assert drilldown(snapshot, 2018, "ceased.by_reason.E11") == ["l8"]
    assert drilldown(snapshot, 2018, "ceased.formal_arrangements_percent") == ["l1", "l5"]
    assert drilldown(snapshot, 2018, "ceased.by_reason.E2") == []


def test_a_leap_day_child_turns_18_on_1_march():
    children = [child("feb", D(2000, 2, 29)), child("mar", D(2000, 2, 29))]
    episodes = [
        ep("feb", D(2016, 1, 1), D(2018, 2, 28), rec="E17"),  # still 17
        ep("mar", D(2016, 1, 1), D(2018, 3, 1), rec="E17"),  # 18
    ]
    ceased = annual_report(snap(episodes, children=children), 2017)["ceased"]
    assert (ceased["aged_18_plus"], ceased["staying_put_percent"]) == (1, 100.0)


def test_no_one_aged_18_gives_null_percentages():
    ceased = annual_report(snap([ep("x", D(2018, 5, 1), D(2018, 6, 1))]), 2018)["ceased"]
    assert ceased == {
        "by_reason": {"E13": 1},
        "aged_18_plus": 0,
        "formal_arrangements_percent": None,
        "staying_put_percent": None,
    }
