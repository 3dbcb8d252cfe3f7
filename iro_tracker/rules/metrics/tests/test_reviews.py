"""Review timeliness and participation, each due date worked out by hand from RULES.md.

Review 1: 20 working days after the period's start (England bank holidays skipped); review 2:
3 months after review 1; later ones 6 months after the one before; a month without the day
gives its last day. A period whose start is not known gives a first review that cannot be
assessed and 6-monthly reviews after it.
"""

from datetime import date

from iro_tracker.rules.metrics import annual_report, drilldown, review_rows
from iro_tracker.rules.metrics.tests.builders import ep, rev, snap
from iro_tracker.rules.schedule import SHORT_BREAKS

D = date


def reviews_2018(snapshot):
    return annual_report(snapshot, 2018)["reviews"]


def test_first_review_exactly_on_the_due_date_is_on_time_and_a_day_after_is_late():
    # Mon 4 Jun 2018 + 20 working days = Mon 2 Jul 2018 (no bank holiday in between).
    snapshot = snap(
        [ep("on", D(2018, 6, 4)), ep("late", D(2018, 6, 4))],
        [rev("on", D(2018, 7, 2)), rev("late", D(2018, 7, 3), late_reason="SCHEDULING")],
    )
    figures = reviews_2018(snapshot)
    assert (figures["held"], figures["on_time"], figures["late"]) == (2, 1, 1)
    assert figures["days_late"] == {"1": 1, "2_to_7": 0, "8_to_28": 0, "29_plus": 0}
    assert figures["late_reasons"] == {"SCHEDULING": 1}
    assert figures["on_time_percent"] == 50.0
    assert drilldown(snapshot, 2018, "reviews.late") == ["late"]


def test_first_review_due_date_skips_christmas_and_new_year():
    # Mon 10 Dec 2018 + 20 working days, skipping 25, 26 Dec and 1 Jan = Thu 10 Jan 2019.
    snapshot = snap(
        [ep("on", D(2018, 12, 10)), ep("late", D(2018, 12, 10))],
        [rev("on", D(2019, 1, 10)), rev("late", D(2019, 1, 11))],
    )
    assert [(r.child_id, r.due, r.days_late) for r in review_rows(snapshot, 2018)] == [
        ("late", D(2019, 1, 10), 1),
        ("on", D(2019, 1, 10), 0),
    ]
    assert drilldown(snapshot, 2018, "reviews.on_time") == ["on"]


def test_first_review_due_date_skips_easter():
    # Thu 29 Mar 2018 + 20 working days, skipping Good Friday 30 Mar and Easter Monday
    # 2 Apr = Mon 30 Apr 2018 (26 Apr without them, which would make "on" late).
    snapshot = snap(
        [ep("on", D(2018, 3, 29)), ep("late", D(2018, 3, 29))],
        [rev("on", D(2018, 4, 30)), rev("late", D(2018, 5, 1))],
    )
    figures = reviews_2018(snapshot)
    assert (figures["on_time"], figures["late"]) == (1, 1)
    assert drilldown(snapshot, 2018, "reviews.late") == ["late"]


def test_31_august_plus_6_months_is_28_february():
    # Start not in the data (RNE P): 31 Aug cannot be assessed, the next is due 28 Feb 2019.
    snapshot = snap(
        [ep("on", D(2017, 1, 1), rne="P"), ep("late", D(2017, 1, 1), rne="P")],
        [
            rev("on", D(2018, 8, 31)),
            rev("on", D(2019, 2, 28)),
            rev("late", D(2018, 8, 31)),
            rev("late", D(2019, 3, 1)),
        ],
    )
    figures = reviews_2018(snapshot)
    assert (figures["held"], figures["not_assessable"], figures["on_time"], figures["late"]) == (
        4, 2, 1, 1,
    )  # fmt: skip
    assert [r.due for r in review_rows(snapshot, 2018) if r.child_id == "late"] == [
        None,
        D(2019, 2, 28),
    ]


