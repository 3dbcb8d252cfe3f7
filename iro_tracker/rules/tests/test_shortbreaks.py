"""Reg 48 short-break limits: 17 days for one break, 75 days in any 12 months."""

from datetime import date

from iro_tracker.rules.periods import EpisodeRow
from iro_tracker.rules.shortbreaks import check_limits

D = date
TODAY = D(2019, 3, 31)


def brk(start, end, ls="V3"):
    return EpisodeRow(start, end, "S", ls, "K2", "E8" if end else "")


def test_a_break_of_exactly_17_days_is_within_the_limit_and_18_is_not():
    ok = check_limits([brk(D(2019, 1, 1), D(2019, 1, 18))], TODAY)
    assert ok.long_breaks == () and not ok.exceeded
    over = check_limits([brk(D(2019, 2, 1), D(2019, 2, 19))], TODAY)
    assert [b.days for b in over.long_breaks] == [18]
    assert over.long_breaks[0].explanation == (
        "The break from 1 Feb 2019 (ended 19 Feb 2019) lasted 18 days: more than the 17-day"
        " limit for a single short break."
    )
    assert over.exceeded


def test_an_open_break_counts_up_to_today():
    limits = check_limits([brk(D(2019, 3, 1), None)], TODAY)
    assert limits.long_breaks[0].days == 30
    assert "still going on" in limits.long_breaks[0].explanation


def test_75_days_in_12_months_is_allowed_and_76_is_not():
    # Five breaks of 15 nights between May and December 2018: 75 nights.
    starts = [D(2018, 5, 1), D(2018, 6, 1), D(2018, 7, 1), D(2018, 8, 1), D(2018, 9, 1)]
    episodes = [brk(s, s.replace(day=16)) for s in starts]
    limits = check_limits(episodes, TODAY)
    assert (limits.days_in_last_12_months, limits.days_left, limits.exceeded) == (75, 0, False)
    more = check_limits([*episodes, brk(D(2018, 12, 1), D(2018, 12, 2))], TODAY)
    assert [y.days for y in more.busy_years] == [76]
    assert more.busy_years[0].explanation == (
        "76 days of short breaks in the 12 months from 2 Dec 2017 to 1 Dec 2018: more than"
        " the 75-day limit."
    )


def test_breaks_more_than_12_months_apart_never_add_up():
    episodes = [
        brk(D(2017, 1, 1), D(2017, 1, 17)),
        brk(D(2017, 3, 1), D(2017, 3, 17)),
        brk(D(2017, 5, 1), D(2017, 5, 17)),
        brk(D(2017, 7, 1), D(2017, 7, 17)),  # 64 nights by July 2017
        brk(D(2018, 7, 2), D(2018, 7, 19)),  # 17 more, but January 2017 is out of the window
    ]
    limits = check_limits(episodes, TODAY)
    assert limits.busy_years == ()
    assert limits.days_in_last_12_months == 17


def test_agreements_v4_are_not_individual_breaks():
    limits = check_limits([brk(D(2018, 1, 1), None, ls="V4")], TODAY)
    assert limits.breaks == () and not limits.exceeded
