"""Every issues and oversight page for every role: allowed (200), refused (403), or sign-in."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from iro_tracker.disputes.models import Theme
from iro_tracker.disputes.services import raise_issue

pytestmark = pytest.mark.django_db

ROLES = ["allocated_iro", "other_iro", "manager", "support", "panel"]
STAFF = {"allocated_iro", "other_iro", "manager", "support"}
ACT = {"allocated_iro", "manager"}


def issue_url(name):
    return lambda c, i: reverse(f"disputes:{name}", args=[i.pk])


def child_url(name):
    return lambda c, i: reverse(f"disputes:{name}", args=[c.pk])


MATRIX = [
    ("issues", lambda c, i: reverse("disputes:index"), STAFF),
    ("issue", issue_url("detail"), STAFF),
    ("raise", child_url("raise"), ACT),
    ("escalate", issue_url("escalate"), ACT),
    ("respond", issue_url("respond"), ACT),
    ("resolve", issue_url("resolve"), ACT),
    ("cafcass", issue_url("cafcass"), ACT),
    ("action", issue_url("action"), ACT),
    ("midway", child_url("midway"), ACT),
    ("contact", child_url("contact"), ACT),
    (
        "oversight report",
        lambda c, i: reverse("disputes:oversight"),
        {"allocated_iro", "other_iro", "manager"},
    ),
    ("documents report", lambda c, i: reverse("disputes:documents"), STAFF),
]


@pytest.fixture
def issue(child, allocated_iro):
    with time_machine.travel(date(2019, 2, 1)):
        return raise_issue(
            child,
            theme=Theme.CARE_PLAN,
            summary="No plan.",
            raised_on=date(2019, 2, 1),
            responder="SW",
            user=allocated_iro,
        )


@pytest.mark.parametrize("name,url,allowed", MATRIX, ids=[m[0] for m in MATRIX])
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, personas, child, issue, role, name, url, allowed):
    client.force_login(personas[role])
    response = client.get(url(child, issue))
    expected = 200 if role in allowed else 403
    if name == "issue" and role == "other_iro":
        expected = 302  # not their child: asked for a reason first (break glass, issue 8)
    assert response.status_code == expected, f"{role} on {name}"


@pytest.mark.parametrize("name,url,allowed", MATRIX, ids=[m[0] for m in MATRIX])
def test_anonymous_users_are_sent_to_sign_in(client, child, issue, name, url, allowed):
    response = client.get(url(child, issue))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_another_iro_cannot_resolve_by_posting(client, other_iro, issue):
    client.force_login(other_iro)
    data = {"outcome": "resolved", "closed_on_0": "1", "closed_on_1": "2", "closed_on_2": "2019"}
    assert client.post(reverse("disputes:resolve", args=[issue.pk]), data).status_code == 403
    issue.refresh_from_db()
    assert issue.is_open


def test_a_guessed_issue_id_is_not_found(client, manager, issue):
    client.force_login(manager)
    assert client.get(reverse("disputes:detail", args=[issue.pk + 99])).status_code == 404


def test_an_iro_sees_only_their_own_row_of_the_oversight_report(client, other_iro):
    client.force_login(other_iro)
    response = client.get(reverse("disputes:oversight"))
    assert response.context["iro"] == other_iro
    assert "iro" not in response.context["form"].fields  # no choosing another IRO


def test_opening_an_issue_is_logged_as_a_view_of_the_child(client, manager, issue):
    client.force_login(manager)
    client.get(reverse("disputes:detail", args=[issue.pk]))
    entry = issue.child.access_log.get()
    assert (entry.user, entry.action, entry.detail) == (manager, "view", f"Issue {issue.pk}")
