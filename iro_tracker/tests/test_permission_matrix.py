"""Every URL for every role: allowed (200) or refused (403), and sign-in for everyone else."""

import pytest
from django.urls import reverse

from iro_tracker.reviews.models import Status

pytestmark = pytest.mark.django_db

ROLES = ["allocated_iro", "other_iro", "manager", "support", "panel"]
ALL = set(ROLES)
STAFF = ALL - {"panel"}

# (name, url builder, roles allowed). Anything else must get 403.
MATRIX = [
    ("home", lambda c, r: reverse("accounts:home"), set()),  # redirects everyone
    ("summary", lambda c, r: reverse("reviews:summary"), ALL),
    ("caseload", lambda c, r: reverse("reviews:caseload"), {"allocated_iro", "other_iro"}),
    ("reviews due", lambda c, r: reverse("reviews:due"), STAFF),
    ("reviews due csv", lambda c, r: reverse("reviews:due") + "?format=csv", STAFF),
    ("children", lambda c, r: reverse("children:list"), STAFF),
    ("child record", lambda c, r: reverse("children:detail", args=[c.pk]), STAFF),
    ("allocate", lambda c, r: reverse("children:allocate", args=[c.pk]), {"manager"}),
    (
        "record review",
        lambda c, r: reverse("reviews:record", args=[r.pk]),
        {"allocated_iro", "manager"},
    ),
    (
        "schedule review",
        lambda c, r: reverse("reviews:schedule", args=[r.pk]),
        {"allocated_iro", "manager", "support"},
    ),
    (
        "adjourn review",
        lambda c, r: reverse("reviews:adjourn", args=[r.pk]),
        {"allocated_iro", "manager"},
    ),
]


@pytest.fixture
def pending_review(child):
    return child.reviews.get(status__in=[Status.DUE, Status.SCHEDULED])


@pytest.mark.parametrize("name,url,allowed", MATRIX, ids=[m[0] for m in MATRIX])
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, personas, child, pending_review, role, name, url, allowed):
    client.force_login(personas[role])
    response = client.get(url(child, pending_review))
    if name == "home":
        assert response.status_code == 302
    elif role in allowed:
        assert response.status_code == 200, f"{role} should open {name}"
    else:
        assert response.status_code == 403, f"{role} must not open {name}"


@pytest.mark.parametrize("name,url,allowed", MATRIX, ids=[m[0] for m in MATRIX])
def test_anonymous_users_are_sent_to_sign_in(client, child, pending_review, name, url, allowed):
    response = client.get(url(child, pending_review))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ["allocated_iro", "manager", "support"])
def test_a_guessed_child_id_is_not_found(client, personas, child, role):
    client.force_login(personas[role])
    assert client.get(reverse("children:detail", args=[child.pk + 1000])).status_code == 404


def test_read_only_user_gets_403_even_for_a_guessed_id(client, panel, child):
    client.force_login(panel)
    assert client.get(reverse("children:detail", args=[child.pk + 1000])).status_code == 403


def test_another_iro_cannot_record_a_review_by_posting(client, other_iro, child, pending_review):
    client.force_login(other_iro)
    response = client.post(
        reverse("reviews:record", args=[pending_review.pk]),
        {
            "held_date_0": "10",
            "held_date_1": "1",
            "held_date_2": "2019",
            "participation": "PN1",
            "chair": other_iro.pk,
        },
    )
    assert response.status_code == 403
    pending_review.refresh_from_db()
    assert pending_review.status == Status.DUE


def test_home_sends_each_role_to_its_first_page(client, personas):
    expected = {
        "allocated_iro": reverse("reviews:caseload"),
        "manager": reverse("reviews:due"),
        "support": reverse("reviews:due"),
        "panel": reverse("reviews:summary"),
    }
    for role, target in expected.items():
        client.force_login(personas[role])
        assert client.get("/")["Location"] == target


def test_opening_a_child_record_is_logged(client, manager, child):
    client.force_login(manager)
    client.get(reverse("children:detail", args=[child.pk]))
    entry = child.access_log.get()
    assert (entry.user, entry.action) == (manager, "view")


def test_csv_download_is_logged_with_its_row_count(client, manager, child):
    client.force_login(manager)
    response = client.get(reverse("reviews:due") + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert b"Alex Smith" in response.content
    entry = manager.access_log.get(action="export")
    assert entry.row_count == 1
    assert entry.at is not None
