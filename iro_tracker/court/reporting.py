"""The ``legal_proceedings`` figures of the annual report, from the database (1 query).

``court_extra()`` returns ``{"legal_proceedings": (snapshot, year) -> section}`` for
``Snapshot.extra``; the section is ``rules.metrics.legal``'s.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from iro_tracker.court.models import CareProceedings
from iro_tracker.rules.metrics.legal import ProceedingsRecord, legal_figures
from iro_tracker.rules.metrics.snapshot import Snapshot


def proceedings_records() -> list[ProceedingsRecord]:
    """Every set of proceedings with its children's local ids (archived children left out)."""
    rows = CareProceedings.children.through.objects.filter(child__archived=False).values_list(
        "careproceedings_id",
        "child__local_id",
        "careproceedings__issued_on",
        "careproceedings__concluded_on",
        "careproceedings__outcome",
        "careproceedings__iro_contribution_on",
    )
    children: dict[int, list[str]] = defaultdict(list)
    fields: dict[int, tuple] = {}
    for pk, local_id, *rest in rows.order_by("careproceedings_id", "child__local_id"):
        children[pk].append(local_id)
        fields[pk] = tuple(rest)
    return [ProceedingsRecord(str(pk), tuple(children[pk]), *fields[pk]) for pk in sorted(fields)]


def court_extra() -> dict[str, Callable[[Snapshot, int], dict[str, Any]]]:
    records = proceedings_records()
    return {"legal_proceedings": lambda snapshot, year: legal_figures(snapshot, records, year)[0]}


def court_drilldown(snapshot: Snapshot, year: int, key: str) -> list[str]:
    """The local ids behind ``legal_proceedings.<key>`` (``issued_in_year``...), sorted."""
    _, tally = legal_figures(snapshot, proceedings_records(), year)
    path = f"legal_proceedings.{key.removeprefix('legal_proceedings.').removesuffix('_percent')}"
    if path not in tally.members:
        raise KeyError(key)
    return sorted(set(tally.members[path]))
