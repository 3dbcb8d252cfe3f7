"""Every new URL of issue 9 for every persona: 200, 403, or sign in for anonymous users.

Health and PEP dates: the allocated IRO, managers and business support. Quality judgements,
court work, legal status discussions and disability: the allocated IRO and managers. Lists:
every member of staff. A read-only panel member opens none of them.
"""

from datetime import date

import pytest
from django.urls import reverse

from iro_tracker.court.models import CareProceedings
from iro_tracker.education.models import PersonalEducationPlan

pytestmark = pytest.mark.django_db

ROLES = ["allocated_iro", "other_iro", "manager", "support", "panel"]
STAFF = set(ROLES) - {"panel"}
DATES = {"allocated_iro", "manager", "support"}
IRO = {"allocated_iro", "manager"}

MATRIX = [
    ("health overview", lambda o: reverse("health:overview"), STAFF),
    ("initial assessment", lambda o: reverse("health:iha", args=[o["child"].pk]), DATES),
    ("review assessment", lambda o: reverse("health:assessment", args=[o["child"].pk]), DATES),
    ("dental check", lambda o: reverse("health:dental", args=[o["child"].pk]), DATES),
    ("immunisations", lambda o: reverse("health:immunisations", args=[o["child"].pk]), DATES),
    ("sdq", lambda o: reverse("health:sdq", args=[o["child"].pk]), DATES),
    ("pep", lambda o: reverse("education:pep", args=[o["child"].pk]), DATES),
    ("judge pep", lambda o: reverse("education:judge", args=[o["pep"].pk]), IRO),
    ("school contact", lambda o: reverse("education:contact", args=[o["child"].pk]), DATES),
    ("proceedings list", lambda o: reverse("court:list"), STAFF),
    ("new proceedings", lambda o: reverse("court:new", args=[o["child"].pk]), IRO),
    ("edit proceedings", lambda o: reverse("court:edit", args=[o["proceedings"].pk]), IRO),
    ("legal status watch", lambda o: reverse("court:watch"), STAFF),
    ("legal discussion", lambda o: reverse("court:discuss", args=[o["child"].pk]), IRO),
    ("stability", lambda o: reverse("stability:overview"), STAFF),
    ("short breaks", lambda o: reverse("stability:short_breaks"), STAFF),
    ("disability", lambda o: reverse("stability:disability", args=[o["child"].pk]), IRO),
]


@pytest.fixture
def objects(child):
    pep = PersonalEducationPlan.objects.create(child=child, held_on=date(2019, 1, 7))
    proceedings = CareProceedings.objects.create(issued_on=date(2018, 12, 18))
    proceedings.children.add(child)
    return {"child": child, "pep": pep, "proceedings": proceedings}


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, personas, objects, role):
    client.force_login(personas[role])
    wrong = []
    for name, url, allowed in MATRIX:
        status = client.get(url(objects)).status_code
        if status != (200 if role in allowed else 403):
            wrong.append(f"{name}: {status}")
    assert wrong == [], f"{role} got the wrong answer on these pages"


def test_anonymous_users_are_sent_to_sign_in(client, objects):
    for _, url, _ in MATRIX:
        response = client.get(url(objects))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_another_iro_cannot_record_by_posting(client, other_iro, objects):
    client.force_login(other_iro)
    data = {"discussed_on_0": "1", "discussed_on_1": "2", "discussed_on_2": "2019",
            "with_whom": "SW", "outcome": "status_right"}  # fmt: skip
    response = client.post(reverse("court:discuss", args=[objects["child"].pk]), data)
    assert response.status_code == 403
    assert not objects["child"].legal_discussions.exists()


def test_a_guessed_child_id_is_not_found(client, manager, objects):
    client.force_login(manager)
    assert client.get(reverse("health:iha", args=[objects["child"].pk + 99])).status_code == 404
