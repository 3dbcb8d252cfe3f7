"""The ``legal_proceedings`` section on hand-built data, this year beside last year."""

from datetime import date

from iro_tracker.rules.metrics import annual_report_with_previous
from iro_tracker.rules.metrics.legal import ProceedingsRecord, legal_figures, legal_section
from iro_tracker.rules.metrics.tests.builders import ep, snap

D = date
EPISODES = [
    ep("a", D(2018, 5, 1), D(2018, 11, 1), ls="C1", rec="X1"),
    ep("a", D(2018, 11, 1), rne="L", ls="C2"),
    ep("b", D(2018, 5, 1), ls="C1"),
    ep("s20", D(2018, 1, 1), ls="V2"),  # s20 for 15 months at 31 Mar 2019
    ep("po", D(2017, 6, 1), ls="E1", place="U5"),  # placement order, not placed
]
RECORDS = [
    # Siblings a and b: issued 30 Apr 2018, decided on the 26-week day itself.
    ProceedingsRecord(
        "p1", ("a", "b"), D(2018, 4, 30), D(2018, 10, 29), "care_order", D(2018, 10, 1)
    ),
    # Decided 35 weeks after issue.
    ProceedingsRecord("p2", ("po",), D(2017, 1, 2), D(2017, 9, 4), "placement_order"),
    ProceedingsRecord("p3", ("s20",), D(2019, 3, 1)),  # open at year end
    ProceedingsRecord("p4", ("s20",), D(2017, 5, 1), D(2018, 5, 28), "withdrawn"),  # 56 weeks
]


def test_issued_concluded_length_and_26_weeks():
    s = snap(EPISODES, population_0_17=100_000)
    figures = legal_section(s, RECORDS, 2018)
    assert figures == {
        "issued_in_year": 2,
        "children_in_proceedings_issued": 3,
        "rate_per_10000": 0.2,
        "concluded_in_year": 2,
        "mean_length_weeks": 41.0,  # (26.0 + 56.0) / 2
        "within_26_weeks": 1,
        "within_26_weeks_percent": 50.0,
        "outcomes": {"care_order": 1, "withdrawn": 1},
        "iro_contributed": 1,
        "iro_contributed_percent": 50.0,
        "s20_over_6_months_at_year_end": 1,
        "placement_order_not_placed_at_year_end": 1,
    }
    _, tally = legal_figures(s, RECORDS, 2018)
    assert sorted(tally.members["legal_proceedings.within_26_weeks"]) == ["a", "b"]


def test_last_year_beside_this_year_and_no_rate_without_a_population():
    extra = {"legal_proceedings": lambda s, year: legal_section(s, RECORDS, year)}
    report = annual_report_with_previous(snap(EPISODES, extra=extra), 2018)
    previous = report["previous"]["legal_proceedings"]
    assert (previous["issued_in_year"], previous["concluded_in_year"]) == (1, 1)
    assert (previous["mean_length_weeks"], previous["within_26_weeks_percent"]) == (35.0, 0.0)
    assert report["current"]["legal_proceedings"]["rate_per_10000"] is None
