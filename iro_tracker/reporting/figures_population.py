"""The looked-after population section (seed report §6): numbers, trend, sex, age, ethnicity."""

from __future__ import annotations

from datetime import date

from iro_tracker.reporting import blocks as b
from iro_tracker.reporting.blocks import Chart, ChartSpec, Heading, Note, Row, Section
from iro_tracker.reporting.figures import AGE_LABELS, Context, codes_table, grouped, known
from iro_tracker.rules import codes

LAC = "children_looked_after"


def population(ctx: Context, s: Section) -> None:
    s.summary += _sentences(ctx)
    s.blocks.append(
        ctx.table(
            "Children looked after",
            [
                ctx.row("Looked after on 31 March", f"{LAC}.at_year_end"),
                ctx.row(
                    "Rate per 10,000 children aged 0 to 17", f"{LAC}.rate_per_10000", drill=False
                ),
                ctx.row("Looked after at any time in the year", f"{LAC}.during_year"),
                ctx.row("Started to be looked after", f"{LAC}.started_in_year"),
                ctx.row("Periods of care that ended", f"{LAC}.ceased_in_year"),
                ctx.row("Net change over the year", f"{LAC}.net_change", b.signed, drill=False),
                ctx.row(
                    "Unaccompanied asylum-seeking children on 31 March", f"{LAC}.uasc_at_year_end"
                ),
                ctx.row("Black and minority ethnic (%)", "bme_percent", b.percent, drill=False),
                ctx.row("With a disability (%)", "disability_percent", b.percent, drill=False),
                ctx.row("Children on short breaks (not counted above)", "short_breaks.children"),
            ],
        )
    )
    people = ctx.data.get("population") or {}
    if people.get("current"):
        s.blocks.append(
            Note(
                f"The rate per 10,000 uses a population of {people['current']:,} children aged"
                f" 0 to 17 for {ctx.this}."
            )
        )
    else:
        s.blocks.append(
            Note(
                "The rate per 10,000 needs the authority's population aged 0 to 17 for the"
                " year: a manager can set it on the report page."
            )
        )
    s.blocks.append(Heading("Numbers through the year"))
    s.blocks.append(_monthly(ctx))
    s.blocks.append(Heading("Sex and age"))
    s.blocks.append(_age_by_sex(ctx))
    s.blocks.append(Heading("Ethnicity"))
    s.blocks.append(
        grouped(ctx, "ethnicity_at_year_end", "ethnicity", "Ethnicity at 31 March", "Ethnic group")
    )
    if ctx.detail:
        s.blocks.append(
            codes_table(
                ctx,
                "ethnicity_at_year_end",
                codes.ETHNICITY,
                "Ethnicity at 31 March by SSDA903 code",
            )
        )


def _sentences(ctx: Context) -> list[str]:
    at_end = ctx.get(f"{LAC}.at_year_end")
    first = (
        f"At 31 March {ctx.year + 1}, {ctx.text(f'{LAC}.at_year_end')} children were looked after"
    )
    if known(ctx.get(f"{LAC}.rate_per_10000")):
        first += f" ({ctx.text(f'{LAC}.rate_per_10000')} per 10,000 children aged 0 to 17)"
    if ctx.get(f"{LAC}.uasc_at_year_end"):
        uasc = ctx.text(f"{LAC}.uasc_at_year_end")
        first += f", including {uasc} unaccompanied asylum-seeking children"
    sentences = [first + "."]
    change = ctx.get(f"{LAC}.net_change")
    if known(change) and known(at_end):
        if change:
            more = "more" if change > 0 else "fewer"
            sentences.append(f"That is {abs(change):,} {more} than a year earlier.")
        else:
            sentences.append("That is the same number as a year earlier.")
    sentences.append(
        f"{ctx.text(f'{LAC}.during_year')} children were looked after at some time during the"
        f" year; {ctx.text(f'{LAC}.started_in_year')} started to be looked after and"
        f" {ctx.text(f'{LAC}.ceased_in_year')} periods of care ended."
    )
    peak = _peak(ctx)
    if peak:
        sentences.append(peak)
    boys, girls = ctx.get("sex_at_year_end.male"), ctx.get("sex_at_year_end.female")
    if known(boys) and known(girls) and boys != girls:
        more, fewer = ("boys", "girls") if boys > girls else ("girls", "boys")
        sentences.append(
            f"More {more} ({max(boys, girls):,}) than {fewer} ({min(boys, girls):,})"
            " were looked after."
        )
    if known(ctx.get("bme_percent")):
        sentences.append(
            f"{ctx.text('bme_percent', b.percent)} of children whose ethnicity is known were from"
            " Black and minority ethnic groups"
            f" ({ctx.last}: {ctx.text('bme_percent', b.percent, True)})."
        )
    if known(ctx.get("disability_percent")):
        sentences.append(
            f"{ctx.text('disability_percent', b.percent)} of children had a disability."
        )
    return sentences


