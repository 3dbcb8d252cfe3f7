"""Placements and children leaving care (seed report §7 to §8). Health, legal status and
issues resolution are the features' sections, in ``figures_features``."""

from __future__ import annotations

from iro_tracker.reporting import blocks as b
from iro_tracker.reporting.blocks import Section
from iro_tracker.reporting.figures import (
    Context,
    codes_table,
    grouped,
    share_sentence,
)
from iro_tracker.rules import codes


def placements(ctx: Context, s: Section) -> None:
    s.summary += share_sentence(
        ctx,
        "placements_at_year_end",
        "foster",
        "{pct} of children looked after at 31 March lived with foster carers ({n}).",
    )
    s.blocks.append(
        grouped(ctx, "placements_at_year_end", "placements", "Placements at 31 March", "Placement")
    )
    if ctx.detail:
        s.blocks.append(
            codes_table(
                ctx,
                "placements_at_year_end",
                codes.PLACEMENT,
                "Placements at 31 March by SSDA903 code",
            )
        )


def leaving_care(ctx: Context, s: Section) -> None:
    ceased = "children_looked_after.ceased_in_year"
    s.summary.append(
        f"{ctx.text(ceased)} periods of care ended in {ctx.this}"
        f" ({ctx.last}: {ctx.text(ceased, previous=True)})."
    )
    adults = ctx.get("ceased.aged_18_plus")
    if adults:
        s.summary.append(
            f"{ctx.text('ceased.aged_18_plus')} young people left care aged 18 or over:"
            f" {ctx.text('ceased.formal_arrangements_percent', b.percent)} of them had formal"
            " arrangements in place to support them into adulthood, and"
            f" {ctx.text('ceased.staying_put_percent', b.percent)} stayed put with their carers."
        )
    s.blocks.append(
        ctx.table(
            "Children leaving care",
            [
                ctx.row("Periods of care that ended", "children_looked_after.ceased_in_year"),
                ctx.row("Left aged 18 or over", "ceased.aged_18_plus"),
                ctx.row(
                    "Of whom with formal arrangements (%)",
                    "ceased.formal_arrangements_percent",
                    b.percent,
                    False,
                ),
                ctx.row("Of whom staying put (%)", "ceased.staying_put_percent", b.percent, False),
            ],
        )
    )
    s.blocks.append(
        grouped(
            ctx,
            "ceased.by_reason",
            "leaving",
            "Reasons for leaving care",
            "Reason",
            "Number of periods of care",
        )
    )
    if ctx.detail:
        s.blocks.append(
            codes_table(
                ctx, "ceased.by_reason", codes.REC, "Reasons for leaving care by SSDA903 code"
            )
        )
