"""The child protection section, filled by the conferences feature (issue 6)."""

from __future__ import annotations

from iro_tracker.reporting import blocks as b
from iro_tracker.reporting.blocks import Heading, Section
from iro_tracker.reporting.figures import Context, bars, known
from iro_tracker.reporting.figures_features import (
    CP,
    CP_CATEGORIES,
    CP_KINDS,
    DEC,
    PCT,
    _beside,
    _count_beside,
    _missing,
    _pct,
    _sentences,
    rows,
)

# --- child protection (issue 6) -------------------------------------------------------------


@_sentences
def child_protection(ctx: Context, s: Section) -> None:
    """Conferences, their timeliness and child protection plans (seed report §4.1-4.4)."""
    if _missing(ctx, s, CP, "Child protection conferences are not recorded for these years."):
        return
    drill, p = ctx.drills(CP), f"{CP}."
    s.summary.append(
        f"The unit chaired {_count_beside(ctx, p + 'conferences.total')} child protection"
        f" conferences in {ctx.this}, about {ctx.text(p + 'children_at_conferences.total')}"
        " children (a child counted at each conference)."
    )
    strategy = f"{p}initial_conferences.within_15_days_strategy_percent"
    if known(ctx.get(strategy)):
        sentence = (
            f"{_beside(ctx, strategy)} of children's initial conferences were held within 15"
            " working days of the strategy discussion"
        )
        s47 = f"{p}initial_conferences.within_15_days_s47_percent"
        if known(ctx.get(s47)):
            sentence += f" and {_pct(ctx, s47)} within 15 working days of the section 47 start"
        s.summary.append(sentence + ".")
    on_time = f"{p}review_conferences.on_time_percent"
    if known(ctx.get(on_time)):
        s.summary.append(f"{_beside(ctx, on_time)} of review conferences were held on time.")
    s.summary.append(
        f"{ctx.text(p + 'plans.started')} child protection plans started and"
        f" {ctx.text(p + 'plans.ended')} ended in the year;"
        f" {ctx.text(p + 'plans.open_at_year_end')} children had a plan on 31 March."
    )
    s.blocks += [
        Heading("Conferences"),
        bars(
            ctx,
            "cp_conferences",
            "Child protection conferences by type",
            list(CP_KINDS.items()),
            f"{p}conferences",
            "Type",
            "Number of conferences",
            drill=False,
        ),
        ctx.table(
            "Children discussed at conferences (a child at each conference)",
            rows(
                ctx,
                f"{p}children_at_conferences.",
                [(f"At {label.lower()} conferences", k) for k, label in CP_KINDS.items()]
                + [("At all conferences", "total")],
                drill,
            ),
            "Type",
        ),
        Heading("Timeliness"),
        ctx.table(
            "Initial child protection conferences",
            rows(
                ctx,
                f"{p}initial_conferences.",
                [
                    ("Children at initial conferences", "children"),
                    ("With the strategy discussion's date", "assessable_strategy"),
                    (
                        "Within 15 working days of the strategy discussion",
                        "within_15_days_strategy",
                    ),
                    ("Within 15 working days (%)", "within_15_days_strategy_percent", PCT),
                    ("With the section 47 enquiry's start date", "assessable_s47"),
                    ("Within 15 working days of the section 47 start", "within_15_days_s47"),
                    (
                        "Within 15 working days of the s47 start (%)",
                        "within_15_days_s47_percent",
                        PCT,
                    ),
                ],
                drill,
            ),
        ),
        ctx.table(
            "Review child protection conferences",
            rows(
                ctx,
                f"{p}review_conferences.",
                [
                    ("Children at review conferences", "children"),
                    ("With a due date that can be worked out", "assessable"),
                    ("Held on time", "on_time"),
                    ("Held late", "late"),
                    ("Held on time (%)", "on_time_percent", PCT),
                ],
                drill,
            ),
        ),
        Heading("Child protection plans"),
        ctx.table(
            "Child protection plans",
            rows(
                ctx,
                f"{p}plans.",
                [
                    ("Plans started", "started"),
                    ("Plans ended", "ended"),
                    ("Ended after lasting 2 years or more", "ended_lasting_2_years_plus"),
                    ("Ended after 2 years or more (%)", "ended_lasting_2_years_plus_percent", PCT),
                    ("Open on 31 March", "open_at_year_end"),
                    ("Open on 31 March for 2 years or more", "open_2_years_plus_at_year_end"),
                    ("Second or later plan for the child", "second_or_subsequent"),
                    ("Second or later plan (%)", "second_or_subsequent_percent", PCT),
                    ("Repeat plan within 2 years of the last", "repeat_within_2_years"),
                    ("Repeat plan within 2 years (%)", "repeat_within_2_years_percent", PCT),
                ],
                drill,
            ),
        ),
        bars(
            ctx,
            "cp_categories",
            "Plans started by category of abuse",
            list(CP_CATEGORIES.items()),
            f"{p}plans.started_by_category",
            "Category",
            drill=drill,
            zero=True,
        ),
    ]
    _caseloads(ctx, s)


def _caseloads(ctx: Context, s: Section) -> None:
    """The chairs' caseloads across both roles (``service`` figures from child protection)."""
    keys = ("cp_children", "combined_caseload", "combined_per_fte")
    if not any(ctx.get(f"service.{k}", last) is not None for k in keys for last in (0, 1)):
        return
    low, high = ctx.get("service.caseload_band") or (50, 70)
    if known(ctx.get("service.combined_per_fte")):
        s.summary.append(
            "Counting the children on a plan with the looked-after children, each full-time"
            f" chair had {_beside(ctx, 'service.combined_per_fte', b.decimal)} children on"
            " 31 March."
        )
    s.blocks += [
        Heading("Chairs' caseloads"),
        ctx.table(
            "Chairs' caseloads on 31 March, looked-after and child protection together",
            rows(
                ctx,
                "service.",
                [
                    (
                        "Children on a plan, with the chair of their latest conference",
                        "cp_children",
                    ),
                    ("Looked-after and child protection children together", "combined_caseload"),
                    ("Children per full-time chair", "combined_per_fte", DEC),
                    (
                        f"Chairs within {low} to {high} looked-after children per FTE",
                        "chairs_within_band",
                    ),
                    (f"Chairs above {high}", "chairs_above_band"),
                    (f"Chairs below {low}", "chairs_below_band"),
                ],
                drill=False,
            ),
        ),
    ]
