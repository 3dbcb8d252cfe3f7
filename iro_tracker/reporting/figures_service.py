"""The first sections of the report: introduction, the IRO service, the review process."""

from __future__ import annotations

from iro_tracker.reporting import blocks as b
from iro_tracker.reporting.blocks import Heading, Note, Section
from iro_tracker.reporting.figures import (
    DAYS_LATE,
    SUPPRESSION_NOTE,
    SYMBOLS_NOTE,
    Context,
    bars,
    known,
)
from iro_tracker.rules import codes


def introduction(ctx: Context, s: Section) -> None:
    s.summary += [
        f"This report gives the Corporate Parenting Panel the figures of the Independent"
        f" Reviewing Officer (IRO) service for April {ctx.year} to March {ctx.year + 1}, as"
        f" the IRO Handbook (chapter 7) asks, each beside the figure for {ctx.last}.",
        "Every figure is counted by IRO Tracker from the records it holds, by the definitions"
        " given in each section, so the report can be produced again and checked.",
    ]
    if ctx.suppressed_below:
        n = ctx.suppressed_below
        s.blocks.append(Note(SUPPRESSION_NOTE.format(n=n, n_1=n - 1)))
    s.blocks.append(Note(SYMBOLS_NOTE.format(this=ctx.this, last=ctx.last)))


def service(ctx: Context, s: Section) -> None:
    low, high = ctx.get("service.caseload_band") or (50, 70)
    fte = ctx.get("service.iro_fte")
    if fte is None:
        s.blocks.append(
            Note("IROs' full-time equivalent and dates in post are needed for these figures.")
        )
    else:
        s.summary.append(
            f"At 31 March {ctx.year + 1} the service had {ctx.text('service.iro_headcount')}"
            f" IROs ({b.decimal(fte, 2).rstrip('0').rstrip('.')} full-time equivalent)."
        )
    per_fte = ctx.get("service.lac_per_fte")
    if known(per_fte):
        where = "above" if per_fte > high else "below" if per_fte < low else "within"
        s.summary.append(
            f"Each full-time IRO had {b.decimal(per_fte)} looked-after children on average"
            f" ({ctx.last}: {ctx.text('service.lac_per_fte', b.decimal, True)}), {where} the"
            f" IRO Handbook's good practice range of {low} to {high}."
        )
    per_chair = ctx.get("service.meetings_per_chair")
    s.summary.append(
        f"IROs chaired {ctx.text('service.reviews_chaired')} reviews in {ctx.this}"
        + (
            f", {b.decimal(per_chair)} meetings for each full-time chair."
            if known(per_chair)
            else "."
        )
    )
    rows = [
        ctx.row("IROs in post on 31 March", "service.iro_headcount", drill=False),
        ctx.row(
            "IRO full-time equivalent (FTE)", "service.iro_fte", lambda v: b.decimal(v, 2), False
        ),
        ctx.row("Looked-after children with an IRO on 31 March", "service.allocated_children"),
        ctx.row(
            f"Children per full-time IRO (good practice {low} to {high})",
            "service.lac_per_fte",
            b.decimal,
            False,
        ),
        ctx.row("Reviews chaired", "service.reviews_chaired"),
    ]
    if (
        ctx.get("service.conferences_chaired") is not None
        or ctx.get("service.conferences_chaired", True) is not None
    ):
        rows.append(
            ctx.row(
                "Child protection conferences chaired", "service.conferences_chaired", drill=False
            )
        )
    rows += [
        ctx.row(
            "Chairs' FTE, averaged over the year",
            "service.chair_fte",
            lambda v: b.decimal(v, 2),
            False,
        ),
        ctx.row("Meetings per full-time chair", "service.meetings_per_chair", b.decimal, False),
    ]
    s.blocks.append(ctx.table("The IRO service", rows))


def reviews(ctx: Context, s: Section) -> None:
    late, na = ctx.get("reviews.late"), ctx.get("reviews.not_assessable")
    sentence = (
        f"{ctx.text('reviews.on_time_percent', b.percent)} of reviews were held on time in"
        f" {ctx.this} ({ctx.last}: {ctx.text('reviews.on_time_percent', b.percent, True)})."
        f" {ctx.text('reviews.late')} {b.plural(late, 'review was', 'reviews were')} late."
    )
    if na:
        sentence += (
            f" {ctx.text('reviews.not_assessable')} could not be assessed: their period"
            " of care began before the records held here."
        )
    s.summary.append(sentence)
    s.summary.append(
        f"{ctx.text('participation.percent', b.percent)} of children aged 4 or over took part"
        f" in their review ({ctx.last}: {ctx.text('participation.percent', b.percent, True)})."
    )
    s.blocks.append(Heading("Timeliness"))
    s.blocks.append(
        ctx.table(
            "Reviews held",
            [
                ctx.row("Reviews held", "reviews.held"),
                ctx.row("Held on time", "reviews.on_time"),
                ctx.row("Held late", "reviews.late"),
                ctx.row("Not assessable", "reviews.not_assessable"),
                ctx.row("Held on time (%)", "reviews.on_time_percent", b.percent, False),
            ],
        )
    )
    s.blocks.append(
        ctx.table(
            "How late the late reviews were",
            [ctx.row(label, f"reviews.days_late.{band}") for band, label in DAYS_LATE.items()],
            "Days late",
        )
    )
    found = list(
        dict.fromkeys(
            [
                *(ctx.get("reviews.late_reasons") or {}),
                *(ctx.get("reviews.late_reasons", True) or {}),
            ]
        )
    )
    if found:
        reasons = [(c, codes.LATE_REASON.label(c)) for c in found]
        s.blocks.append(
            bars(
                ctx,
                "late_reasons",
                "Late reviews by reason",
                reasons,
                "reviews.late_reasons",
                "Reason",
                "Number of reviews",
            )
        )
    else:
        s.blocks.append(Note("No reasons for late reviews were recorded in either year."))
    s.blocks.append(Heading("Participation"))
    participation = [
        (c, f"{c}: {codes.PARTICIPATION.label(c)}") for c in codes.PARTICIPATION.codes()
    ]
    s.blocks.append(
        bars(
            ctx,
            "participation",
            "How children took part in their reviews",
            participation,
            "participation.by_code",
            "Code",
            "Number of reviews",
        )
    )
    s.blocks.append(
        ctx.table(
            "Participation of children aged 4 or over",
            [
                ctx.row("Took part (PN1 to PN6)", "participation.participated"),
                ctx.row("Eligible (PN1 to PN7)", "participation.eligible"),
                ctx.row("Took part (%)", "participation.percent", b.percent, False),
            ],
        )
    )
