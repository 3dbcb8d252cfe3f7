"""Two-factor sign-in: a new user is walked through setting it up; then a code is asked for."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from iro_tracker.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def code_for(device: TOTPDevice, *, drift: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, drift=drift):06d}"


def sign_in(client, user):
    return client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})


@override_settings(IRO_REQUIRE_2FA=True)
def test_a_new_user_is_walked_through_setting_up_two_factor(client, allocated_iro):
    response = sign_in(client, allocated_iro)
    assert response.status_code == 302
    # Every page sends them to set it up first, remembering where they were going.
    response = client.get(reverse("reviews:caseload"))
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))
    page = client.get(response["Location"])
    body = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in body and "otpauth://totp/" in body
    device = TOTPDevice.objects.get(user=allocated_iro, confirmed=False)
    wrong = client.post(reverse("accounts:two_factor_setup"), {"token": "000000"})
    assert "The code is not right" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    done = client.post(
        reverse("accounts:two_factor_setup"),
        {"token": code_for(device), "next": reverse("reviews:caseload")},
    )
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert client.get(reverse("reviews:caseload")).status_code == 200


@override_settings(IRO_REQUIRE_2FA=True)
def test_an_enrolled_user_must_enter_a_code_and_a_backup_code_works_once(client, manager):
    device = TOTPDevice.objects.create(user=manager, name="app", confirmed=True)
    from iro_tracker.accounts.twofactor import new_backup_codes

    codes = new_backup_codes(manager)
    sign_in(client, manager)
    assert client.get(reverse("reviews:due"))["Location"].startswith(
        reverse("accounts:two_factor_verify")
    )
    # The setup page cannot be used to replace the app without the second factor.
    assert client.get(reverse("accounts:two_factor_setup"))["Location"].startswith(
        reverse("accounts:two_factor_verify")
    )
    response = client.post(reverse("accounts:two_factor_verify"), {"token": codes[0]})
    assert response.status_code == 302
    assert client.get(reverse("reviews:due")).status_code == 200
    client.logout()
    sign_in(client, manager)
    again = client.post(reverse("accounts:two_factor_verify"), {"token": codes[0]})
    assert again.status_code == 200  # refused: each backup code works once
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows retries after a wrong code; not under test here
    ok = client.post(reverse("accounts:two_factor_verify"), {"token": code_for(device)})
    assert ok.status_code == 302


def test_without_the_requirement_an_enrolled_user_is_still_asked_for_a_code(client, support):
    TOTPDevice.objects.create(user=support, name="app", confirmed=True)
    sign_in(client, support)
    response = client.get(reverse("reviews:due"))
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))


def test_without_the_requirement_a_user_with_no_device_goes_straight_in(client, support):
    sign_in(client, support)
    assert client.get(reverse("reviews:due")).status_code == 200


def test_the_profile_page_offers_to_set_it_up(client, support):
    client.force_login(support)
    body = client.get(reverse("accounts:profile")).content.decode()
    assert "Set up two-factor authentication" in body
    assert "Not set up" in body


def test_two_factor_is_required_by_default_when_debug_is_off():
    import subprocess
    import sys

    script = "from django.conf import settings; print(settings.IRO_REQUIRE_2FA)"
    env_off = {"DJANGO_SETTINGS_MODULE": "iro_tracker.settings", "DEBUG": "0", "PATH": ""}
    out = subprocess.run(  # noqa: S603 (our own command, no shell)
        [sys.executable, "-c", "import django; django.setup(); " + script],
        env=env_off,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "True"
