"""The authority's choices for issues resolution and oversight, with the defaults of issue 5.

Each is read from Django settings when set there (``IRO_...``), so an authority changes a
number in its environment, never in code. The statutory numbers (20 working days for the formal
process, 3 working days for documents) live in ``rules.settings.RuleSettings``.
"""

from django.conf import settings

from iro_tracker.rules.settings import DEFAULT, RuleSettings


def rules() -> RuleSettings:
    return getattr(settings, "IRO_RULES", DEFAULT)


def informal_response_working_days() -> int:
    """Working days the responder has to answer an informal issue."""
    return int(getattr(settings, "IRO_ISSUE_INFORMAL_WORKING_DAYS", 5))


def pattern_count() -> int:
    """Documentation failures that make a pattern (the seed report's "continued pattern")."""
    return int(getattr(settings, "IRO_DOCUMENTS_PATTERN_COUNT", 3))


def pattern_months() -> int:
    """The window, in months, in which ``pattern_count`` failures make a pattern."""
    return int(getattr(settings, "IRO_DOCUMENTS_PATTERN_MONTHS", 6))


def contact_min_age() -> int:
    """Children this age or over should have contact with their IRO between reviews."""
    return int(getattr(settings, "IRO_CONTACT_MIN_AGE", 5))
