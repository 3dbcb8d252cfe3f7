"""The report's charts: matplotlib (Agg), GOV.UK colours, the same bytes for the same figures.

``svg(spec)`` gives an accessible inline SVG for HTML and PDF (``role="img"`` with a
``<title>`` and ``<desc>`` holding the text alternative); ``png(spec)`` gives a PNG for
Word. Both read only a ``blocks.ChartSpec``: values that are None (suppressed or not
available) are not drawn, and the text alternative says so.

Output is deterministic (a fixed ``svg.hashsalt`` for element ids, no dates or versions in
the metadata), so a report rendered twice is byte-for-byte the same and charts can be
cached by their spec.
"""

from __future__ import annotations

import base64
import io
import re
import threading
from functools import lru_cache
from html import escape

import matplotlib

matplotlib.use("Agg")  # no display on a server; set before anything imports pyplot

from matplotlib.figure import Figure  # noqa: E402 (after the backend is chosen)

from iro_tracker.reporting.blocks import ChartSpec  # noqa: E402

# GOV.UK Design System colours: this year blue, last year mid grey (and dashed on line
# charts, so the two never depend on colour alone); a second series of one year orange.
BLUE = "#1d70b8"
GREY = "#b1b4b6"
DARK_GREY = "#505a5f"
ORANGE = "#f47738"
TEXT = "#0b0c0c"
TWO_YEARS = (BLUE, GREY)
TWO_GROUPS = (BLUE, ORANGE)

RC = {
    "svg.hashsalt": "iro-tracker-report",
    # Text stays text in the SVG: sharper, smaller, searchable in the PDF, and no glyph
    # outlines that change with the installed font version.
    "svg.fonttype": "none",
    # Arial where installed (Liberation Sans has its metrics), as GOV.UK pages outside
    # GOV.UK use; the first installed family lays the text out.
    "font.family": "sans-serif",
    "font.sans-serif": ["Arial", "Liberation Sans", "Helvetica", "DejaVu Sans"],
    "font.size": 10,
    "text.color": TEXT,
    "axes.edgecolor": DARK_GREY,
    "axes.labelcolor": TEXT,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    # Labels are code-list text, but never let a "$" start TeX maths.
    "text.parse_math": False,
}
WIDTH = 6.4  # inches: the width of a report column
# rc_context changes matplotlib's global settings while a chart is drawn: one chart at a
# time, so that two requests in one process never draw with each other's settings.
_DRAWING = threading.Lock()


def _series_colours(spec: ChartSpec) -> tuple[str, ...]:
    years = all(name[:4].isdigit() for name, _ in spec.series)
    return TWO_YEARS if years else TWO_GROUPS


def _figure(spec: ChartSpec) -> Figure:
    """The chart drawn on a new Figure (called under ``_DRAWING`` and ``RC``)."""
    with matplotlib.rc_context(RC):
        if spec.kind == "hbar":
            # Tall enough for every bar: about a quarter of an inch each, plus the axis.
            bars = len(spec.categories) * max(1, len(spec.series))
            fig = Figure(figsize=(WIDTH, 0.9 + 0.26 * bars))
        else:
            fig = Figure(figsize=(WIDTH, 3.4))
        ax = fig.add_subplot()
        {"hbar": _hbar, "bar": _bar, "line": _line}[spec.kind](ax, spec)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.legend(frameon=False, loc="lower right" if spec.kind == "hbar" else "best")
        fig.tight_layout()
        return fig


