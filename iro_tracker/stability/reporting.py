"""The ``placement_stability`` and short-break figures of the annual report.

They come from the 903 episodes already in the ``Snapshot``, so ``stability_extra()`` reads
nothing from the database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from iro_tracker.rules.metrics.snapshot import Snapshot
from iro_tracker.rules.metrics.stability import short_break_figures, stability_figures


def stability_extra() -> dict[str, Callable[[Snapshot, int], dict[str, Any]]]:
    """``{"placement_stability": ..., "short_breaks": ...}`` for ``Snapshot.extra``.

    ``short_breaks`` holds only the figures issue 9 adds (breaks, days, limits): merge them
    into the ``short_breaks`` section ``annual_report`` already fills.
    """
    return {
        "placement_stability": lambda snapshot, year: stability_figures(snapshot, year)[0],
        "short_breaks": lambda snapshot, year: short_break_figures(snapshot, year)[0],
    }


def stability_drilldown(snapshot: Snapshot, year: int, key: str) -> list[str]:
    """The local ids behind ``placement_stability.<key>`` or ``short_breaks.<key>``."""
    section, _, rest = key.partition(".")
    compute = stability_figures if section == "placement_stability" else short_break_figures
    _, tally = compute(snapshot, year)
    path = f"{section}.{rest.removesuffix('_percent')}"
    if path not in tally.members:
        raise KeyError(key)
    return sorted(set(tally.members[path]))
