"""Lockout after repeated failures, NCSC password rules, idle timeout and secure headers."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from iro_tracker.accounts.middleware import LAST_SEEN
from iro_tracker.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def attempt(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_account_from_that_address_for_an_hour(client, manager):
    for _ in range(4):
        assert attempt(client, "manager", "wrong-password-here").status_code == 200
    locked = attempt(client, "manager", "wrong-password-here")
    assert locked.status_code == 429
    assert "You cannot sign in for the next hour" in locked.content.decode()
    # Even the right password is refused while locked.
    assert attempt(client, "manager", PASSWORD).status_code == 429
    # Another user from the same address is not locked out (username and address together).
    assert attempt(client, "support", "wrong-password-here").status_code == 200
    assert AccessAttempt.objects.get(username="manager").failures_since_start >= 5


def test_a_good_sign_in_resets_the_count(client, manager):
    for _ in range(4):
        attempt(client, "manager", "wrong-password-here")
    assert attempt(client, "manager", PASSWORD).status_code == 302
    client.logout()
    assert attempt(client, "manager", "wrong-password-here").status_code == 200


@pytest.mark.parametrize("password", ["short", "password1234"])
def test_short_and_common_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize("password", ["correct horse battery", "alllowercaseletters"])
def test_long_passwords_need_no_symbols_or_capitals(password):
    validate_password(password)  # NCSC: length, not composition


def test_an_idle_session_expires_and_an_active_one_is_renewed(client, manager, settings):
    client.force_login(manager)
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    session = client.session
    assert LAST_SEEN in session  # set at sign-in, so the first page writes nothing more
    session[LAST_SEEN] = session[LAST_SEEN] - 120
    session.save()
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    key = client.session.session_key
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() + timedelta(minutes=5)
    )
    client.get(reverse("reviews:due"))  # a request renews the expiry (at most once a minute)
    renewed = Session.objects.get(session_key=key).expire_date
    assert renewed > timezone.now() + timedelta(minutes=29)
    # A session whose expiry has passed is gone on the server too.
    Session.objects.filter(session_key=key).update(expire_date=timezone.now())
    assert client.get(reverse("reviews:due"))["Location"].startswith(reverse("accounts:login"))


def test_pages_carry_a_strict_content_security_policy(client, manager):
    client.force_login(manager)
    policy = client.get(reverse("reviews:due"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_no_template_has_inline_script_or_style_attributes():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.glob("**/templates/**/*.html"):
        text = path.read_text()
        for match in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+=\"|\sstyle=\"", text):
            offenders.append(f"{path.relative_to(root)}: {match.group(0)}")
    # Documents for download and e-mails are never served under the page's policy.
    allowed = ("email/", "_document", "letter_document", "record_document", "_letter_style")
    offenders = [o for o in offenders if not any(a in o for a in allowed)]
    assert not offenders, "\n".join(offenders)
