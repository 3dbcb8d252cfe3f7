from datetime import date
from types import SimpleNamespace

from iro_tracker.rules.periods import (
    EpisodeRow,
    Period,
    looked_after_on,
    periods_of_care,
    short_break_series,
)


def ep(decom, dec=None, rne="P", ls="C2", place="U6"):
    return EpisodeRow(decom=decom, dec=dec, rne=rne, ls=ls, place=place)


def test_contiguous_episodes_form_one_period_ending_on_the_last_dec():
    episodes = [
        ep(date(2019, 1, 10), date(2019, 3, 1), rne="S", ls="V2"),
        ep(date(2019, 3, 1), date(2019, 6, 5), rne="L", ls="C1"),
        ep(date(2019, 6, 5), date(2020, 2, 1), rne="P"),
    ]
    [period] = periods_of_care(episodes)
    assert period.start == date(2019, 1, 10)
    assert period.end == date(2020, 2, 1)
    assert period.episodes == tuple(episodes)
    assert period.start_known
    assert not period.is_open


def test_open_last_episode_leaves_the_period_open():
    [period] = periods_of_care([ep(date(2019, 1, 10), rne="S")])
    assert period.is_open
    assert period.end is None


def test_gap_between_episodes_starts_a_new_period():
    first = ep(date(2019, 1, 10), date(2019, 3, 1), rne="S")
    second = ep(date(2019, 3, 2), None, rne="P")  # one day after DEC: not a continuation
    periods = periods_of_care([first, second])
    assert [p.start for p in periods] == [date(2019, 1, 10), date(2019, 3, 2)]
    assert periods[0].end == date(2019, 3, 1)
    # Data that misses the S: still a new period, but its start is not a known S.
    assert not periods[1].start_known


def test_rne_s_starts_a_new_period_even_when_contiguous():
    first = ep(date(2019, 1, 10), date(2019, 3, 1), rne="S")
    second = ep(date(2019, 3, 1), None, rne="S")
    periods = periods_of_care([first, second])
    assert len(periods) == 2
    assert periods[1].start == date(2019, 3, 1)
    assert periods[1].start_known


def test_episode_after_an_open_episode_starts_a_new_period():
    periods = periods_of_care([ep(date(2019, 1, 10), rne="S"), ep(date(2019, 5, 1), rne="P")])
    assert len(periods) == 2
    assert periods[0].is_open


def test_leaving_care_and_returning_gives_two_periods():
    episodes = [
        ep(date(2018, 5, 1), date(2018, 9, 1), rne="S"),
        ep(date(2018, 9, 1), date(2019, 2, 14), rne="P"),
        ep(date(2020, 3, 1), None, rne="S", ls="V2"),
    ]
    periods = periods_of_care(episodes)
    assert [(p.start, p.end) for p in periods] == [
        (date(2018, 5, 1), date(2019, 2, 14)),
        (date(2020, 3, 1), None),
    ]


def test_episodes_are_sorted_by_start_date():
    later = ep(date(2019, 3, 1), None, rne="P")
    earlier = ep(date(2019, 1, 10), date(2019, 3, 1), rne="S")
    [period] = periods_of_care([later, earlier])
    assert period.episodes == (earlier, later)


def test_short_break_episodes_are_not_part_of_any_period_of_care():
    episodes = [
        ep(date(2019, 1, 5), date(2019, 1, 7), rne="S", ls="V3"),
        ep(date(2019, 2, 1), date(2019, 2, 3), rne="S", ls="V3"),
        ep(date(2019, 6, 1), None, rne="S", ls="C1"),
    ]
    [period] = periods_of_care(episodes)
    assert period.start == date(2019, 6, 1)


def test_no_episodes_no_periods():
    assert periods_of_care([]) == []
    assert short_break_series([]) == []


def test_any_object_with_the_episode_fields_will_do():
    row = SimpleNamespace(decom=date(2019, 1, 10), dec=None, rne="S", ls="C2")
    assert periods_of_care([row])[0].episodes == (row,)


def test_period_contains_both_ends():
    period = Period(date(2019, 1, 10), date(2019, 3, 1), (), True)
    assert period.contains(date(2019, 1, 10))
    assert period.contains(date(2019, 3, 1))
    assert not period.contains(date(2019, 1, 9))
    assert not period.contains(date(2019, 3, 2))
    assert Period(date(2019, 1, 10), None, (), True).contains(date(2030, 1, 1))


def test_monthly_short_breaks_form_one_series_from_the_first_break():
    breaks = [
        ep(date(2019, m, 5), date(2019, m, 7), rne="S", ls="V3", place="K2") for m in range(1, 7)
    ]
    breaks.append(ep(date(2019, 7, 1), None, rne="P", ls="C2"))  # not a break
    [series] = short_break_series(breaks)
    assert series.start == date(2019, 1, 5)
    assert series.end == date(2019, 6, 7)
    assert len(series.episodes) == 6


def test_more_than_12_months_without_a_break_starts_a_new_series():
    breaks = [
        ep(date(2019, 1, 5), date(2019, 1, 7), rne="S", ls="V3"),
        ep(date(2020, 1, 7), date(2020, 1, 9), rne="S", ls="V3"),  # exactly 12 months on
        ep(date(2021, 1, 10), date(2021, 1, 12), rne="S", ls="V3"),  # 12 months and a day
    ]
    series = short_break_series(breaks)
    assert [s.start for s in series] == [date(2019, 1, 5), date(2021, 1, 10)]
    assert series[0].end == date(2020, 1, 9)


def test_open_short_break_agreement_keeps_its_series_open():
    agreement = ep(date(2019, 1, 5), None, rne="S", ls="V4")
    later = ep(date(2022, 1, 5), date(2022, 1, 6), rne="S", ls="V4")
    [series] = short_break_series([agreement, later])
    assert series.is_open


def test_looked_after_on_counts_from_decom_until_the_day_before_dec():
    episodes = [ep(date(2019, 1, 10), date(2019, 3, 1), rne="S")]
    assert not looked_after_on(episodes, date(2019, 1, 9))
    assert looked_after_on(episodes, date(2019, 1, 10))
    assert looked_after_on(episodes, date(2019, 2, 28))
    assert not looked_after_on(episodes, date(2019, 3, 1))


def test_looked_after_on_ignores_short_breaks():
    episodes = [ep(date(2019, 1, 5), date(2019, 1, 7), rne="S", ls="V4")]
    assert not looked_after_on(episodes, date(2019, 1, 6))
    assert looked_after_on([ep(date(2019, 1, 5), None, rne="S")], date(2025, 1, 1))
