"""The health figures of the annual report, from the database.

``health_extra()`` is what the report puts in ``Snapshot.extra``: it reads every health
record once (4 queries) and returns the ``health`` section as a callable of the snapshot
and the year, so last year's figures come from the same rows as this year's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from iro_tracker.health.models import (
    DentalCheck,
    HealthAssessment,
    ImmunisationRecord,
    Kind,
    SdqScore,
)
from iro_tracker.rules.metrics.health import (
    DENTAL,
    IHA,
    IMMUNISATIONS,
    RHA,
    SDQ,
    HealthRecord,
    health_figures,
)
from iro_tracker.rules.metrics.snapshot import Snapshot

LIVE = {"child__archived": False}


def health_records() -> list[HealthRecord]:
    """Every health record of every child not archived, as plain rows (4 queries)."""
    records = [
        HealthRecord(local_id, IHA if kind == Kind.INITIAL else RHA, done, requested, refused)
        for local_id, kind, done, requested, refused in HealthAssessment.objects.filter(
            **LIVE
        ).values_list("child__local_id", "kind", "completed_on", "requested_on", "refused_on")
    ]
    records += [
        HealthRecord(local_id, DENTAL, on)
        for local_id, on in DentalCheck.objects.filter(**LIVE).values_list(
            "child__local_id", "checked_on"
        )
    ]
    records += [
        HealthRecord(local_id, IMMUNISATIONS, on, up_to_date=up)
        for local_id, on, up in ImmunisationRecord.objects.filter(**LIVE).values_list(
            "child__local_id", "recorded_on", "up_to_date"
        )
    ]
    records += [
        HealthRecord(local_id, SDQ, on, score=score, reason=reason)
        for local_id, on, score, reason in SdqScore.objects.filter(**LIVE).values_list(
            "child__local_id", "completed_on", "score", "reason"
        )
    ]
    return records


def health_extra() -> dict[str, Callable[[Snapshot, int], dict[str, Any]]]:
    """``{"health": (snapshot, year) -> section}`` for ``Snapshot.extra``."""
    records = health_records()
    return {"health": lambda snapshot, year: health_figures(snapshot, records, year)[0]}


def health_drilldown(snapshot: Snapshot, year: int, key: str) -> list[str]:
    """The local ids of the children behind ``health.<key>`` (e.g. ``iha_due``), sorted."""
    _, tally = health_figures(snapshot, health_records(), year)
    path = f"health.{key.removeprefix('health.').removesuffix('_percent')}"
    if path not in tally.members:
        raise KeyError(key)
    return sorted(set(tally.members[path]))