def test_31_august_plus_6_months_is_29_february_in_a_leap_year():
    snapshot = snap(
        [ep("on", D(2017, 1, 1), rne="P"), ep("late", D(2017, 1, 1), rne="P")],
        [
            rev("on", D(2019, 8, 31)),
            rev("on", D(2020, 2, 29)),
            rev("late", D(2019, 8, 31)),
            rev("late", D(2020, 3, 1)),
        ],
    )
    figures = annual_report(snapshot, 2019)["reviews"]
    assert (figures["on_time"], figures["late"], figures["not_assessable"]) == (1, 1, 2)
    assert [r.due for r in review_rows(snapshot, 2019)][1::2] == [D(2020, 2, 29)] * 2


def test_30_november_plus_3_months_is_28_february_for_the_second_review():
    # Mon 5 Nov 2018 + 20 working days = Mon 3 Dec 2018: review 1 on 30 Nov is on time;
    # review 2 is due 3 months after 30 Nov = 28 Feb 2019.
    snapshot = snap(
        [ep("on", D(2018, 11, 5)), ep("late", D(2018, 11, 5))],
        [
            rev("on", D(2018, 11, 30)),
            rev("on", D(2019, 2, 28)),
            rev("late", D(2018, 11, 30)),
            rev("late", D(2019, 3, 1)),
        ],
    )
    rows = review_rows(snapshot, 2018)
    assert [(r.child_id, r.sequence, r.due, r.on_time) for r in rows] == [
        ("late", 1, D(2018, 12, 3), True),
        ("late", 2, D(2019, 2, 28), False),
        ("on", 1, D(2018, 12, 3), True),
        ("on", 2, D(2019, 2, 28), True),
    ]


def test_a_child_who_leaves_and_returns_restarts_the_sequence_at_1():
    episodes = [
        ep("r", D(2018, 1, 8), D(2018, 6, 30), rec="E13"),
        ep("r", D(2018, 9, 3)),
    ]
    reviews = [
        rev("r", D(2018, 2, 1)),  # review 1 of period 1 (due 5 Feb 2018), last year
        rev("r", D(2018, 5, 1)),  # review 2, due 3 months after 1 Feb = 1 May: on time
        # Review 1 of period 2, due Mon 3 Sep + 20 working days = 1 Oct 2018: 14 days
        # late. Had the sequence carried on it would be review 3, due 1 Nov, and on time.
        rev("r", D(2018, 10, 15)),
    ]
    snapshot = snap(episodes, reviews)
    figures = reviews_2018(snapshot)
    assert (figures["held"], figures["on_time"], figures["late"]) == (2, 1, 1)
    assert figures["days_late"]["8_to_28"] == 1
    assert [(r.period_start, r.sequence, r.due) for r in review_rows(snapshot, 2018)] == [
        (D(2018, 1, 8), 2, D(2018, 5, 1)),
        (D(2018, 9, 3), 1, D(2018, 10, 1)),
    ]
    lac = annual_report(snapshot, 2018)["children_looked_after"]
    assert (lac["started_in_year"], lac["ceased_in_year"], lac["net_change"]) == (1, 1, 0)


def test_a_period_starting_before_the_data_has_an_unassessable_first_review_then_6_monthly():
    snapshot = snap(
        [ep("p", D(2016, 5, 1), rne="P")],
        [
            rev("p", D(2018, 5, 10)),  # first in the data: not assessable
            rev("p", D(2018, 9, 10)),  # due 10 Nov (6 months, not 3): on time
            rev("p", D(2019, 3, 11)),  # due 10 Mar 2019: 1 day late
        ],
    )
    figures = reviews_2018(snapshot)
    assert (figures["held"], figures["not_assessable"], figures["on_time"], figures["late"]) == (
        3, 1, 1, 1,
    )  # fmt: skip
    # The not-assessable review is outside the percentage: 1 of 2.
    assert figures["on_time_percent"] == 50.0
    assert [r.sequence for r in review_rows(snapshot, 2018)] == [None, None, None]
    assert drilldown(snapshot, 2018, "reviews.not_assessable") == ["p"]


