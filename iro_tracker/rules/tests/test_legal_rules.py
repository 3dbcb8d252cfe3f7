"""Care proceedings against 26 weeks, and the legal statuses the IRO should question."""

from datetime import date

from iro_tracker.rules.legal import (
    NOT_PLACED,
    S20,
    legal_status_watch,
    length_in_weeks,
    proceedings_deadline,
    within_limit,
)
from iro_tracker.rules.periods import EpisodeRow

D = date


def test_the_26_week_boundary():
    issued = D(2018, 4, 23)  # a Monday
    assert proceedings_deadline(issued).date == D(2018, 10, 22)
    assert proceedings_deadline(issued).explanation == (
        "Due 22 Oct 2018: 26 weeks after the proceedings were issued on 23 Apr 2018."
    )
    assert (length_in_weeks(issued, D(2018, 10, 22)), within_limit(issued, D(2018, 10, 22))) == (
        26.0, True,
    )  # fmt: skip
    assert (length_in_weeks(issued, D(2018, 10, 23)), within_limit(issued, D(2018, 10, 23))) == (
        26.1, False,
    )  # fmt: skip
    assert length_in_weeks(issued, D(2018, 11, 19)) == 30.0


def ep(decom, dec=None, rne="S", ls="C2", place="U4"):
    return EpisodeRow(decom, dec, rne, ls, place, "X1" if dec else "")


def test_section_20_for_more_than_6_months_is_listed():
    episodes = [
        ep(D(2018, 3, 31), D(2018, 5, 1), ls="V2", place="U6"),
        ep(D(2018, 5, 1), None, rne="P", ls="V2", place="U4"),  # a move keeps the status
    ]
    assert legal_status_watch(episodes, D(2018, 9, 29)) is None
    item = legal_status_watch(episodes, D(2018, 9, 30))  # 31 Mar + 6 months = 30 Sep
    assert (item.kind, item.since, item.listed_from) == (S20, D(2018, 3, 31), D(2018, 9, 30))
    assert item.explanation.startswith("Accommodated under section 20 since 31 Mar 2018")


def test_a_care_order_ends_the_section_20_run():
    episodes = [
        ep(D(2017, 1, 1), D(2018, 5, 1), ls="V2"),
        ep(D(2018, 5, 1), D(2018, 8, 1), rne="L", ls="C1"),
        ep(D(2018, 8, 1), None, rne="L", ls="V2"),
    ]
    assert legal_status_watch(episodes, D(2019, 1, 31)) is None
    assert legal_status_watch(episodes, D(2019, 2, 1)).since == D(2018, 8, 1)


def test_placement_order_not_placed_for_adoption_after_12_months():
    episodes = [
        ep(D(2017, 1, 1), D(2018, 2, 1), ls="C1"),
        ep(D(2018, 2, 1), None, rne="L", ls="E1", place="U5"),
    ]
    item = legal_status_watch(episodes, D(2019, 2, 1))
    assert (item.kind, item.since) == (NOT_PLACED, D(2018, 2, 1))
    placed = [*episodes[:1], ep(D(2018, 2, 1), None, rne="B", ls="E1", place="A5")]
    assert legal_status_watch(placed, D(2019, 2, 1)) is None


def test_children_not_looked_after_are_never_listed():
    assert legal_status_watch([ep(D(2017, 1, 1), D(2018, 1, 1), ls="V2")], D(2019, 1, 1)) is None
