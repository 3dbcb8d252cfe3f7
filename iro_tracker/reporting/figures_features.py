"""What the sections the features fill (``Snapshot.extra``; issues 5, 6, 7 and 9) share:
their keys, labels and row helpers.

The sections themselves are in ``figures_protection`` (child protection),
``figures_oversight`` (quality assurance and issues resolution) and ``figures_wellbeing``
(health, education, care proceedings, placement stability and short breaks).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from iro_tracker.reporting import blocks as b
from iro_tracker.reporting.blocks import Note, Row, Section
from iro_tracker.reporting.figures import Context

# --- the sections the features fill (Snapshot.extra; issues 5, 6, 7 and 9) ---------------
#
# Each section is None in a year the product recorded nothing for: a note says so. Counts
# link to their children only where the feature gives a drill-down (``Context.drills``).
# Rows are written as (label, key) for a count, (label, key, PCT) for a percentage and
# (label, key, DEC) for a rate, mean or ratio (see ``rows``).

CP = "child_protection"
QA = "quality_assurance"
IR = "issues_resolution"
PCT, DEC, UNLINKED = "percent", "decimal", "unlinked"
CP_KINDS = {"initial": "Initial", "review": "Review", "transfer_in": "Transfer in"}
CP_CATEGORIES = {
    "neglect": "Neglect",
    "emotional": "Emotional abuse",
    "physical": "Physical abuse",
    "sexual": "Sexual abuse",
    "multiple": "Multiple categories",
}
RATINGS = {
    "yes": "Yes",
    "no": "No",
    "not_applicable": "Not applicable",
    "good": "Good",
    "requires_improvement": "Requires improvement",
    "inadequate": "Inadequate",
    "not_seen": "Not seen",
    "not_judged": "Not judged",
}
QUALITY_RATINGS = ("good", "requires_improvement", "inadequate", "not_seen")
PEP_QUALITY = ("good", "requires_improvement", "inadequate", "not_judged")
TIMESCALES = {
    "letters": "Letter to the child",
    "decisions_circulated": "Review decisions circulated",
    "records_circulated": "Record of the review circulated",
}
CONTACT_METHODS = {
    "visit": "Visit",
    "call": "Phone or video call",
    "message": "Message (text, email or letter)",
}
COURT_OUTCOMES = {
    "care_order": "Care order",
    "placement_order": "Placement order",
    "sgo": "Special guardianship order",
    "child_arrangements_order": "Child arrangements order",
    "supervision_order": "Supervision order",
    "no_order": "No order",
    "withdrawn": "Withdrawn",
    "not_recorded": "Not recorded",
}


def rows(ctx: Context, prefix: str, spec: list[tuple], drill: bool) -> list[Row]:
    """Rows for ``spec``: ``(label, key)`` a count (linked when ``drill``), ``(label, key,
    PCT)`` a percentage, ``(label, key, DEC)`` a rate, mean or ratio, ``(label, key,
    UNLINKED)`` a count never linked; ``key`` is under ``prefix``. ``(label, key, other)``
    links a count to the children of the key ``other`` instead."""
    found = []
    for label, key, *kind in spec:
        if kind and kind[0] == PCT:
            found.append(ctx.row(label, prefix + key, b.percent, drill=False))
        elif kind and kind[0] == DEC:
            found.append(ctx.row(label, prefix + key, b.decimal, drill=False))
        elif kind and kind[0] == UNLINKED:
            found.append(ctx.row(label, prefix + key, drill=False))
        else:
            link = (kind[0] if kind else True) if drill else False
            found.append(ctx.row(label, prefix + key, drill=link))
    return found


def _sentences(build: Callable[[Context, Section], None]) -> Callable[[Context, Section], None]:
    """``build``, with each sentence it writes starting with a capital letter, as a sentence
    that starts with a suppressed count does not ("fewer than 5 plans started")."""

    @wraps(build)
    def built(ctx: Context, s: Section) -> None:
        before = len(s.summary)
        build(ctx, s)
        s.summary[before:] = [text[:1].upper() + text[1:] for text in s.summary[before:]]

    return built


def _missing(ctx: Context, s: Section, key: str, text: str) -> bool:
    """True (after a note saying so) if the product recorded nothing for ``key``."""
    if ctx.has(key):
        return False
    s.blocks.append(Note(text))
    return True


def _pct(ctx: Context, path: str) -> str:
    return ctx.text(path, b.percent)


def _beside(ctx: Context, path: str, fmt=b.percent) -> str:
    """``"43.0% (2017-18: 51.2%)"``: this year's figure with last year's beside it."""
    return f"{ctx.text(path, fmt)} ({ctx.last}: {ctx.text(path, fmt, True)})"


def _count_beside(ctx: Context, path: str) -> str:
    return _beside(ctx, path, b.count)
