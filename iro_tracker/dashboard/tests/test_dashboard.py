"""The dashboard: hand-counted figures, each equal to the list it links to, in fixed queries."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from iro_tracker.children.models import Allocation
from iro_tracker.conferences.tests.factories import initial
from iro_tracker.conftest import add_episode, make_child
from iro_tracker.dashboard import cache
from iro_tracker.dashboard.figures import compute
from iro_tracker.dashboard.tests.scenario import NOW, TODAY, build
from iro_tracker.reviews.services import refresh_schedule

pytestmark = pytest.mark.django_db

LINK = re.compile(r'href="/dashboard/list/([^/"]+)/"[^>]*>(\d+)</a>')


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(NOW, tick=False)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def unit(allocated_iro, other_iro):
    return build(allocated_iro, other_iro)


def ids(figures, key, children):
    names = {c.pk: name for name, c in children.items()}
    return sorted(names[item.child_id] for item in figures.items[key])


def test_unit_figures_match_the_hand_count(unit):
    f = compute(TODAY)
    assert ids(f, "reviews.overdue", unit) == ["L1"]
    assert ids(f, "reviews.due_4_weeks", unit) == ["L2", "L3"]
    assert ids(f, "conferences.overdue", unit) == ["P1", "P2"]
    assert ids(f, "conferences.due_4_weeks", unit) == ["P3", "P4"]
    assert ids(f, "timeliness.reviews_held", unit) == ["L4", "L4"]
    assert ids(f, "timeliness.reviews_late", unit) == ["L4"]
    assert ids(f, "timeliness.icpc_children", unit) == ["L1", "P1", "P2", "P3"]
    assert ids(f, "timeliness.icpc_on_time", unit) == ["L1", "P1", "P2"]
    assert ids(f, "timeliness.icpc_s47_on_time", unit) == ["P1", "P2"]
    assert f.count("timeliness.rcpc_children") == 0
    assert (f.count("participation.eligible"), f.count("participation.took_part")) == (2, 1)
    assert ids(f, "children.looked_after", unit) == ["L1", "L2", "L3", "L4"]
    assert ids(f, "children.on_plan", unit) == ["L1", "P1", "P2", "P3"]
    assert ids(f, "children.both", unit) == ["L1"]
    assert ids(f, "children.no_iro", unit) == ["L3"]
    months = {m.key: m for m in f.months}
    assert (months["2025-07"].reviews_held, months["2025-07"].reviews_late) == (1, 1)
    assert (months["2025-06"].conference_children, months["2025-06"].conference_children_late) == (
        1,
        1,
    )
    loads = {r.chair.username: (r.lac, r.cp) for r in f.caseloads}
    assert loads == {"iro_alloc": (2, 4), "iro_other": (1, 0)}


def test_a_chair_sees_only_their_slice(unit, allocated_iro):
    f = compute(TODAY, allocated_iro)
    assert ids(f, "reviews.overdue", unit) == ["L1"]
    assert f.count("reviews.due_4_weeks") == 0  # L2 is another IRO's, L3 nobody's
    assert ids(f, "conferences.due_4_weeks", unit) == ["P3"]  # P4's has no chair yet
    assert "children.no_iro" not in f.items
    assert [r.chair for r in f.caseloads] == [allocated_iro]


@pytest.mark.parametrize("role", ["manager", "allocated_iro"])
def test_every_figure_on_the_page_equals_the_length_of_its_list(client, personas, unit, role):
    client.force_login(personas[role])
    body = client.get(reverse("dashboard:home")).content.decode()
    links = LINK.findall(body)
    assert len(links) > 20
    for key, shown in links:
        response = client.get(reverse("dashboard:list", args=[key]))
        assert response.status_code == 200
        assert response.context["total"] == int(shown), key
        assert len(response.context["rows"]) == min(int(shown), 50), key
        assert all(child is not None for child, _ in response.context["rows"]), key


def test_the_figures_follow_a_change_at_once(client, manager, unit, allocated_iro):
    client.force_login(manager)
    url = reverse("dashboard:list", args=["children.no_iro"])
    assert client.get(url).context["total"] == 1
    Allocation.objects.create(child=unit["L3"], iro=allocated_iro, start_date=TODAY)
    assert client.get(url).context["total"] == 0


def test_an_unknown_figure_is_not_found(client, manager, unit):
    client.force_login(manager)
    assert client.get(reverse("dashboard:list", args=["nothing.here"])).status_code == 404


def _grow(n, chair, other, start):
    for i in range(start, start + n):
        child = make_child(f"G{i:04d}", first=f"Grow{i}", last="Load")
        add_episode(child, TODAY - timedelta(days=40 + i))
        Allocation.objects.create(child=child, iro=chair if i % 2 else other, start_date=TODAY)
        refresh_schedule(child, as_of=TODAY)
        sibling = make_child(f"H{i:04d}", first=f"Plan{i}", last="Load")
        held = TODAY - timedelta(days=i % 60 + 1)
        initial([sibling], held, chair, sd=held - timedelta(days=7))


def test_the_dashboard_renders_in_a_fixed_number_of_queries(
    client, manager, allocated_iro, other_iro, unit, django_assert_max_num_queries
):
    client.force_login(manager)
    client.get(reverse("dashboard:home"))  # the session and user, once
    cache.clear()
    # The dashboard's own figures, plus the health, court and issues tiles other features add.
    with django_assert_max_num_queries(40) as small:
        client.get(reverse("dashboard:home"))
    _grow(40, allocated_iro, other_iro, 0)
    cache.clear()
    with django_assert_max_num_queries(40) as large:
        response = client.get(reverse("dashboard:home"))
    assert len(large.captured_queries) == len(small.captured_queries)
    assert response.context["figures"].count("children.looked_after") == 44
    # From the kept figures, a view costs the session, the user and the data version.
    with django_assert_max_num_queries(3):
        client.get(reverse("dashboard:home"))
