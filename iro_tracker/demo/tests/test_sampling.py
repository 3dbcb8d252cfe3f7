"""The error-diffusion tools that keep the report's small counts in every year."""

from datetime import date

from iro_tracker.demo.sampling import Quota, RoundRobin, birthday, weights


def test_quota_says_yes_to_its_share_in_any_run_of_calls():
    quota = Quota()
    answers = [quota.take(0.054) for _ in range(5000)]
    for start in range(0, 4000, 500):
        run = answers[start : start + 1629]
        assert abs(sum(run) - 0.054 * len(run)) < 1.5


def test_round_robin_deals_keys_in_proportion_to_their_weights():
    dealer = RoundRobin({"party": 34, "scheduling": 21, "best": 13, "travel": 2})
    picks = [dealer.pick() for _ in range(70 * 3)]
    assert picks.count("party") == 102
    assert picks.count("travel") == 6


def test_round_robin_carries_credit_to_the_next_case_that_fits():
    dealer = RoundRobin({"one_day": 1, "other": 1})
    first = dealer.pick(lambda key: key != "one_day")
    second = dealer.pick()
    assert (first, second) == ("other", "one_day")


def test_weights_reads_a_compact_table():
    assert weights("E11 0.65 E12 0.35") == (("E11", 0.65), ("E12", 0.35))


def test_a_leap_day_birthday_falls_on_1_march_in_other_years():
    assert birthday(date(2008, 2, 29), 18) == date(2026, 3, 1)
    assert birthday(date(2008, 2, 29), 4) == date(2012, 2, 29)
