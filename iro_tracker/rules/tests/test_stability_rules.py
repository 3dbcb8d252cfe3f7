"""Placements and the DfE's short-term and long-term stability measures on hand-built episodes."""

from datetime import date

from iro_tracker.rules.periods import EpisodeRow
from iro_tracker.rules.stability import has_three_or_more, long_term, moves_between, placements

D = date
YEAR_END = D(2019, 3, 31)


def ep(decom, dec=None, rne="S", ls="C2", place="U4"):
    return EpisodeRow(decom, dec, rne, ls, place, "X1" if dec else "")


def test_a_legal_status_change_is_not_a_move_but_p_b_t_u_are():
    episodes = [
        ep(D(2018, 1, 1), D(2018, 3, 1), ls="C1"),
        ep(D(2018, 3, 1), D(2018, 6, 1), rne="L"),
        ep(D(2018, 6, 1), D(2018, 9, 1), rne="P"),
        ep(D(2018, 9, 1), D(2018, 11, 1), rne="T"),
        ep(D(2018, 11, 1), None, rne="B", ls="E1", place="A5"),
    ]
    assert [p.start for p in placements(episodes)] == [
        D(2018, 1, 1), D(2018, 6, 1), D(2018, 9, 1), D(2018, 11, 1),
    ]  # fmt: skip
    assert len(moves_between(episodes, D(2018, 4, 1), YEAR_END)) == 3


def test_three_placements_in_the_12_months_to_31_march():
    two = [
        ep(D(2017, 1, 1), D(2018, 4, 1)),  # ended on 1 Apr 2018: not in the year
        ep(D(2018, 4, 1), D(2018, 10, 1), rne="P"),
        ep(D(2018, 10, 1), None, rne="P"),
    ]
    assert has_three_or_more(two, YEAR_END) is False
    three = [ep(D(2017, 1, 1), D(2018, 4, 2)), *two[1:]]
    three[1] = ep(D(2018, 4, 2), D(2018, 10, 1), rne="P")
    assert has_three_or_more(three, YEAR_END) is True
    left = [*three[:2], ep(D(2018, 10, 1), D(2019, 3, 31), rne="P")]  # left on 31 Mar
    assert has_three_or_more(left, YEAR_END) is False


def test_long_term_stability_needs_2_5_years_in_care_and_2_in_the_placement():
    dob = D(2008, 1, 1)
    stable = [ep(D(2016, 9, 30), D(2017, 3, 31)), ep(D(2017, 3, 31), None, rne="P")]
    measure = long_term(dob, stable, YEAR_END)
    assert (measure.in_cohort, measure.stable, measure.placement_since) == (
        True, True, D(2017, 3, 31),
    )  # fmt: skip
    moved = [stable[0], ep(D(2017, 3, 31), D(2017, 4, 1), rne="P"), ep(D(2017, 4, 1), None, "P")]
    assert long_term(dob, moved, YEAR_END).stable is False
    too_recent = [ep(D(2016, 10, 1), None)]  # 1 Oct 2016 is less than 2.5 years before
    assert long_term(dob, too_recent, YEAR_END).in_cohort is False
    assert long_term(D(2003, 3, 31), stable, YEAR_END).in_cohort is False  # 16 on 31 Mar


def test_placed_for_adoption_counts_the_placement_before_it():
    episodes = [
        ep(D(2016, 1, 1), D(2018, 12, 1), ls="E1", place="U5"),
        ep(D(2018, 12, 1), None, rne="P", ls="E1", place="A6"),
    ]
    measure = long_term(D(2015, 6, 1), episodes, YEAR_END)
    assert (measure.stable, measure.placement_since) == (True, D(2016, 1, 1))