def _hbar(ax, spec: ChartSpec) -> None:
    n = len(spec.series)
    height = 0.8 / n
    positions = range(len(spec.categories))
    for i, ((name, values), colour) in enumerate(
        zip(spec.series, _series_colours(spec), strict=False)
    ):
        ys = [p - 0.4 + height * (i + 0.5) for p in positions]
        shown = [(y, v) for y, v in zip(ys, values, strict=True) if _number(v)]
        bars = ax.barh(
            [y for y, _ in shown], [v for _, v in shown], height=height, color=colour, label=name
        )
        ax.bar_label(bars, fmt="{:,.0f}", padding=3, fontsize=8)
        for y, v in zip(ys, values, strict=True):
            if isinstance(v, str):  # suppressed: the mark, no bar
                ax.annotate(
                    v, (0, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8
                )
    ax.set_yticks(list(positions), [_wrap(c) for c in spec.categories])
    ax.invert_yaxis()  # first category at the top, as in the table beside it
    ax.set_xlabel(spec.axis_label)
    ax.margins(x=0.12)


def _bar(ax, spec: ChartSpec) -> None:
    n = len(spec.series)
    width = 0.8 / n
    positions = range(len(spec.categories))
    for i, ((name, values), colour) in enumerate(
        zip(spec.series, _series_colours(spec), strict=False)
    ):
        xs = [p - 0.4 + width * (i + 0.5) for p in positions]
        shown = [(x, v) for x, v in zip(xs, values, strict=True) if _number(v)]
        bars = ax.bar(
            [x for x, _ in shown], [v for _, v in shown], width=width, color=colour, label=name
        )
        ax.bar_label(bars, fmt="{:,.0f}", padding=2, fontsize=8)
        for x, v in zip(xs, values, strict=True):
            if isinstance(v, str):
                ax.annotate(
                    v, (x, 0), xytext=(0, 3), textcoords="offset points", ha="center", fontsize=8
                )
    ax.set_xticks(list(positions), list(spec.categories))
    ax.set_ylabel(spec.axis_label)
    ax.margins(y=0.12)


def _line(ax, spec: ChartSpec) -> None:
    styles = (
        {"color": BLUE, "linestyle": "-", "marker": "o"},
        {"color": DARK_GREY, "linestyle": "--", "marker": "s"},
    )
    xs = list(range(len(spec.categories)))
    for (name, values), style in zip(spec.series, styles, strict=False):
        # None leaves a gap in the line: a suppressed month is not drawn.
        ys = [v if _number(v) else float("nan") for v in values]
        ax.plot(xs[: len(ys)], ys, label=name, linewidth=2, markersize=4, **style)
    ax.set_xticks(xs, list(spec.categories))
    ax.set_ylabel(spec.axis_label)
    ax.margins(y=0.15)


def _number(value) -> bool:
    return isinstance(value, float | int)


def _wrap(label: str, width: int = 34) -> str:
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


@lru_cache(maxsize=128)
def svg(spec: ChartSpec) -> str:
    """The chart as an inline ``<svg>`` element with its title and text alternative."""
    buffer = io.StringIO()
    with _DRAWING, matplotlib.rc_context(RC):
        _figure(spec).savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]  # drop the XML declaration and DOCTYPE for inline use
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, count=1, flags=re.S)
    ident = f"chart-{spec.key}"
    # matplotlib numbers its element ids per figure (text_1, patch_1...): prefix them so
    # that several charts inline in one page never share an id.
    text = re.sub(r'\bid="([^"]+)"', rf'id="{ident}-\1"', text)
    text = re.sub(r"url\(#([^)]+)\)", rf"url(#{ident}-\1)", text)
    text = re.sub(r'href="#([^"]+)"', rf'href="#{ident}-\1"', text)
    text = _presentation_attributes(text)
    opening, rest = text.split(">", 1)
    opening = re.sub(r' (width|height)="[^"]*"', "", opening)
    return (
        f'{opening} role="img" aria-labelledby="{ident}-title {ident}-desc" class="iro-chart__svg">'
        f'<title id="{ident}-title">{escape(spec.title)}</title>'
        f'<desc id="{ident}-desc">{escape(spec.description)}</desc>{rest}'
    )


def _presentation_attributes(text: str) -> str:
    """matplotlib's ``style="..."`` attributes and ``<style>`` element as SVG presentation
    attributes: the Content Security Policy forbids inline style on our pages (issue 8), and
    every property matplotlib writes (fill, stroke, font-size...) is also an attribute."""
    rules = re.search(r"<style[^>]*>\s*\*\{([^}]*)\}\s*</style>", text)
    text = re.sub(r"<style[^>]*>.*?</style>\s*", "", text, flags=re.S)

    def attributes(declarations: str, present: str = "") -> str:
        out = []
        for part in declarations.split(";"):
            name, _, value = part.partition(":")
            name, value = name.strip(), value.strip().replace('"', "'")
            if name and value and f" {name}=" not in present:
                out.append(f'{name}="{value}"')
        return " ".join(out)

    def element(match: re.Match) -> str:
        tag = match.group(0)
        style = re.search(r' style="([^"]*)"', tag)
        if style is None:
            return tag
        rest = tag.replace(style.group(0), "")
        converted = attributes(style.group(1), rest)
        return rest.replace(" ", f" {converted} ", 1) if converted else rest

    text = re.sub(r"<[a-zA-Z][^<>]*\sstyle=\"[^\"]*\"[^<>]*>", element, text)
    if rules:
        text = text.replace("<svg ", f"<svg {attributes(rules.group(1))} ", 1)
    return text


@lru_cache(maxsize=128)
def png(spec: ChartSpec, dpi: int = 200) -> bytes:
    """The chart as PNG bytes (for Word, which shows SVG poorly)."""
    buffer = io.BytesIO()
    with _DRAWING, matplotlib.rc_context(RC):
        _figure(spec).savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def data_uri(spec: ChartSpec) -> str:
    """The SVG as a ``data:`` URI, for an ``<img>`` with the text alternative as ``alt``
    (the PDF: WeasyPrint tags an image as a Figure with its alt text)."""
    encoded = base64.b64encode(svg(spec).encode()).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"