def _peak(ctx: Context) -> str:
    """The month the numbers were highest, beside the same month a year before."""
    months = list((ctx.get("monthly_counts") or {}).items())
    before = list((ctx.get("monthly_counts", True) or {}).values())
    counted = [(n, i) for i, (_, n) in enumerate(months) if b.is_count(n)]
    if not counted:
        return ""
    n, i = max(counted)
    day = date.fromisoformat(months[i][0])
    text = f"Numbers were highest at the end of {day:%B %Y} ({n:,})"
    if i < len(before) and b.is_count(before[i]):
        text += f", against {before[i]:,} at the end of {day:%B} {day.year - 1}"
    return text + "."


def _monthly(ctx: Context) -> Chart:
    months = list((ctx.get("monthly_counts") or {}).items())
    before = list((ctx.get("monthly_counts", True) or {}).items())
    rows = []
    for i, (day, n) in enumerate(months):
        label = f"{date.fromisoformat(day):%B}"
        last_day, last_n = before[i] if i < len(before) else (None, None)
        rows.append(
            Row(
                label,
                (
                    b.cell(n, drill=f"monthly_counts.{day}", year=ctx.year),
                    b.cell(last_n, drill=f"monthly_counts.{last_day}", year=ctx.year - 1),
                ),
            )
        )
    this = tuple(b.chart_value(n) for _, n in months)
    last = tuple(b.chart_value(n) for _, n in before)
    # Suppressed months (a string such as "<5") are left out of the lowest and highest.
    known = [(n, r.label) for n, r in zip(this, rows, strict=True) if isinstance(n, int | float)]
    description = (
        f"Line chart of the number of children looked after at the end of each month,"
        f" {ctx.this} (solid line) beside {ctx.last} (dashed line)."
    )
    if known:
        low, high = min(known), max(known)
        description += (
            f" In {ctx.this} the lowest was {low[0]:,.0f} ({low[1]}) and the highest"
            f" {high[0]:,.0f} ({high[1]})."
        )
    title = "Children looked after at the end of each month"
    spec = ChartSpec(
        "monthly",
        "line",
        title,
        tuple(r.label[:3] for r in rows),
        ((ctx.this, this), (ctx.last, last)),
        description,
    )
    return Chart(spec, ctx.table(title, rows, "Month"))


def _age_by_sex(ctx: Context) -> Chart:
    rows = []
    male, female = [], []
    for band, label in AGE_LABELS.items():
        m, f = ctx.get(f"age_by_sex.{band}.male"), ctx.get(f"age_by_sex.{band}.female")
        male.append(b.chart_value(m))
        female.append(b.chart_value(f))
        rows.append(
            Row(
                label,
                (
                    b.cell(m, drill=f"age_by_sex.{band}.male", year=ctx.year),
                    b.cell(f, drill=f"age_by_sex.{band}.female", year=ctx.year),
                    *ctx.row("", f"age_at_year_end.{band}").cells,
                ),
            )
        )
    rows.append(
        Row(
            "All ages",
            (
                b.cell(
                    ctx.get("sex_at_year_end.male"), drill="sex_at_year_end.male", year=ctx.year
                ),
                b.cell(
                    ctx.get("sex_at_year_end.female"), drill="sex_at_year_end.female", year=ctx.year
                ),
                *ctx.row("", f"{LAC}.at_year_end").cells,
            ),
        )
    )
    title = f"Children looked after at 31 March {ctx.year + 1} by age and sex"
    parts = [f"{r.label}: {r.cells[0].text} male, {r.cells[1].text} female" for r in rows[:-1]]
    hidden = any(c.text.startswith("<") for r in rows for c in r.cells[:2])
    description = (
        f"Bar chart of children looked after at 31 March {ctx.year + 1} by age band, male and"
        f" female side by side. "
        + "; ".join(parts)
        + "."
        + (" Suppressed values (below 5) are not plotted." if hidden else "")
    )
    spec = ChartSpec(
        "age_by_sex",
        "bar",
        title,
        tuple(AGE_LABELS.values()),
        (("Male", tuple(male)), ("Female", tuple(female))),
        description,
    )
    head = ("Age", "Male", "Female", f"Total {ctx.this}", f"Total {ctx.last}")
    return Chart(spec, b.Table(title, head, tuple(rows)))
