"""Figures other features add to the dashboard, each linking to the children behind it.

The dashboard is built before the features that monitor health, court work and issues, and
must not import them. Each registers a ``Tile`` from its ``AppConfig.ready``: labels for its
figure keys, a function giving the children behind each key, and the models whose change
history tells the dashboard's cache that the figures are out of date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Tile:
    title: str
    labels: dict[str, str]  # figure key -> label, in display order
    items: Callable[[date], dict[str, list[dict]]]  # key -> [{"child_id", "when", "note"}]
    watched: tuple = ()  # models with simple-history whose changes invalidate the figures


_tiles: list[Tile] = []


def register(tile: Tile) -> None:
    if all(t.title != tile.title for t in _tiles):
        _tiles.append(tile)


def tiles() -> list[Tile]:
    return list(_tiles)


def labels() -> dict[str, str]:
    return {key: label for tile in _tiles for key, label in tile.labels.items()}


def watched_models() -> tuple:
    return tuple(model for tile in _tiles for model in tile.watched)