def test_history_from_after_a_period_start_makes_its_first_review_unassessable():
    episodes = [ep("h", D(2018, 3, 1)), ep("k", D(2018, 4, 3))]
    reviews = [
        rev("h", D(2018, 4, 10)),
        rev("h", D(2018, 8, 10)),
        # Tue 3 Apr 2018 + 20 working days = Tue 1 May 2018.
        rev("k", D(2018, 5, 1)),
    ]
    complete = snap(episodes, reviews, history_from=D(2018, 4, 1))
    figures = reviews_2018(complete)
    # h began on 1 Mar, before the history is complete: its first review is unassessable,
    # its second due 6 months later (10 Oct) and on time. k began after: on time.
    assert (figures["not_assessable"], figures["on_time"], figures["late"]) == (1, 2, 0)

    # The same data with the whole history: h's first review was due Thu 29 Mar 2018
    # (12 days late) and its second 3 months after it, on 10 Jul (31 days late).
    figures = reviews_2018(snap(episodes, reviews))
    assert (figures["not_assessable"], figures["on_time"], figures["late"]) == (0, 1, 2)
    assert figures["days_late"] == {"1": 0, "2_to_7": 0, "8_to_28": 1, "29_plus": 1}


def test_days_late_bands_split_at_1_7_28_and_29_days():
    # Each child: an unassessable review on 2 Apr 2018, the next due 2 Oct 2018, held k days late.
    lateness = {"a": 1, "b": 2, "c": 7, "d": 8, "e": 28, "f": 29}
    episodes = [ep(cid, D(2017, 1, 1), rne="P") for cid in lateness]
    reviews = [rev(cid, D(2018, 4, 2)) for cid in lateness]
    reviews += [rev(cid, D(2018, 10, 2 + k)) for cid, k in lateness.items()]
    snapshot = snap(episodes, reviews)
    figures = reviews_2018(snapshot)
    assert figures["days_late"] == {"1": 1, "2_to_7": 2, "8_to_28": 2, "29_plus": 1}
    assert drilldown(snapshot, 2018, "reviews.days_late.8_to_28") == ["d", "e"]


def test_late_reasons_count_only_late_reviews_with_a_reason():
    episodes = [ep(cid, D(2017, 1, 1), rne="P") for cid in "abcd"]
    reviews = [rev(cid, D(2018, 4, 2)) for cid in "abcd"]
    reviews += [
        rev("a", D(2018, 10, 5), late_reason="TRAVEL"),
        rev("b", D(2018, 10, 9), late_reason="PARTY_UNAVAILABLE"),
        rev("c", D(2018, 10, 9)),  # late, no reason recorded: in "late" only
        rev("d", D(2018, 10, 1), late_reason="TRAVEL"),  # on time: its reason is ignored
    ]
    snapshot = snap(episodes, reviews)
    figures = reviews_2018(snapshot)
    assert figures["late"] == 3
    # In LATE_REASON's order.
    assert figures["late_reasons"] == {"PARTY_UNAVAILABLE": 1, "TRAVEL": 1}
    assert drilldown(snapshot, 2018, "reviews.late_reasons.TRAVEL") == ["a"]
    assert drilldown(snapshot, 2018, "reviews.late_reasons.CAPACITY") == []


def test_reviews_count_only_inside_a_period_of_care_including_its_last_day():
    snapshot = snap(
        [ep("x", D(2017, 1, 1), D(2018, 10, 31), rne="P", rec="E13")],
        [
            rev("x", D(2018, 5, 1)),
            rev("x", D(2018, 10, 31)),  # on the DEC: inside (DECOM <= date <= DEC)
            rev("x", D(2018, 11, 1)),  # the day after: outside any period, not counted
        ],
    )
    assert reviews_2018(snapshot)["held"] == 2


def test_two_records_on_one_date_are_one_review_keeping_the_one_with_a_code():
    snapshot = snap(
        [ep("x", D(2018, 6, 4))],
        [rev("x", D(2018, 7, 2), participation=""), rev("x", D(2018, 7, 2), "PN5")],
    )
    report = annual_report(snapshot, 2018)
    assert report["reviews"]["held"] == 1
    assert report["participation"]["by_code"]["PN5"] == 1


