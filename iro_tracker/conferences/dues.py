"""Child protection due dates that adapt a ``rules.timescales`` rule, each with its sentence.

``NO_TIMESCALE`` explains a transfer-in conference's missing due date: RULES.md sets none.
"""

from __future__ import annotations

from datetime import date

from iro_tracker.conferences.models import Kind
from iro_tracker.rules.timescales import Due, cp_review_due, initial_conference_due

NO_TIMESCALE = "Not measured: no timescale applies to a transfer-in conference here."


def icpc_due_s47(s47_started_on: date) -> Due:
    """The initial conference's due date on the CIN-census basis (15 working days after the
    s47 start): the strategy-discussion rule with the s47 start as its event."""
    due = initial_conference_due(s47_started_on)
    text = due.explanation.replace("the strategy discussion on", "the s47 enquiry started on")
    return Due(due.date, text, "icpc-s47")


def first_review_due(held_on: date, kind: str) -> Due:
    """First review: 3 months after the conference that started the plan. A transfer-in
    conference starts the plan here, so its first review follows the same rule."""
    due = cp_review_due(held_on, True)
    if kind == Kind.TRANSFER_IN:
        text = due.explanation.replace("the initial conference", "the transfer-in conference")
        return Due(due.date, text, due.rule)
    return due
