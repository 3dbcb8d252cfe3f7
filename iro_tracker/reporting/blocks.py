"""The report laid out as plain blocks, and how its figures are written (no Django).

``sections`` turns the figures into ``Section``s of blocks (headings, text, tables, charts
with their tables); each renderer (HTML and PDF, Word) walks the same blocks, so every
format shows the same words and numbers.

Symbols follow the GSS conventions the panel sees in DfE statistics: ``"<5"`` a count from
1 to 4, ``c`` a percentage withheld because it would reveal such a count, ``–`` a figure
that is not available.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from iro_tracker.rules.metrics import SUPPRESSED

NOT_AVAILABLE = "–"


# --- blocks ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One figure as shown, and the drill-down it links to (managers' version only)."""

    text: str
    drill: str | None = None  # a key for reporting.document.children_behind
    year: int | None = None  # the reporting year the drill-down is for


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    kind = "table"
    caption: str
    head: tuple[str, ...]  # the label column's heading, then one per cell
    rows: tuple[Row, ...]
    detail: bool = False  # a breakdown by code: folded away on the web page


@dataclass(frozen=True)
class ChartSpec:
    """What ``charts`` draws: hashable, so a chart is drawn once per distinct content.

    ``kind`` is ``"hbar"`` (one bar per category and series, categories down the side),
    ``"bar"`` (categories along the bottom) or ``"line"``. A value that is not a number is
    not charted: None (not available) leaves a gap, a string (a suppressed ``"<5"``) is
    written where the bar would start.
    """

    key: str
    kind: str
    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | str | None, ...]], ...]
    description: str  # the text alternative: what the chart shows, in words
    axis_label: str = "Number of children"


@dataclass(frozen=True)
class Chart:
    kind = "chart"
    spec: ChartSpec
    table: Table  # the chart's data, shown beside it


@dataclass(frozen=True)
class Heading:
    kind = "heading"
    text: str


@dataclass(frozen=True)
class Text:
    kind = "text"
    text: str


@dataclass(frozen=True)
class Note:
    """A figure the product does not record yet, or a caveat: shown as an inset."""

    kind = "note"
    text: str


@dataclass
class Section:
    key: str
    number: int
    title: str
    summary: list[str] = field(default_factory=list)  # sentences written from the figures
    narrative: str = ""  # the manager's text, plain
    blocks: list[Any] = field(default_factory=list)
    definitions: list[tuple[str, str]] = field(default_factory=list)

    @property
    def narrative_paragraphs(self) -> list[str]:
        """The narrative's paragraphs (separated by a blank line), as typed."""
        return [p.strip() for p in self.narrative.replace("\r\n", "\n").split("\n\n") if p.strip()]

    @property
    def narrative_only(self) -> bool:
        return not self.summary and not self.blocks

    @property
    def anchor(self) -> str:
        return f"section-{self.key.replace('_', '-')}"

    @property
    def charts(self) -> list[Chart]:
        return [b for b in self.blocks if b.kind == "chart"]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if b.kind == "table"] + [c.table for c in self.charts]


# --- writing the figures ---------------------------------------------------------------


def is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def count(value: Any) -> str:
    """A count: ``"1,204"``; a suppressed count as given (``"<5"``); None as ``–``."""
    if value is None:
        return NOT_AVAILABLE
    if is_count(value):
        return f"{value:,}"
    return str(value)


def signed(value: Any) -> str:
    """A change: ``"+4"``, ``"-12"``, ``"0"``."""
    if is_count(value):
        return f"{value:+,}" if value else "0"
    return count(value)


def percent(value: Any) -> str:
    """A percentage to 1 dp: ``"94.6%"``; ``c`` when withheld; ``–`` when not available."""
    if value is None:
        return NOT_AVAILABLE
    if isinstance(value, str):
        return value
    return f"{_one_dp(value)}%"


def decimal(value: Any, places: int = 1) -> str:
    if value is None:
        return NOT_AVAILABLE
    if isinstance(value, str):
        return value
    quantum = Decimal(1).scaleb(-places)
    return f"{Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP):,}"


def _one_dp(value: float) -> str:
    return str(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def in_words(text: str) -> str:
    """A formatted figure for a sentence: ``"<5"`` reads "fewer than 5"."""
    if text.startswith("<"):
        return f"fewer than {text[1:]}"
    if text == SUPPRESSED:
        return "a withheld proportion"
    return text


def plural(value: Any, one: str, many: str) -> str:
    return one if value == 1 else many


def year_label(year: int) -> str:
    """``2018`` -> ``"2018-19"``."""
    return f"{year}-{(year + 1) % 100:02d}"


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def cell(value: Any, fmt=count, *, drill: str | None = None, year: int | None = None) -> Cell:
    """A table cell; it links to its children only when it is a count above 0."""
    text = fmt(value)
    if drill and is_count(value) and value > 0:
        return Cell(text, drill, year)
    return Cell(text)


def chart_value(value: Any) -> float | str | None:
    """A figure as charted: a number; a suppressed count as its mark (``"<5"``, written
    instead of a bar); anything else (not available, a withheld ``c``) None."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str) and value.startswith("<"):
        return value
    return None
