"""The snapshot read from the database gives the same report as the same data by hand."""

from datetime import date

import pytest
from django.test import override_settings

from iro_tracker.reporting.document import report_data
from iro_tracker.reporting.snapshot import (
    EXTRA_QUERIES_FIXED,
    EXTRA_QUERIES_PER_YEAR,
    build_snapshot,
    population_for,
    reporting_year_of,
    with_population,
)
from iro_tracker.reporting.tests.factories import by_hand_snapshot, small_authority
from iro_tracker.rules.metrics import annual_report, drilldown

pytestmark = pytest.mark.django_db


@pytest.fixture
def authority():
    return small_authority()


def test_the_database_snapshot_gives_the_report_of_the_same_data_by_hand(authority):
    ann, bea = (str(u.pk) for u in authority["iros"])
    from_db = build_snapshot(year=2018)
    # The features' figures come through the same hooks (reporting.snapshot.feature_extras).
    by_hand = by_hand_snapshot(ann, bea, extra=from_db.extra)
    for year in (2017, 2018):
        assert annual_report(from_db, year) == annual_report(by_hand, year)
    report = annual_report(from_db, 2018)
    assert report["children_looked_after"]["at_year_end"] == 14
    assert report["children_looked_after"]["uasc_at_year_end"] == 3
    assert report["children_looked_after"]["rate_per_10000"] == 14  # 14 / 10,000 x 10,000
    assert report["reviews"]["held"] == 6
    assert report["service"]["iro_fte"] == 1.5
    assert report["short_breaks"]["children"] == 1


def test_the_snapshot_is_read_in_six_queries(authority, django_assert_num_queries):
    with django_assert_num_queries(6):
        build_snapshot(year=2018, extras=False)


def test_the_features_add_a_fixed_number_of_queries(authority, django_assert_max_num_queries):
    limit = 6 + EXTRA_QUERIES_FIXED + 2 * EXTRA_QUERIES_PER_YEAR
    assert limit == 35
    with django_assert_max_num_queries(limit):
        snapshot = build_snapshot(year=2018)
    assert set(snapshot.extra) == {
        "child_protection",
        "service",
        "quality_assurance",
        "issues_resolution",
        "health",
        "education",
        "legal_proceedings",
        "placement_stability",
        "short_breaks",
    }
    # Child protection's caseloads are read for the report's year and the year before.
    assert set(snapshot.extra["child_protection"]) == {2017, 2018}


def test_children_keep_their_local_id_and_map_to_database_ids(authority):
    snapshot = build_snapshot()
    children = authority["children"]
    assert snapshot.child_pks == {cid: child.pk for cid, child in children.items()}
    ids = drilldown(snapshot, 2018, "children_looked_after.uasc_at_year_end")
    assert ids == ["A00", "A01", "A02"]


def test_only_held_reviews_of_children_not_archived_are_read(authority):
    from iro_tracker.children.models import Child

    snapshot = build_snapshot()
    assert len(snapshot.reviews) == 6  # the pending review of A02 is not one
    Child.objects.filter(local_id="A00").update(archived=True)
    snapshot = build_snapshot()
    assert "A00" not in snapshot.children_by_id
    assert {r.child_id for r in snapshot.reviews} == {"A01", "B02", "B03"}
    assert all(e.child_id != "A00" for e in snapshot.episodes)


def test_chairs_who_left_count_until_their_leaving_date(authority):
    from iro_tracker.conftest import make_user

    make_user("gone", "chair", is_iro=True, is_active=False, left_on=date(2019, 1, 31))
    make_user("switched_off", "chair", is_iro=True, is_active=False)  # no leaving date
    staff = {s.name: s for s in build_snapshot().staff}
    assert staff["Gone Tester"].active_to == date(2019, 1, 31)
    assert "Switched_Off Tester" not in staff
    assert annual_report(build_snapshot(), 2018)["service"]["iro_headcount"] == 2


def test_population_comes_from_the_years_estimate_then_the_setting(authority):
    assert build_snapshot(year=2018).population_0_17 == 10_000
    assert build_snapshot(year=2017).population_0_17 == 9_000
    with override_settings(IRO_POPULATION_0_17=50_000):
        assert build_snapshot(year=2016).population_0_17 == 50_000
        assert population_for(None, {}) == 50_000
    with override_settings(IRO_POPULATION_0_17=None):
        assert build_snapshot(year=2016).population_0_17 is None


@override_settings(IRO_HISTORY_COMPLETE_FROM=date(2018, 4, 1))
def test_history_from_comes_from_the_setting(authority):
    assert build_snapshot().history_from == date(2018, 4, 1)


def test_last_years_rate_uses_last_years_population(authority):
    snapshot = build_snapshot(year=2018)
    previous = with_population(snapshot, 9_000)
    data = report_data(snapshot, 2018, previous_snapshot=previous)
    assert data["population"] == {"current": 10_000, "previous": 9_000}
    at_end = data["previous"]["children_looked_after"]["at_year_end"]
    assert data["previous"]["children_looked_after"]["rate_per_10000"] == round(
        at_end * 10_000 / 9_000
    )
    # The copy shares the work already done, and leaves the original alone.
    assert previous.children_by_id is snapshot.children_by_id
    assert snapshot.population_0_17 == 10_000
    assert with_population(snapshot, 10_000) is snapshot


@pytest.mark.parametrize(
    "day,year",
    [(date(2019, 3, 31), 2018), (date(2019, 4, 1), 2019), (date(2019, 1, 1), 2018)],
)
def test_reporting_year_of_a_date(day, year):
    assert reporting_year_of(day) == year
