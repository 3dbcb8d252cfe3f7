"""Two-factor authentication: an authenticator app (TOTP) with single-use backup codes.

django-otp keeps the devices and checks codes (with its own throttling). This module decides
who must do what after the password: a user with a confirmed device always enters a code; when
``settings.IRO_REQUIRE_2FA`` is on, a user without one is walked through setting one up before
any other page opens. The decision is stored in the session at sign-in, so ordinary requests
cost no extra query.
"""

from __future__ import annotations

import base64
import time

import segno
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

SESSION_KEY = "iro_2fa"
VERIFY = "verify"
SETUP = "setup"
BACKUP_CODES = 10
APP_NAME = "Authenticator app"
CODES_NAME = "Backup codes"


def has_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def needed_step(user) -> str | None:
    """``verify`` if the user has a device, ``setup`` if they must get one, else None."""
    if has_device(user):
        return VERIFY
    if settings.IRO_REQUIRE_2FA:
        return SETUP
    return None


@receiver(user_logged_in, dispatch_uid="iro_two_factor_step")
def _after_password(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    # The idle timeout's clock starts now (middleware.IdleTimeoutMiddleware), so the first
    # request after signing in does not write the session again.
    request.session["iro_last_seen"] = int(time.time())
    step = needed_step(user)
    if step is None:
        request.session.pop(SESSION_KEY, None)
    else:
        request.session[SESSION_KEY] = step


def pending_device(user) -> TOTPDevice:
    """The unconfirmed authenticator being set up (a new secret each time setup starts)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)
    return device


def secret_base32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def qr_svg(uri: str) -> str:
    """The otpauth URI as an SVG QR code, with no inline style (the CSP forbids it)."""
    return segno.make(uri, error="m").svg_inline(scale=5, dark="#0b0c0c", light="#ffffff")


@transaction.atomic
def confirm_device(user, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the authenticator if ``token`` is right, replacing any earlier one, and issue
    new backup codes (returned, shown once). None if the code is wrong."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
    if not device.verify_token(token.replace(" ", "")):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_backup_codes(user)


@transaction.atomic
def new_backup_codes(user) -> list[str]:
    """Replace the user's backup codes with ``BACKUP_CODES`` new single-use ones."""
    static, _ = StaticDevice.objects.get_or_create(
        user=user, name=CODES_NAME, defaults={"confirmed": True}
    )
    static.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=c) for c in codes])
    return codes


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def authenticator(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()
