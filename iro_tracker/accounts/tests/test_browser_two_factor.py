"""In a real browser: a new user's first sign-in walks them through two-factor set-up."""

import base64

import pytest
from django_otp.oath import totp

from iro_tracker.conftest import make_user, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_user_sets_up_two_factor_at_first_sign_in(page, settings):
    settings.IRO_REQUIRE_2FA = True
    make_user("newiro", "chair", is_iro=True)
    sign_in(page, "newiro")
    page.get_by_role("heading", name="Set up two-factor authentication").wait_for()
    assert page.get_by_test_id("qr-code").locator("svg").count() == 1
    page.get_by_text("I cannot scan the QR code").click()
    secret = page.get_by_test_id("secret").inner_text().strip()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Code from your authenticator app").fill(f"{totp(key):06d}")
    screenshot(page, "two-factor-setup")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Your backup codes").wait_for()
    assert page.get_by_test_id("backup-codes").locator("li").count() == 10
    page.get_by_role("link", name="Continue").click()
    page.get_by_role("heading", name="My caseload").wait_for()
