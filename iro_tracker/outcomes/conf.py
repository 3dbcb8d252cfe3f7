"""The outcome feature's settings, each with the default local practice (RULES.md).

Read from Django settings when the authority sets them there (``settings.py`` reads them from
environment variables of the same name), so that a change of practice is a setting, never a
code edit:

- ``IRO_DECISION_OVERDUE_WORKING_DAYS`` (10): a review decision still open this many working
  days after its due date is flagged, with the history text for raising an issue.
- ``IRO_LETTER_WORKING_DAYS`` (5): the letter to the child is sent within this many working
  days of the review (the unit's pathway sends it with the decisions).
- ``IRO_UNIT_PHONE`` (""): the Safeguarding Unit's phone number, printed in every letter.
- ``IRO_ADVOCACY_CONTACT`` (""): how a child reaches the authority's advocacy service.
"""

from django.conf import settings

DECISION_OVERDUE_WORKING_DAYS = 10
LETTER_WORKING_DAYS = 5


def decision_overdue_working_days() -> int:
    return int(
        getattr(settings, "IRO_DECISION_OVERDUE_WORKING_DAYS", DECISION_OVERDUE_WORKING_DAYS)
    )


def letter_working_days() -> int:
    return int(getattr(settings, "IRO_LETTER_WORKING_DAYS", LETTER_WORKING_DAYS))


def unit_phone() -> str:
    return getattr(settings, "IRO_UNIT_PHONE", "")


def advocacy_contact() -> str:
    return getattr(settings, "IRO_ADVOCACY_CONTACT", "")


def authority_name() -> str:
    return getattr(settings, "IRO_AUTHORITY_NAME", "")
