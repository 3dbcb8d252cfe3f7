"""Sections that other features add to a child's record page.

Children is the app every feature builds on, so it must not import them. Instead each feature
registers its panel (a template and a function giving that template's context) from its
``AppConfig.ready``, and the record page shows whatever is registered, in slot order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

# Where on the page a panel goes.
MONITORING = "monitoring"  # "Between reviews": health, education, court work, placements
AFTER_REVIEWS = "after_reviews"  # outcome records and decisions
AFTER_PERIODS = "after_periods"  # child protection, issues and oversight, data quality
SLOTS = (MONITORING, AFTER_REVIEWS, AFTER_PERIODS)


@dataclass(frozen=True)
class PanelRequest:
    user: object
    child: object
    today: date
    held: list  # the child's held and adjourned reviews, newest first


@dataclass(frozen=True)
class Panel:
    slot: str
    templates: tuple[str, ...]
    context: Callable[[PanelRequest], dict] | None
    order: int


_panels: list[Panel] = []


def register(
    slot: str,
    templates: str | tuple[str, ...],
    context: Callable[[PanelRequest], dict] | None = None,
    *,
    order: int = 100,
) -> None:
    """Add a panel to every child's record page (call once, from ``AppConfig.ready``)."""
    if slot not in SLOTS:
        raise ValueError(f"Unknown panel slot {slot!r}; use one of {SLOTS}")
    templates = (templates,) if isinstance(templates, str) else tuple(templates)
    if any(p.templates == templates for p in _panels):
        return
    _panels.append(Panel(slot, templates, context, order))


def panel_context(request: PanelRequest) -> dict:
    """The registered panels' templates by slot (``panels``) and their merged context."""
    context: dict = {"panels": {slot: [] for slot in SLOTS}}
    for panel in sorted(_panels, key=lambda p: (p.order, p.templates)):
        context["panels"][panel.slot].extend(panel.templates)
        if panel.context is not None:
            context.update(panel.context(request))
    return context
