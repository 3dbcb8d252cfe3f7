"""``placement_stability`` and the short-break figures on hand-built episodes."""

from datetime import date

from iro_tracker.rules.metrics.stability import short_break_section, stability_figures
from iro_tracker.rules.metrics.tests.builders import child, ep, snap

D = date
EPISODES = [
    # Three placements in 2018-19.
    ep("mover", D(2018, 4, 2), D(2018, 8, 1), rec="X1"),
    ep("mover", D(2018, 8, 1), D(2018, 12, 1), rne="P", rec="X1"),
    ep("mover", D(2018, 12, 1), rne="P"),
    # In care since 2016, same placement since March 2017; under 16.
    ep("settled", D(2016, 9, 1), D(2017, 3, 1), rec="X1"),
    ep("settled", D(2017, 3, 1), D(2018, 5, 1), rne="P", rec="X1"),  # moved in 2016-17
    ep("settled", D(2018, 5, 1), rne="L", ls="C2"),  # a legal change: the same placement
    # In care since 2015, moved in 2018: in the cohort, not stable.
    ep("unsettled", D(2015, 1, 1), D(2018, 6, 1), rec="X1"),
    ep("unsettled", D(2018, 6, 1), rne="T"),
    # Short breaks: an 18-day break and 80 days over the year.
    ep("sb", D(2018, 4, 2), D(2018, 4, 20), ls="V3", place="K2", rec="E8"),
    ep("sb", D(2018, 6, 1), D(2018, 6, 15), ls="V3", place="K2", rec="E8"),
    ep("sb", D(2018, 7, 1), D(2018, 7, 17), ls="V3", place="K2", rec="E8"),
    ep("sb", D(2018, 8, 1), D(2018, 8, 17), ls="V3", place="K2", rec="E8"),
    ep("sb", D(2018, 9, 1), D(2018, 9, 17), ls="V3", place="K2", rec="E8"),
    ep("agreed", D(2017, 1, 1), ls="V4", place="K2"),
]
CHILDREN = [
    child("mover"), child("settled", dob=D(2008, 1, 1)), child("unsettled", dob=D(2008, 1, 1)),
    child("sb"), child("agreed"),
]  # fmt: skip


def test_the_two_dfe_measures_and_moves_this_year_and_last():
    s = snap(EPISODES, children=CHILDREN)
    figures, tally = stability_figures(s, 2018)
    assert figures == {
        "looked_after_at_year_end": 3,
        "three_or_more_placements": 1,
        "three_or_more_placements_percent": 33.3,
        "long_term_cohort": 2,
        "same_placement_2_years": 1,
        "same_placement_2_years_percent": 50.0,
        "placement_moves": 3,
        "children_who_moved": 2,
    }
    assert tally.members["placement_stability.three_or_more_placements"] == ["mover"]
    last_year, _ = stability_figures(s, 2017)
    assert (last_year["looked_after_at_year_end"], last_year["placement_moves"]) == (2, 0)
    assert last_year["long_term_cohort"] == 1  # settled had not yet been in care 2.5 years


def test_short_breaks_counted_with_their_limits():
    s = snap(EPISODES, children=CHILDREN)
    assert short_break_section(s, 2018) == {
        "breaks": 5,
        "days": 80,
        "breaks_over_17_days": 1,
        "children_over_75_days": 1,
        "agreements": 1,
    }
    # Counted in the year the limit was passed, not again in the year after.
    assert short_break_section(s, 2019)["children_over_75_days"] == 0
    assert short_break_section(s, 2017)["breaks"] == 0
