"""How the report's figures become rows, tables and charts (no Django).

``Context`` wraps the figures (``document.report_data``) for the section builders
(``figures_service``, ``figures_population``, ``figures_care``, and those of the sections
the features fill through ``Snapshot.extra``: ``figures_features`` and the modules it lists),
one function per section, called by ``sections.build_sections``. Everything shown
comes from those figures: nothing is recomputed from the data, and nothing is added up from
cells that may be suppressed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from iro_tracker.reporting import blocks as b
from iro_tracker.reporting.blocks import Chart, ChartSpec, Row, Table
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

    def row(
        self, label: str, path: str, fmt=b.count, drill: bool | str = True, zero: bool = False
    ) -> Row:
        """``label``, this year's and last year's value of ``path`` (each linked to its
        children when ``drill`` and a count; a string ``drill`` links to that key instead).
        ``zero``: a code missing from a by-code table that is there reads 0, not ``–``."""
        key = (drill if isinstance(drill, str) else path) if drill else None
        return Row(
            label,
            (
                b.cell(self.value(path, zero=zero), fmt, drill=key, year=self.year),
                b.cell(self.value(path, True, zero), fmt, drill=key, year=self.year - 1),
            ),
        )

    def value(self, path: str, previous: bool = False, zero: bool = False) -> Any:
        """``get``, with ``zero``: 0 for a code missing from a by-code table that is there
        (the tables list only the codes that occur)."""
        found = self.get(path, previous)
        if found is None and zero and isinstance(self.get(path.rpartition(".")[0], previous), dict):
            return 0
        return found

    def drills(self, section: str) -> bool:
        """True if the counts of ``section``, filled by a feature, can list their children."""
        return section in (self.data.get("drill_sections") or ())

    def has(self, key: str) -> bool:
        """True if either year has figures for ``key`` (a section filled by a feature)."""
        return self.get(key) is not None or self.get(key, True) is not None

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
    *,
    drill: bool = True,
    zero: bool = False,
) -> Chart:
    """A chart of ``path.<category>`` this year beside last year, with its table.

    ``drill``: link each count to its children; ``zero``: a category missing from a table
    that lists only the codes that occur is 0 (see ``Context.value``).
    """
    rows = [ctx.row(label, f"{path}.{cat}", drill=drill, zero=zero) for cat, label in categories]
    this = tuple(b.chart_value(ctx.value(f"{path}.{cat}", zero=zero)) for cat, _ in categories)
    last = tuple(b.chart_value(ctx.value(f"{path}.{cat}", True, zero)) for cat, _ in categories)
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


def _name_rows(ctx: Context, path: str, labels: dict[str, str] | None = None):
    """Rows of a table keyed by names (a theme, a stage, a team, a method) for both years,
    read from the tables themselves rather than by a dotted path (a name may hold a dot).
    A name missing from a year's table is 0 that year; a year with no table reads ``–``.
    """
    tables = (ctx.get(path), ctx.get(path, True))
    names = list(dict.fromkeys(name for table in tables for name in table or {}))
    labels = labels or {}

    def value(table: Any, name: str) -> Any:
        return table.get(name, 0) if isinstance(table, dict) else None

    categories = [(name, labels.get(name) or _humanise(name)) for name in names]
    rows = [
        Row(label, tuple(b.cell(value(table, name)) for table in tables))
        for name, label in categories
    ]
    values = [tuple(b.chart_value(value(table, name)) for name in names) for table in tables]
    return categories, rows, values


def names_table(
    ctx: Context, caption: str, path: str, first: str, labels: dict[str, str] | None = None
) -> Table:
    """A table of counts keyed by names, this year beside last year (not linked)."""
    _, rows, _ = _name_rows(ctx, path, labels)
    return ctx.table(caption, rows, first)


def names_chart(
    ctx: Context,
    key: str,
    title: str,
    path: str,
    first: str,
    axis: str,
    labels: dict[str, str] | None = None,
) -> Chart:
    """``bars`` for a table keyed by names (see ``_name_rows``): counts of issues or
    contacts, not of children, so not linked."""
    categories, rows, (this, last) = _name_rows(ctx, path, labels)
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


def has_names(ctx: Context, path: str) -> bool:
    """True if the table at ``path`` has a name in either year."""
    return bool(ctx.get(path)) or bool(ctx.get(path, True))


def _humanise(path: str) -> str:
    text = path.replace(".", ": ").replace("_percent", " (%)").replace("_", " ")
    return text[:1].upper() + text[1:]
