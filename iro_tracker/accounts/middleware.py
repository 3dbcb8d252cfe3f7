"""Sign-in and access middleware: two-factor steps, idle timeout, break glass."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from iro_tracker.accounts import twofactor
from iro_tracker.accounts.access import JustificationRequired

LAST_SEEN = "iro_last_seen"  # also set at sign-in by twofactor._after_password
# The session (and its cookie) is renewed at most this often, so the idle timeout costs one
# write a minute per user rather than one per request; a session may end up to this much
# earlier than IRO_SESSION_IDLE_MINUTES after the last request.
RENEW_EVERY_SECONDS = 60


class TwoFactorMiddleware:
    """Send a signed-in user who still owes a second factor to enter it or to set one up.

    After the password the session says what is owed (``twofactor.SESSION_KEY``); when
    two-factor authentication is required, any session not verified by django-otp owes it.
    Only the pages needed to pay it, sign out and static files stay open.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def _open_paths(self) -> tuple[str, ...]:
        return (
            reverse("accounts:login"),
            reverse("accounts:logout"),
            reverse("accounts:two_factor_verify"),
            reverse("accounts:two_factor_setup"),
            settings.STATIC_URL,
        )

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            step = request.session.get(twofactor.SESSION_KEY)
            if step is None and settings.IRO_REQUIRE_2FA and not user.is_verified():
                step = twofactor.needed_step(user)
                request.session[twofactor.SESSION_KEY] = step
            if step and not request.path.startswith(self._open_paths()):
                target = "accounts:two_factor_verify" if step == twofactor.VERIFY else None
                url = reverse(target or "accounts:two_factor_setup")
                if request.method == "GET":
                    url += "?" + urlencode({"next": request.get_full_path()})
                return redirect(url)
        return self.get_response(request)


class IdleTimeoutMiddleware:
    """End a session after ``IRO_SESSION_IDLE_MINUTES`` without a request.

    ``SESSION_COOKIE_AGE`` is the idle limit; touching the session at most once a minute
    renews its expiry (in the database and the cookie), so a session in use stays open and
    one left alone expires on the server as well as in the browser.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and request.user.is_authenticated:
            now = int(time.time())
            if now - session.get(LAST_SEEN, 0) >= RENEW_EVERY_SECONDS:
                session[LAST_SEEN] = now
        return self.get_response(request)


class BreakGlassMiddleware:
    """Turn ``JustificationRequired`` into the form that asks a chair for their reason."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, JustificationRequired):
            return None
        url = reverse("audit:justify", args=[exception.child.pk])
        back = request.get_full_path() if request.method == "GET" else ""
        return redirect(url + ("?" + urlencode({"next": back}) if back else ""))
