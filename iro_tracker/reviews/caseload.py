"""Flags that other features add to the rows of an IRO's caseload page.

Each feature registers an annotator from its ``AppConfig.ready``: a function ``(rows, today)``
that sets attributes on the ``DueRow`` objects in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

Annotator = Callable[[list, date], None]
_annotators: list[Annotator] = []


def register_annotator(annotator: Annotator) -> None:
    if annotator not in _annotators:
        _annotators.append(annotator)


def annotate(rows: list, today: date) -> None:
    for annotator in _annotators:
        annotator(rows, today)
