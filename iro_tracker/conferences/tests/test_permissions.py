"""Every new URL (conferences, caseloads, dashboard) for every role, and sign-in for the rest.

Here ``allocated_iro`` holds the dual role: the child's IRO and the chair of their plan's
conferences. ``other_iro`` chairs looked-after reviews only.
"""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from iro_tracker.conferences.models import ChildProtectionPlan, Conference
from iro_tracker.conferences.services import record_strategy_discussion
from iro_tracker.conferences.tests.factories import initial, make_cpa
from iro_tracker.conftest import make_child
from iro_tracker.dashboard import cache

pytestmark = pytest.mark.django_db

ROLES = ["allocated_iro", "other_iro", "manager", "support", "panel"]
STAFF = {"allocated_iro", "other_iro", "manager", "support"}


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime(2019, 3, 1, 12, tzinfo=UTC), tick=False)
    cache.clear()


@pytest.fixture
def cp(child, allocated_iro):
    """The persona child on a plan chaired by ``allocated_iro``."""
    make_cpa(allocated_iro)
    conference = initial([child], date(2019, 1, 10), allocated_iro, sd=date(2019, 1, 3))
    sibling = make_child("C002", first="Sam", last="Smith")
    discussion = record_strategy_discussion(
        [sibling], held_on=date(2019, 2, 20), s47_started_on=None, user=allocated_iro
    )
    return {
        "conference": conference,
        "plan": ChildProtectionPlan.objects.get(child=child),
        "enquiry": discussion.enquiry_children.get(),
    }


def url(name, *args):
    """A URL builder: args are callables of (child, cp records, personas)."""
    return lambda c, x, p: reverse(name, args=[a(c, x, p) for a in args])


CHILD = lambda c, x, p: c.pk  # noqa: E731
CONFERENCE = lambda c, x, p: x["conference"].pk  # noqa: E731
PLAN = lambda c, x, p: x["plan"].pk  # noqa: E731
ENQUIRY = lambda c, x, p: x["enquiry"].pk  # noqa: E731
CHAIR = lambda c, x, p: p["allocated_iro"].pk  # noqa: E731
MATRIX = [
    (
        "record conference",
        lambda c, x, p: reverse("conferences:record") + f"?child={c.pk}",
        {"allocated_iro", "manager"},
    ),
    ("strategy discussion", url("conferences:strategy"), {"manager", "support"}),
    ("conference", url("conferences:detail", CONFERENCE), STAFF),
    ("core group", url("conferences:core_group", PLAN), {"allocated_iro", "manager", "support"}),
    ("no conference", url("conferences:close_enquiry", ENQUIRY), {"manager", "support"}),
    ("caseloads", url("caseloads:list"), STAFF),
    ("a chair's caseload", url("caseloads:chair", CHAIR), {"allocated_iro", "manager", "support"}),
    ("allocation suggestion", url("caseloads:suggest", CHILD), {"manager"}),
    ("dashboard", url("dashboard:home"), STAFF),
    ("dashboard list", url("dashboard:list", lambda c, x, p: "children.on_plan"), STAFF),
]


@pytest.mark.parametrize("name,url,allowed", MATRIX, ids=[m[0] for m in MATRIX])
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, personas, child, cp, role, name, url, allowed):
    client.force_login(personas[role])
    response = client.get(url(child, cp, personas))
    expected = 200 if role in allowed else 403
    if name == "conference" and role == "other_iro":
        expected = 302  # not their child: asked for a reason first (break glass, issue 8)
    assert response.status_code == expected, f"{role} on {name}"


@pytest.mark.parametrize("name,url,allowed", MATRIX, ids=[m[0] for m in MATRIX])
def test_anonymous_users_are_sent_to_sign_in(client, personas, child, cp, name, url, allowed):
    response = client.get(url(child, cp, personas))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_chair_sees_only_their_own_caseload_and_slice(client, personas, child, cp):
    client.force_login(personas["other_iro"])
    rows = client.get(reverse("caseloads:list")).context["rows"]
    assert [r.chair for r in rows] == [personas["other_iro"]]
    response = client.get(
        reverse("dashboard:list", args=[f"caseload.{personas['allocated_iro'].pk}.lac"])
    )
    assert response.status_code == 404  # not in their slice


@pytest.mark.parametrize("role", ["other_iro", "support"])
def test_only_a_conference_chair_or_manager_can_record_one_by_posting(
    client, personas, child, role
):
    client.force_login(personas[role])
    response = client.post(
        reverse("conferences:record"),
        {"candidates": str(child.pk), f"child-{child.pk}-include": "on", "kind": "initial"},
    )
    assert response.status_code == 403
    assert not Conference.objects.exists()


def test_a_guessed_plan_or_conference_is_not_found(client, manager, cp):
    client.force_login(manager)
    assert client.get(reverse("conferences:detail", args=[999])).status_code == 404
    assert client.get(reverse("conferences:core_group", args=[999])).status_code == 404


def test_the_child_record_shows_the_plan_to_staff(client, personas, child, cp):
    from iro_tracker.audit.services import grant_access

    # Not their child: they give a reason first (break glass, issue 8).
    grant_access(personas["other_iro"], child, reason="Covering the review on Thursday", path="/")
    client.force_login(personas["other_iro"])
    body = client.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "Child protection plan (Neglect): 10 Jan 2019 to now" in body
    assert "Record a conference" not in body  # not a conference chair
