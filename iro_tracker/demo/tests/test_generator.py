"""The generator: deterministic, the past independent of ``until``, and SSDA903-shaped."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest

from iro_tracker.demo.generator import CALIBRATION_YEAR, DEFAULT_SEED, generate
from iro_tracker.demo.sampling import age_on
from iro_tracker.demo.snapshot import snapshot_from_demo
from iro_tracker.demo.tests.conftest import UNTIL
from iro_tracker.reporting.document import year_figures
from iro_tracker.rules.calendar import is_working_day
from iro_tracker.rules.metrics import drilldown
from iro_tracker.rules.periods import EpisodeRow, looked_after_on, periods_of_care
from iro_tracker.rules.schedule import HeldReview, schedule_reviews


def by_child(rows):
    grouped = defaultdict(list)
    for row in rows:
        grouped[row.child].append(row)
    return grouped


def episode_rows(episodes):
    return [EpisodeRow(e.decom, e.dec, e.rne, e.ls, e.place, e.rec) for e in episodes]


def test_same_seed_and_date_give_the_same_authority(demo):
    assert generate(DEFAULT_SEED, until=UNTIL) == demo


def test_another_seed_gives_another_authority(demo):
    other = generate(DEFAULT_SEED + 1, until=date(2019, 6, 1))
    assert {c.local_id for c in other.children} != {c.local_id for c in demo.children}


def test_a_later_until_leaves_2018_19_unchanged(figures):
    earlier = generate(DEFAULT_SEED, until=date(2020, 1, 15))
    assert year_figures(snapshot_from_demo(earlier), CALIBRATION_YEAR) == figures


def test_nothing_happens_after_until(demo):
    assert max(e.decom for e in demo.episodes) <= UNTIL
    assert all(e.dec is None or e.dec <= UNTIL for e in demo.episodes)
    assert max(r.held for r in demo.reviews) <= UNTIL
    assert all(a.start <= UNTIL and (a.end is None or a.end <= UNTIL) for a in demo.allocations)
    assert all(n.booked is None or n.booked > UNTIL for n in demo.next_reviews)


def test_no_two_children_share_a_local_id(demo):
    ids = [c.local_id for c in demo.children]
    assert len(ids) == len(set(ids))
    assert all(6 <= len(i) <= 10 and i.isalnum() for i in ids)


def test_episodes_chain_as_the_903_expects(demo):
    for episodes in by_child(demo.episodes).values():
        episodes.sort(key=lambda e: e.decom)
        for before, after in zip(episodes, episodes[1:], strict=False):
            assert before.dec is not None
            if before.rec == "X1":  # continues the same day with a reason for the new episode
                assert after.decom == before.dec and after.rne in "LPTBU"
            else:
                assert after.rne == "S"
        for e in episodes:
            assert e.dec is None or e.dec > e.decom
            assert e.place not in ("A5", "A6") or e.ls == "E1"
            assert e.place != "P1" or e.ls != "V2"
            assert e.place != "H5" or e.decom < date(2023, 10, 28)


def test_ages_fit_how_children_leave_care(demo):
    dob = {c.local_id: c.dob for c in demo.children}
    for e in demo.episodes:
        if e.rec in ("E17", "E5", "E7"):
            assert age_on(dob[e.child], e.dec) >= (18 if e.rec == "E17" else 14)
        if e.rec in ("E11", "E12", "E45", "E46", "E47", "E48"):
            assert age_on(dob[e.child], e.dec) < 18


def test_every_review_is_placed_by_the_rules_as_the_generator_booked_it(demo):
    dob = {c.local_id: c.dob for c in demo.children}
    episodes = by_child(demo.episodes)
    booked = {n.child: n for n in demo.next_reviews}
    for child, reviews in by_child(demo.reviews).items():
        schedule = schedule_reviews(
            episode_rows(episodes[child]),
            [HeldReview(i, r.held) for i, r in enumerate(reviews)],
            today=UNTIL,
        )
        for place in schedule.reviews:
            review = reviews[place.key]
            assert place.kind != "outside" and place.due is not None
            # A late reason exactly when the rules say the review was late.
            assert bool(review.late_reason) == (review.held > place.due.date)
            assert (review.participation == "PN0") == (age_on(dob[child], review.held) < 4)
            assert is_working_day(review.held)
        if child in booked:
            assert schedule.next.due.date == booked[child].due


def test_every_child_in_care_at_until_has_an_iro_and_a_next_review(demo):
    current = {a.child for a in demo.allocations if a.end is None}
    booked = {n.child for n in demo.next_reviews}
    in_care = [
        child
        for child, episodes in by_child(demo.episodes).items()
        if looked_after_on(episode_rows(episodes), UNTIL)
    ]
    assert len(in_care) > 550
    assert set(in_care) <= current
    assert set(in_care) <= booked


def test_allocations_never_overlap_and_every_change_has_a_reason(demo):
    for allocations in by_child(demo.allocations).values():
        allocations.sort(key=lambda a: a.start)
        for before, after in zip(allocations, allocations[1:], strict=False):
            assert before.end is not None and before.end < after.start
            if (after.start - before.end).days == 1:  # a change of IRO, not a new period
                assert after.reason


def test_brothers_and_sisters_coming_into_care_together_share_an_iro(demo):
    first_start = {}
    for e in sorted(demo.episodes, key=lambda e: e.decom):
        first_start.setdefault(e.child, e.decom)
    first_iro = {}
    for a in sorted(demo.allocations, key=lambda a: a.start):
        first_iro.setdefault(a.child, a.iro)
    families = defaultdict(list)
    for c in demo.children:
        families[(c.last_name, c.social_worker, first_start[c.local_id])].append(c.local_id)
    groups = [members for members in families.values() if len(members) > 1]
    assert len(groups) > 50
    assert all(len({first_iro[m] for m in members}) == 1 for members in groups)


def test_children_coming_back_into_care_get_their_previous_iro_back(demo):
    returned = [a for a in demo.allocations if a.reason.startswith("Returned to care")]
    assert len(returned) > 20
    previous = {}
    for a in sorted(demo.allocations, key=lambda a: a.start):
        if a in returned and a.reason.endswith("same IRO as before."):
            assert previous[a.child] == a.iro
        previous[a.child] = a.iro
    starts = defaultdict(int)
    for e in demo.episodes:
        starts[e.child] += e.rne == "S" and e.ls not in ("V3", "V4")
    assert sum(n > 1 for n in starts.values()) > 50


def test_short_break_children_are_kept_apart_from_the_looked_after_counts(demo, snapshot):
    short_breaks = {e.child for e in demo.episodes if e.ls == "V3"}
    assert 10 <= len(short_breaks) <= 60
    for child, episodes in by_child(demo.episodes).items():
        if child in short_breaks:
            assert periods_of_care(episode_rows(episodes)) == []
    year = CALIBRATION_YEAR
    during = drilldown(snapshot, year, "children_looked_after.during_year")
    assert short_breaks.isdisjoint(during)
    on_breaks = set(drilldown(snapshot, year, "short_breaks.children"))
    assert on_breaks and on_breaks <= short_breaks


@pytest.mark.parametrize("role", ["manager", "business_support", "read_only"])
def test_there_is_a_login_for_every_role(demo, role):
    assert any(s.role == role and s.active for s in demo.staff)


def test_the_unit_is_13_chairs_with_12_3_fte_and_its_specialist_leads(demo):
    chairs = [s for s in demo.staff if s.role == "chair" and s.active]
    assert [s.username for s in chairs] == [f"iro{i:02d}" for i in range(1, 14)]
    assert sum(s.fte for s in chairs) == Decimal("12.3")
    assert sum(s.is_cpa for s in chairs) >= 10
    leads = [code for s in chairs for code in s.leads]
    assert sorted(leads) == ["disabilities", "travelling-community", "uasc", "uasc"]
