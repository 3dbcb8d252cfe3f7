"""How the report's figures become rows, tables and charts (no Django).

``Context`` wraps the figures (``document.report_data``) for the section builders
(``figures_service``, ``figures_population``, ``figures_care``), one function per section,
called by ``sections.build_sections``. Everything shown comes from those figures: nothing is
recomputed from the data, and nothing is added up from cells that may be suppressed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from iro_tracker.reporting import blocks as b
from iro_tracker.reporting.blocks import Chart, ChartSpec, Note, Row, Section, Table
from iro_tracker.rules import codes
from iro_tracker.rules.metrics.groups import GROUPINGS, Grouping
from iro_tracker.rules.metrics.snapshot import percent as share_of

SUPPRESSION_NOTE = (
    "This is the published version of the report: numbers from 1 to {n_1} are shown as <{n}, "
    "and percentages that could reveal them as c. Detailed tables by code are left out."
)
SYMBOLS_NOTE = (
    "Each table shows {this} beside {last}. In the tables, – means that a figure is not"
    " available for that year."
)
DAYS_LATE = {
    "1": "1 day",
    "2_to_7": "2 to 7 days",
    "8_to_28": "8 to 28 days",
    "29_plus": "29 days or more",
}
AGE_LABELS = {
    "under_1": "Under 1",
    "1_to_4": "1 to 4",
    "5_to_9": "5 to 9",
    "10_to_15": "10 to 15",
    "16_and_over": "16 and over",
}


class Context:
    """The figures of one report, and helpers to turn them into rows and tables."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.year: int = data["year"]
        self.cur: dict[str, Any] = data["current"]
        self.prev: dict[str, Any] = data["previous"]
        self.suppressed_below: int = data.get("suppressed_below") or 0
        # Code-level tables only in the officers' version: beside the grouped totals they
        # would let a reader work out a suppressed cell by subtraction.
        self.detail = not self.suppressed_below
        self.this = b.year_label(self.year)
        self.last = b.year_label(self.year - 1)
        self.end = date(self.year + 1, 3, 31)

    def get(self, path: str, previous: bool = False) -> Any:
        value: Any = self.prev if previous else self.cur
        for part in path.split("."):
            if not isinstance(value, dict):
                return None
            value = value.get(part)
        return value

    def row(self, label: str, path: str, fmt=b.count, drill: bool = True) -> Row:
        """``label``, this year's and last year's value of ``path`` (each linked to its
        children when ``drill`` and a count)."""
        key = path if drill else None
        return Row(
            label,
            (
                b.cell(self.get(path), fmt, drill=key, year=self.year),
                b.cell(self.get(path, True), fmt, drill=key, year=self.year - 1),
            ),
        )

    def table(self, caption: str, rows: list[Row], first: str = "") -> Table:
        return Table(caption, (first, self.this, self.last), tuple(rows))

    def text(self, path: str, fmt=b.count, previous: bool = False) -> str:
        return b.in_words(fmt(self.get(path, previous)))


def known(value: Any) -> bool:
    return value is not None and not isinstance(value, str)


def codes_table(ctx: Context, path: str, codelist: codes.CodeList, caption: str) -> Table:
    found = list(dict.fromkeys([*(ctx.get(path) or {}), *(ctx.get(path, True) or {})]))
    rows = [
        ctx.row(
            f"{code}: {codelist.label(code)}" if code in codelist else _code_label(code),
            f"{path}.{code}",
        )
        for code in found
    ]
    return Table(caption, ("Code", ctx.this, ctx.last), tuple(rows), detail=True)


def _code_label(code: str) -> str:
    return "Not recorded" if code == "not_recorded" else code


def bars(
    ctx: Context,
    key: str,
    title: str,
    categories: list[tuple[str, str]],
    path: str,
    first: str,
    axis: str = "Number of children",
) -> Chart:
    """A chart of ``path.<category>`` this year beside last year, with its table."""
    rows = [ctx.row(label, f"{path}.{cat}") for cat, label in categories]
    this = tuple(b.chart_value(ctx.get(f"{path}.{cat}")) for cat, _ in categories)
    last = tuple(b.chart_value(ctx.get(f"{path}.{cat}", True)) for cat, _ in categories)
    spec = ChartSpec(
        key,
        "hbar",
        title,
        tuple(label for _, label in categories),
        ((ctx.this, this), (ctx.last, last)),
        _describe(ctx, title, categories, rows),
        axis,
    )
    return Chart(spec, ctx.table(title, rows, first))


def _describe(ctx: Context, title: str, categories, rows: list[Row]) -> str:
    parts = [
        f"{label}: {row.cells[0].text} ({ctx.last}: {row.cells[1].text})"
        for (_, label), row in zip(categories, rows, strict=True)
    ]
    text = f"Bar chart of {title.lower()}, {ctx.this} beside {ctx.last}. " + "; ".join(parts) + "."
    return text + _unplotted(rows)


def _unplotted(rows: list[Row]) -> str:
    hidden = any(c.text.startswith("<") or c.text == "c" for r in rows for c in r.cells)
    return " Suppressed values (below 5) are not plotted." if hidden else ""


def grouped(
    ctx: Context, path: str, key: str, title: str, first: str, axis: str = "Number of children"
) -> Chart:
    grouping: Grouping = GROUPINGS[path]
    groups = ctx.get(f"groups.{grouping.name}") or {}
    last = ctx.get(f"groups.{grouping.name}", True) or {}
    # Every named group, and "other" only when it holds someone in either year.
    cats = [
        (k, grouping.label(k))
        for k in grouping.keys
        if k != "other" or groups.get(k) or last.get(k)
    ]
    return bars(ctx, key, title, cats, f"groups.{grouping.name}", first, axis)


def share_sentence(ctx: Context, grouping_path: str, group: str, template: str) -> list[str]:
    grouping = GROUPINGS[grouping_path]
    n = ctx.get(f"groups.{grouping.name}.{group}")
    total = ctx.get("children_looked_after.at_year_end")
    if not (b.is_count(n) and b.is_count(total) and total):
        return []
    return [template.format(n=b.count(n), pct=b.percent(share_of(n, total)))]


def extra_section(ctx: Context, section: Section, key: str, missing: str) -> None:
    """A section filled by a feature that records more than 903 (``Snapshot.extra``)."""
    current, previous = ctx.get(key), ctx.get(key, True)
    if current is None and previous is None:
        section.blocks.append(Note(missing))
        return
    paths = list(dict.fromkeys([*_leaf_paths(current or {}), *_leaf_paths(previous or {})]))
    rows = [
        ctx.row(
            _humanise(p), f"{key}.{p}", b.percent if p.endswith("percent") else _any, drill=False
        )
        for p in paths
    ]
    section.blocks.append(ctx.table(section.title, rows))


def _leaf_paths(value: dict, prefix: str = "") -> list[str]:
    found = []
    for k, v in value.items():
        path = f"{prefix}{k}"
        found.extend(_leaf_paths(v, path + ".") if isinstance(v, dict) else [path])
    return found


def _humanise(path: str) -> str:
    text = path.replace(".", ": ").replace("_percent", " (%)").replace("_", " ")
    return text[:1].upper() + text[1:]


def _any(value: Any) -> str:
    if isinstance(value, float):
        return b.decimal(value)
    if isinstance(value, list | tuple):
        return " to ".join(str(v) for v in value)
    return b.count(value)
