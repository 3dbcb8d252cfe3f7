"""Your account: two-factor authentication (set up, sign in with a code, backup codes)."""

from __future__ import annotations

import django_otp
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from iro_tracker.accounts import twofactor
from iro_tracker.accounts.forms import SetupForm, TokenForm


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _done(request, device):
    django_otp.login(request, device)
    request.session.pop(twofactor.SESSION_KEY, None)


def profile(request):
    user = request.user
    return render(
        request,
        "accounts/profile.html",
        {
            "authenticator": twofactor.authenticator(user),
            "codes_left": twofactor.backup_codes_left(user),
            "verified": user.is_verified(),
        },
    )


@require_http_methods(["GET", "POST"])
def setup(request):
    """Set up (or replace) the authenticator app: scan the QR code, then enter a code."""
    user = request.user
    if twofactor.has_device(user) and not user.is_verified():
        # Replacing the app needs the old one (or a backup code) first.
        return redirect("accounts:two_factor_verify")
    device = twofactor.pending_device(user)
    form = SetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.confirm_device(user, device, form.cleaned_data["token"])
        if codes is None:
            form.add_error(
                "token", "The code is not right: check the time on your phone and try again."
            )
        else:
            device.refresh_from_db()
            _done(request, device)
            return render(
                request, "accounts/backup_codes.html", {"codes": codes, "next": _next(request)}
            )
    uri = device.config_url
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "uri": uri,
            "secret": twofactor.secret_base32(device),
            "qr": twofactor.qr_svg(uri),
            "forced": request.session.get(twofactor.SESSION_KEY) == twofactor.SETUP,
            "next": _next(request),
        },
    )


@require_http_methods(["GET", "POST"])
def verify(request):
    """The second step of signing in: a code from the app or a backup code."""
    user = request.user
    if not twofactor.has_device(user):
        return redirect("accounts:two_factor_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = django_otp.match_token(user, form.cleaned_data["token"])
        if device is None:
            form.add_error("token", "The code is not right, or has been used. Try again.")
        else:
            _done(request, device)
            if isinstance(device, twofactor.StaticDevice):
                left = twofactor.backup_codes_left(user)
                messages.warning(
                    request,
                    f"You signed in with a backup code. You have {left} left: create new ones"
                    " on your account page if you are running out.",
                )
            return redirect(_next(request) or "accounts:home")
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next(request)}
    )


@require_POST
def backup_codes(request):
    """Replace the backup codes (needs a signed-in, verified session)."""
    user = request.user
    if not user.is_verified():
        return redirect("accounts:two_factor_verify")
    codes = twofactor.new_backup_codes(user)
    return render(request, "accounts/backup_codes.html", {"codes": codes, "next": ""})