def test_participation_leaves_pn0_out_of_the_eligible_count():
    codes = {"a": "PN0", "b": "PN1", "c": "PN5", "d": "PN7", "e": ""}
    snapshot = snap(
        [ep(cid, D(2018, 6, 4)) for cid in codes],
        [rev(cid, D(2018, 7, 2), code) for cid, code in codes.items()],
    )
    participation = annual_report(snapshot, 2018)["participation"]
    assert participation == {
        "by_code": dict.fromkeys(["PN2", "PN3", "PN4", "PN6"], 0)
        | {"PN0": 1, "PN1": 1, "PN5": 1, "PN7": 1},
        "participated": 2,  # PN1, PN5
        "eligible": 3,  # PN1, PN5, PN7 (not PN0, not the blank)
        "percent": 66.7,
    }
    assert drilldown(snapshot, 2018, "participation.eligible") == ["b", "c", "d"]
    assert drilldown(snapshot, 2018, "participation.percent") == ["b", "c"]
    assert drilldown(snapshot, 2018, "participation.by_code.PN0") == ["a"]


def test_short_break_reviews_are_reported_apart_from_looked_after_reviews():
    episodes = [
        ep("sb", D(2018, 5, 1), D(2018, 5, 3), ls="V3", place="U6", rec="E8"),
        ep("sb", D(2018, 6, 10), D(2018, 6, 12), ls="V3", place="U6", rec="E8"),
        ep("lac", D(2018, 6, 4)),
    ]
    reviews = [
        rev("sb", D(2018, 8, 1)),  # reg 48: 3 months after the first break, 1 Aug: on time
        rev("sb", D(2019, 2, 2)),  # 6 months after 1 Aug = 1 Feb 2019: late
        rev("lac", D(2018, 7, 2)),
    ]
    snapshot = snap(episodes, reviews)
    report = annual_report(snapshot, 2018)
    assert report["short_breaks"] == {"children": 1, "reviews_held": 2, "reviews_on_time": 1}
    assert (report["reviews"]["held"], report["reviews"]["late"]) == (1, 0)
    assert drilldown(snapshot, 2018, "short_breaks.reviews_held") == ["sb"]
    rows = review_rows(snapshot, 2018, kinds=(SHORT_BREAKS,))
    assert [(r.held, r.due, r.on_time) for r in rows] == [
        (D(2018, 8, 1), D(2018, 8, 1), True),
        (D(2019, 2, 2), D(2019, 2, 1), False),
    ]


def test_review_rows_carry_every_column_of_the_reviews_csv():
    snapshot = snap(
        [ep("x", D(2018, 6, 4))],
        [rev("x", D(2018, 7, 3), "PN4", late_reason="CAPACITY", chair_id="iro1")],
    )
    [row] = review_rows(snapshot, 2018)
    assert (row.child_id, row.kind, row.period_start, row.sequence, row.held, row.due) == (
        "x", "lac", D(2018, 6, 4), 1, D(2018, 7, 3), D(2018, 7, 2),
    )  # fmt: skip
    assert (row.on_time, row.days_late, row.late_reason, row.participation, row.chair_id) == (
        False, 1, "CAPACITY", "PN4", "iro1",
    )  # fmt: skip
    assert row.due_explanation.startswith("Due 2 Jul 2018: 20 working days after 4 Jun 2018")


def test_reviews_held_on_1_april_and_31_march_belong_to_the_year():
    snapshot = snap(
        [ep("x", D(2016, 1, 1), rne="P")],
        [rev("x", D(2018, 3, 31)), rev("x", D(2018, 4, 1)), rev("x", D(2019, 3, 31)),
         rev("x", D(2019, 4, 1))],
    )  # fmt: skip
    assert [r.held for r in review_rows(snapshot, 2018)] == [D(2018, 4, 1), D(2019, 3, 31)]
