"""Turn the dashboard's ``Figures`` into what its template shows: tiles, tables and charts.

Charts are drawn as inline SVG from the numbers (no image library, no script): one bar per
month for the share on time, and a bar per chair for looked-after children per FTE with the
50-70 band shaded. The numbers are always printed beside them, so the chart only adds the
shape of the trend.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from iro_tracker.dashboard import extras
from iro_tracker.dashboard.figures import Figures, Month

CHART_WIDTH, CHART_HEIGHT, CHART_TOP, CHART_BOTTOM = 640, 220, 20, 30
BAR_WIDTH = 220
AXIS = 40  # room for the percentage labels


def list_url() -> Callable[[str], str]:
    """The URL of a figure's list page, reversed once: a page has hundreds of figures."""
    base = reverse("dashboard:list", args=["FIGURE"])
    return lambda key: base.replace("FIGURE", key)


@dataclass(frozen=True)
class Tile:
    label: str
    key: str
    count: int
    href: str
    tone: str = ""  # "red" for overdue figures


@dataclass(frozen=True)
class Rate:
    label: str
    part_key: str
    part: int
    part_href: str
    whole_key: str
    whole: int
    whole_href: str
    percent: float | None
    part_label: str = "on time"


def _tile(f: Figures, url, label: str, key: str, tone: str = "") -> Tile:
    return Tile(label, key, f.count(key), url(key), tone if f.count(key) else "")


def _rate(f: Figures, url, label: str, part: str, whole: str, part_label="on time") -> Rate:
    return Rate(
        label,
        part,
        f.count(part),
        url(part),
        whole,
        f.count(whole),
        url(whole),
        f.percent(part, whole),
        part_label,
    )


def _on_time_rate(f: Figures, url, label: str, late: str, whole: str) -> Rate:
    """Reviews are listed by those held and those late; on time is the difference."""
    pct = f.percent(late, whole)
    on_time = None if pct is None else round(100 - pct, 1)
    return Rate(
        label, late, f.count(late), url(late), whole, f.count(whole), url(whole), on_time, "late"
    )


def month_rows(months: list[Month], url) -> list[dict]:
    names = ("reviews_held", "reviews_late", "conference_children", "conference_children_late")
    return [{"month": m, **{name: url(f"month.{m.key}.{name}") for name in names}} for m in months]


def _y(percent: float) -> float:
    """The height in the chart of a percentage (0 at the baseline)."""
    plot = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    return round(CHART_TOP + plot * (100 - percent) / 100, 1)


def month_bars(months: list[Month]) -> list[dict]:
    """Two bars a month (reviews, conferences) of the percentage on time, in SVG units."""
    plot = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    slot = (CHART_WIDTH - AXIS) / 12
    bars = []
    for i, month in enumerate(months):
        x = AXIS + i * slot
        entry = {"label": month.label[:3], "x_label": round(x + slot / 2, 1), "series": []}
        for j, (name, pct) in enumerate(
            (
                ("reviews", month.reviews_on_time_percent),
                ("conferences", month.conferences_on_time_percent),
            )
        ):
            if pct is None:
                continue
            height = round(plot * pct / 100, 1)
            bar_x = round(x + 6 + j * (slot - 12) / 2, 1)
            width = round((slot - 12) / 2 - 2, 1)
            entry["series"].append(
                {
                    "name": name,
                    "x": bar_x,
                    "y": round(CHART_TOP + plot - height, 1),
                    "width": width,
                    "height": height,
                    "value": f"{pct:g}",
                    "x_value": round(bar_x + width / 2, 1),
                    "y_value": round(CHART_TOP + plot - height - 4, 1),
                }
            )
        bars.append(entry)
    return bars


def caseload_bars(f: Figures, url) -> dict:
    """Each chair's looked-after children per FTE as a bar, with the band's position."""
    values = [r.lac_per_fte or 0 for r in f.caseloads]
    band = f.caseloads[0].band if f.caseloads else (50, 70)
    scale = max([100.0, *values])
    rows = []
    for row in f.caseloads:
        rows.append(
            {
                "row": row,
                "width": round(BAR_WIDTH * (row.lac_per_fte or 0) / scale, 1),
                "lac_href": url(row.lac_key),
                "cp_href": url(row.cp_key),
            }
        )
    return {
        "rows": rows,
        "band_x": round(BAR_WIDTH * band[0] / scale, 1),
        "band_width": round(BAR_WIDTH * (band[1] - band[0]) / scale, 1),
        "band": band,
        "width": BAR_WIDTH,
    }


def context(f: Figures) -> dict:
    """Everything the dashboard template needs, from the figures alone."""
    url = list_url()
    unit = f.chair_id is None
    population = [
        _tile(f, url, "Looked after", "children.looked_after"),
        _tile(f, url, "On a child protection plan", "children.on_plan"),
        _tile(f, url, "Both: looked after and on a plan", "children.both"),
    ]
    if unit:
        population.append(_tile(f, url, "In care without an IRO", "children.no_iro", "red"))
    return {
        "figures": f,
        "unit": unit,
        "due": [
            _tile(f, url, "Reviews overdue", "reviews.overdue", "red"),
            _tile(f, url, "Reviews due in the next 4 weeks", "reviews.due_4_weeks"),
            _tile(f, url, "Conferences overdue", "conferences.overdue", "red"),
            _tile(f, url, "Conferences due in the next 4 weeks", "conferences.due_4_weeks"),
        ],
        "population": population,
        "rates": [
            _on_time_rate(
                f, url, "Looked-after reviews", "timeliness.reviews_late", "timeliness.reviews_held"
            ),
            _rate(
                f,
                url,
                "Initial conferences within 15 working days of the strategy discussion",
                "timeliness.icpc_on_time",
                "timeliness.icpc_children",
            ),
            _rate(
                f,
                url,
                "Initial conferences within 15 working days of the s47 start (CIN census)",
                "timeliness.icpc_s47_on_time",
                "timeliness.icpc_s47_children",
            ),
            _rate(
                f, url, "Review conferences", "timeliness.rcpc_on_time", "timeliness.rcpc_children"
            ),
        ],
        "participation": _rate(
            f,
            url,
            "Children aged 4 or over who took part in their review",
            "participation.took_part",
            "participation.eligible",
            "took part",
        ),
        "months": month_rows(f.months, url),
        "month_bars": month_bars(f.months),
        "chart": {
            "width": CHART_WIDTH,
            "height": CHART_HEIGHT,
            "grid": [{"value": v, "y": _y(v)} for v in (0, 50, 100)],
        },
        "caseloads": caseload_bars(f, url),
        "feature_tiles": [
            {
                "title": tile.title,
                "tiles": [_tile(f, url, label, key, "red") for key, label in tile.labels.items()],
            }
            for tile in extras.tiles()
        ],
    }
