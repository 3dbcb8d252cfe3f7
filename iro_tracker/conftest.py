"""Shared fixtures: named personas for the permission matrix and small factories.

Personas: ``allocated_iro`` (the child's IRO), ``other_iro``, ``manager``, ``support``
(business support) and ``panel`` (read-only panel member).
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

PASSWORD = "correct-horse-battery"  # noqa: S105 (test-only)


def make_user(username, role, *, is_iro=False, fte="1.00", **extra):
    from iro_tracker.accounts.models import User

    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        role=role,
        is_iro=is_iro,
        fte=Decimal(fte),
        first_name=extra.pop("first_name", username.title()),
        last_name=extra.pop("last_name", "Tester"),
        **extra,
    )
    return user


def make_child(local_id="C001", *, dob=date(2010, 5, 17), first="Alex", last="Smith", **extra):
    from iro_tracker.children.models import Child

    return Child.objects.create(
        local_id=local_id,
        first_name=first,
        last_name=last,
        date_of_birth=dob,
        sex=extra.pop("sex", "M"),
        ethnicity=extra.pop("ethnicity", "WBRI"),
        **extra,
    )


def add_episode(child, decom, dec=None, *, rne="S", ls="C2", place="U4", rec=""):
    from iro_tracker.children.models import CareEpisode

    return CareEpisode.objects.create(
        child=child,
        decom=decom,
        dec=dec,
        rne=rne,
        ls=ls,
        place=place,
        place_provider="" if place.startswith("T") else "PR1",
        rec=rec or ("E13" if dec else ""),
    )


# Django models are imported inside functions so that the Django-free rules and ssda903
# tests can run with `-p no:django`.


@pytest.fixture
def team(db):
    from iro_tracker.accounts.models import Team

    return Team.objects.create(name="Looked After Children North")


@pytest.fixture
def allocated_iro(db):
    return make_user("iro_alloc", "chair", is_iro=True, first_name="Ada", last_name="Reviewer")


@pytest.fixture
def other_iro(db):
    return make_user("iro_other", "chair", is_iro=True, first_name="Bea", last_name="Other")


@pytest.fixture
def manager(db):
    return make_user("manager", "manager")


@pytest.fixture
def support(db):
    return make_user("support", "business_support")


@pytest.fixture
def panel(db):
    return make_user("panel", "read_only")


@pytest.fixture
def personas(allocated_iro, other_iro, manager, support, panel):
    return {
        "allocated_iro": allocated_iro,
        "other_iro": other_iro,
        "manager": manager,
        "support": support,
        "panel": panel,
    }


@pytest.fixture
def child(db, allocated_iro, team):
    """A 14-year-old in care since 20 Dec 2018, allocated to ``allocated_iro``."""
    from iro_tracker.children.models import Allocation
    from iro_tracker.reviews.services import refresh_schedule

    c = make_child(team=team)
    add_episode(c, date(2018, 12, 20))
    Allocation.objects.create(child=c, iro=allocated_iro, start_date=date(2018, 12, 21))
    refresh_schedule(c, as_of=date(2019, 1, 1))
    return c


# --- browser tests (Playwright driving Debian's Chromium) ------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="session")
def chromium():
    import os

    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between page actions are still ordinary synchronous calls.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def sign_in(page, username, password=PASSWORD):
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def pytest_configure(config):
    # Full-strength hashing made the permission matrix take minutes; strength is not under test.
    if config.pluginmanager.hasplugin("django"):
        from django.conf import settings

        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        # Tests run with DEBUG off, where two-factor sign-in is required by default; the tests
        # of two-factor sign-in turn it back on (accounts/tests/test_two_factor.py).
        settings.IRO_REQUIRE_2FA = False


# Reference data that data migrations seed: a transactional test (the browser tests) empties
# every table when it ends, so each one seeds it again first. Idempotent, like the migrations.
SEED_MIGRATIONS = [
    ("iro_tracker.disputes.migrations.0002_seed_default_stages", "seed"),
    ("iro_tracker.outcomes.migrations.0002_default_qa_questions", "add_defaults"),
]


@pytest.fixture(autouse=True)
def _reseed_reference_data(request):
    if "transactional_db" not in request.fixturenames and "live_server" not in request.fixturenames:
        marker = request.node.get_closest_marker("django_db")
        if not (marker and marker.kwargs.get("transaction")):
            return
    import importlib

    from django.apps import apps

    request.getfixturevalue("transactional_db")
    for module, function in SEED_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)
