"""Every work queue and calendar page for every role: allowed (200), refused (403), or sign-in."""

import pytest
from django.urls import reverse

from iro_tracker.reviews.models import Status

pytestmark = pytest.mark.django_db

ROLES = ["allocated_iro", "other_iro", "manager", "support", "panel"]

MATRIX = [
    ("work queue", lambda r: reverse("workqueue:index"), {"manager", "support"}),
    (
        "record invitations",
        lambda r: reverse("workqueue:invitation", args=[r.pk]),
        {"allocated_iro", "manager", "support"},
    ),
    ("calendar settings", lambda r: reverse("workqueue:calendar"), {"allocated_iro", "other_iro"}),
]


@pytest.fixture
def review(child):
    return child.reviews.get(status=Status.DUE)


@pytest.mark.parametrize("name,url,allowed", MATRIX, ids=[m[0] for m in MATRIX])
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, personas, review, role, name, url, allowed):
    client.force_login(personas[role])
    expected = 200 if role in allowed else 403
    assert client.get(url(review)).status_code == expected, f"{role} on {name}"


@pytest.mark.parametrize("name,url,allowed", MATRIX, ids=[m[0] for m in MATRIX])
def test_anonymous_users_are_sent_to_sign_in(client, review, name, url, allowed):
    response = client.get(url(review))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", [*ROLES, None])
def test_the_feed_needs_a_live_token_not_a_sign_in(client, personas, role):
    if role:
        client.force_login(personas[role])
    # Signed in or not, a wrong token is simply not found (never a redirect to sign in).
    assert client.get(reverse("workqueue:feed", args=["not-a-token"])).status_code == 404
