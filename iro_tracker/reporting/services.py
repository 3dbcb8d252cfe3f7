"""The one way to change the report's stored inputs: narratives and population estimates.

Views call these; each saves in one transaction and records who made the change in the
model's history (django-simple-history).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from iro_tracker.reporting.models import PopulationEstimate, ReportNarrative
from iro_tracker.reporting.sections import SECTION_KEYS

MAX_NARRATIVE = 20_000  # about six pages: a section's narrative, not a whole report


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": [f"{year} is not a reporting year."]})


@transaction.atomic
def save_narrative(year: int, section: str, text: str, user) -> ReportNarrative:
    """Set the narrative of ``section`` in the ``year`` report to ``text``.

    Stored as typed (plain text: every renderer escapes it). An unchanged text saves
    nothing, so the history shows only real edits.
    """
    _check_year(year)
    if section not in SECTION_KEYS:
        raise ValidationError({"section": [f"There is no section called {section!r}."]})
    text = text.replace("\r\n", "\n").strip()
    if len(text) > MAX_NARRATIVE:
        raise ValidationError(
            {"text": [f"Narrative must be {MAX_NARRATIVE:,} characters or fewer."]}
        )
    narrative = ReportNarrative.objects.select_for_update().filter(year=year, section=section)
    existing = narrative.first()
    if existing is not None and existing.text == text:
        return existing
    target = existing or ReportNarrative(year=year, section=section)
    target.text = text
    target.updated_by = user
    target._history_user = user
    target.save()
    return target


@transaction.atomic
def set_population(year: int, population_0_17: int, user, source: str = "") -> PopulationEstimate:
    """Set the 0-17 population used for the rate per 10,000 in the ``year`` report."""
    _check_year(year)
    if population_0_17 < 1:
        raise ValidationError({"population_0_17": ["Population must be 1 or more."]})
    estimate = PopulationEstimate.objects.select_for_update().filter(year=year).first()
    if estimate is None:
        estimate = PopulationEstimate(year=year)
    estimate.population_0_17 = population_0_17
    estimate.source = source.strip()
    estimate.updated_by = user
    estimate._history_user = user
    estimate.save()
    return estimate


def narratives_for(year: int) -> dict[str, str]:
    """``{section: text}`` for the ``year`` report (sections with no text left out)."""
    return {
        section: text
        for section, text in ReportNarrative.objects.filter(year=year).values_list(
            "section", "text"
        )
        if text
    }
