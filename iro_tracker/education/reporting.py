"""The education figures of the annual report, from the database (1 query).

``education_extra()`` returns ``{"education": (snapshot, year) -> section}`` for
``Snapshot.extra``; the section is ``rules.metrics.education``'s.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from iro_tracker.education.models import PersonalEducationPlan
from iro_tracker.rules.metrics.education import PepRecord, education_figures
from iro_tracker.rules.metrics.snapshot import Snapshot


def pep_records() -> list[PepRecord]:
    return [
        PepRecord(*row)
        for row in PersonalEducationPlan.objects.filter(child__archived=False).values_list(
            "child__local_id", "held_on", "quality"
        )
    ]


def education_extra() -> dict[str, Callable[[Snapshot, int], dict[str, Any]]]:
    records = pep_records()
    return {"education": lambda snapshot, year: education_figures(snapshot, records, year)[0]}


def education_drilldown(snapshot: Snapshot, year: int, key: str) -> list[str]:
    """The local ids behind ``education.<key>`` (``pep_up_to_date``, ``pep_quality.good``...)."""
    _, tally = education_figures(snapshot, pep_records(), year)
    path = f"education.{key.removeprefix('education.').removesuffix('_percent')}"
    if path not in tally.members:
        raise KeyError(key)
    return sorted(set(tally.members[path]))
