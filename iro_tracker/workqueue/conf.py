"""The authority's choices for the work queue and reminders, with issue 5's defaults.

Each is read from Django settings when set there (``IRO_...``), never edited in code.
"""

from django.conf import settings


def schedule_within_weeks() -> int:
    """A review due within this many weeks and not booked is on the queue to schedule."""
    return int(getattr(settings, "IRO_SCHEDULE_WITHIN_WEEKS", 8))


def invitation_working_days_before() -> int:
    """Invitations go out this many working days before the meeting (local practice)."""
    return int(getattr(settings, "IRO_INVITATION_WORKING_DAYS_BEFORE", 15))


def lookahead_working_days() -> int:
    """Invitations and documents join the queue this many working days before they are due."""
    return int(getattr(settings, "IRO_QUEUE_LOOKAHEAD_WORKING_DAYS", 10))


def digest_days_ahead() -> int:
    """The weekly digest covers reviews due or booked within this many days."""
    return int(getattr(settings, "IRO_DIGEST_DAYS_AHEAD", 14))


def site_url() -> str:
    """Where links in emails and calendar entries point (no trailing slash)."""
    return str(getattr(settings, "IRO_SITE_URL", "http://127.0.0.1:8000")).rstrip("/")
