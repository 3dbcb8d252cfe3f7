"""Every URL refuses a POST without its CSRF token (403), whoever is signed in."""

import pytest
import time_machine
from django.test import Client

from iro_tracker.tests import scene as sc
from iro_tracker.tests.urlmap import URLS

pytestmark = pytest.mark.django_db


def test_every_post_without_a_csrf_token_is_refused(personas, child, tmp_path):
    with time_machine.travel(sc.TODAY, tick=False):
        built = sc.build(personas, child, tmp_path)
        client = Client(enforce_csrf_checks=True)
        client.raise_request_exception = False
        wrong = []
        for role in ("manager", "allocated_iro"):
            client.force_login(personas[role])
            for name, build in sorted(URLS.items()):
                response = client.post(build(built), {"anything": "x"})
                if response.status_code != 403 or b"CSRF" not in response.content:
                    wrong.append(f"{role} {name}: {response.status_code}")
        assert not wrong, "\n".join(wrong)


def test_signing_in_needs_the_token_too(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
