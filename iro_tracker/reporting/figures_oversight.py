"""The IROs' oversight sections: quality assurance (issue 7) and issues resolution,
documents and oversight between reviews (issue 5)."""

from __future__ import annotations

from iro_tracker.reporting import blocks as b
from iro_tracker.reporting.blocks import Heading, Note, Row, Section, Table
from iro_tracker.reporting.figures import (
    Context,
    _humanise,
    bars,
    has_names,
    known,
    names_chart,
    names_table,
)
from iro_tracker.reporting.figures_features import (
    CONTACT_METHODS,
    IR,
    PCT,
    QA,
    QUALITY_RATINGS,
    RATINGS,
    TIMESCALES,
    _beside,
    _count_beside,
    _missing,
    _pct,
    _sentences,
    rows,
)

# --- quality assurance (issue 7) ------------------------------------------------------------


@_sentences
def quality_assurance(ctx: Context, s: Section) -> None:
    """The IROs' quality-assurance judgements and the review's paperwork (seed §9.9-9.13)."""
    if _missing(ctx, s, QA, "Review outcome records are not kept for these years."):
        return
    p = f"{QA}."
    s.summary.append(
        "IROs completed an outcome record for"
        f" {_count_beside(ctx, p + 'reviews_with_outcome_record')} reviews held in"
        f" {ctx.this}, with quality-assurance judgements for"
        f" {ctx.text(p + 'reviews_with_qa')}."
    )
    for path, what in (
        ("health_assessment_up_to_date.yes_percent", "the child's health assessment"),
        ("pep_up_to_date.yes_percent", "the Personal Education Plan"),
    ):
        if known(ctx.get(p + path)):
            s.summary.append(
                f"IROs judged {what} up to date at {_beside(ctx, p + path)} of the reviews"
                " where they judged it."
            )
    if known(ctx.get(p + "care_plan_quality.good_percent")):
        s.summary.append(
            f"{_beside(ctx, p + 'care_plan_quality.good_percent')} of the care plans rated were"
            " judged good."
        )
    if known(ctx.get(p + "letters.within_timescale_percent")):
        timescale = ctx.get(p + "letters.timescale") or "the timescale"
        s.summary.append(
            f"{_beside(ctx, p + 'letters.within_timescale_percent')} of letters to children"
            f" were sent within {timescale}."
        )
    judged = []
    for code, label in (
        ("health_assessment_up_to_date", "Health assessment up to date"),
        ("pep_up_to_date", "Personal Education Plan up to date"),
    ):
        judged += [
            (f"{label}: {RATINGS[r]}", f"{code}.{r}") for r in ("yes", "no", "not_applicable")
        ]
        judged.append((f"{label} (% of yes and no)", f"{code}.yes_percent", PCT))
    paperwork = []
    for name, label in TIMESCALES.items():
        paperwork += [
            (f"{label}: within the timescale", f"{name}.within_timescale"),
            (f"{label}: late", f"{name}.late"),
            (f"{label}: not yet due", f"{name}.awaiting"),
            (f"{label}: within the timescale (%)", f"{name}.within_timescale_percent", PCT),
        ]
    s.blocks += [
        ctx.table(
            "Review outcome records",
            rows(
                ctx,
                p,
                [
                    ("Reviews with an outcome record", "reviews_with_outcome_record"),
                    ("With quality-assurance judgements", "reviews_with_qa"),
                    (
                        "Care plans judged good (% of those rated)",
                        "care_plan_quality.good_percent",
                        PCT,
                    ),
                ],
                drill=False,
            ),
        ),
        ctx.table("Health and education, as judged by the IRO", rows(ctx, p, judged, False)),
        bars(
            ctx,
            "qa_care_plan",
            "Quality of the care plan, as judged by the IRO",
            [(r, RATINGS[r]) for r in QUALITY_RATINGS],
            p + "care_plan_quality",
            "Judgement",
            "Number of reviews",
            drill=False,
        ),
        Heading("The letter to the child and circulation"),
        ctx.table("Done within the timescale", rows(ctx, p, paperwork, False)),
    ]
    scales = [
        f"{label.lower()}: {ctx.get(f'{p}{name}.timescale')}"
        for name, label in TIMESCALES.items()
        if isinstance(ctx.get(f"{p}{name}.timescale"), str)
    ]
    if scales:
        s.blocks.append(Note("Timescales: " + "; ".join(scales) + "."))
    if ctx.detail and has_names(ctx, p + "by_question"):
        s.blocks.append(_by_question(ctx, p + "by_question"))


def _by_question(ctx: Context, path: str) -> Table:
    """Every QA question's judgements (officers' version: a breakdown, like a code table)."""
    tables = (ctx.get(path) or {}, ctx.get(path, True) or {})
    found = []
    for code in dict.fromkeys([*tables[0], *tables[1]]):
        for rating in dict.fromkeys([*tables[0].get(code, {}), *tables[1].get(code, {})]):
            label = f"{_humanise(code)}: {RATINGS.get(rating, _humanise(rating))}"
            found.append(ctx.row(label, f"{path}.{code}.{rating}", drill=False, zero=True))
    return Table(
        "Judgements by question",
        ("Question: judgement", ctx.this, ctx.last),
        tuple(found),
        detail=True,
    )


# --- issues resolution, documents and oversight (issue 5) -----------------------------------


@_sentences
def issues_resolution(ctx: Context, s: Section) -> None:
    """Issues raised by IROs, documents before the review, oversight between reviews
    (seed report §4.8-4.12, §9.8, §9.10-9.11)."""
    if _missing(ctx, s, IR, "Issues resolution is not recorded for these years."):
        return
    p = f"{IR}."
    s.summary.append(
        f"IROs raised {_count_beside(ctx, p + 'raised')} issues in {ctx.this};"
        f" {ctx.text(p + 'formal')} went to the formal process."
    )
    within = p + "resolved_within_20_working_days_percent"
    if known(ctx.get(within)):
        s.summary.append(
            f"{_beside(ctx, within)} of the formal issues resolved were resolved within 20"
            " working days."
        )
    s.summary.append(f"{ctx.text(p + 'cafcass_referrals')} referrals were made to Cafcass.")
    docs = p + "documentation.compliant_percent"
    if known(ctx.get(docs)):
        s.summary.append(
            "The care plan and pre-meeting report both reached the IRO in time for"
            f" {_beside(ctx, docs)} of reviews."
        )
    midway, contact = p + "oversight.midway_percent", p + "oversight.contact_percent"
    if known(ctx.get(midway)):
        sentence = f"{_beside(ctx, midway)} of review cycles had a midway meeting"
        if known(ctx.get(contact)):
            sentence += (
                ", and the IRO was in touch with the child between reviews in"
                f" {_pct(ctx, contact)} of the cycles of children aged 5 or over"
            )
        s.summary.append(sentence + ".")
    s.blocks += [
        Heading("Issues raised"),
        ctx.table(
            "Issues raised by IROs in the year",
            rows(
                ctx,
                p,
                [
                    ("Issues raised", "raised"),
                    ("Kept informal", "informal_only"),
                    ("Taken to the formal process", "formal"),
                    ("Raised automatically for missing documents", "automatic_documentation"),
                    (
                        "Formal issues resolved within 20 working days",
                        "resolved_within_20_working_days",
                    ),
                    (
                        "Resolved within 20 working days (% of resolved)",
                        "resolved_within_20_working_days_percent",
                        PCT,
                    ),
                    ("Formal issues over 20 working days", "over_timescale"),
                    ("Formal issues open, within 20 working days", "open_within_timescale"),
                    ("Still open", "open"),
                    ("Referrals to Cafcass", "cafcass_referrals"),
                ],
                drill=False,
            ),
        ),
    ]
    if has_names(ctx, p + "by_theme"):
        s.blocks.append(
            names_chart(
                ctx,
                "issues_theme",
                "Issues raised by theme",
                p + "by_theme",
                "Theme",
                "Number of issues",
            )
        )
    if has_names(ctx, p + "highest_stage"):
        s.blocks.append(
            names_chart(
                ctx,
                "issues_stage",
                "Issues by the highest stage reached",
                p + "highest_stage",
                "Stage",
                "Number of issues",
            )
        )
    if has_names(ctx, p + "outcomes"):
        s.blocks.append(
            names_table(ctx, "Outcomes of the issues closed", p + "outcomes", "Outcome")
        )
    s.blocks += [
        Heading("Documents before the review"),
        ctx.table(
            "Care plan and pre-meeting report before the review",
            rows(
                ctx,
                p + "documentation.",
                [
                    ("Reviews whose documents were due", "reviews"),
                    ("Both documents in time", "compliant"),
                    ("One or both late or missing", "non_compliant"),
                    ("Both documents in time (%)", "compliant_percent", PCT),
                    ("Care plan late or missing", "care_plan_not_on_time"),
                    ("Pre-meeting report late or missing", "pre_meeting_report_not_on_time"),
                ],
                drill=False,
            ),
        ),
    ]
    if ctx.detail and has_names(ctx, p + "documentation.by_team"):
        s.blocks.append(_by_team(ctx, p + "documentation.by_team"))
    s.blocks += [
        Heading("Between reviews"),
        ctx.table(
            "The IRO's oversight between reviews",
            rows(
                ctx,
                p + "oversight.",
                [
                    ("Review cycles that ended in the year", "cycles"),
                    ("With a midway meeting", "with_midway"),
                    ("With a midway meeting (%)", "midway_percent", PCT),
                    ("Cycles of children aged 5 or over", "contact_expected"),
                    ("With the IRO's contact with the child", "with_contact"),
                    ("With contact (%)", "contact_percent", PCT),
                    ("Child seen alone", "seen_alone"),
                    ("IRO contacts with children in the year", "contacts"),
                    ("Midway meetings held in the year", "midway_meetings"),
                ],
                drill=False,
            ),
        ),
    ]
    if has_names(ctx, p + "oversight.contacts_by_method"):
        s.blocks.append(
            names_table(
                ctx,
                "IRO contacts with children by method",
                p + "oversight.contacts_by_method",
                "Method",
                CONTACT_METHODS,
            )
        )


def _by_team(ctx: Context, path: str) -> Table:
    """Documents in time by team: this year's reviews and share, beside last year's share
    (team names are read from the table, never split as a path: a name may hold a dot)."""
    this, last = ctx.get(path) or {}, ctx.get(path, True) or {}
    found = []
    for team in dict.fromkeys([*this, *last]):
        now, before = this.get(team) or {}, last.get(team) or {}
        cells = (
            b.cell(now.get("reviews")),
            b.cell(now.get("compliant_percent"), b.percent),
            b.cell(before.get("compliant_percent"), b.percent),
        )
        found.append(Row(team, cells))
    head = ("Team", f"Reviews {ctx.this}", f"In time (%) {ctx.this}", f"In time (%) {ctx.last}")
    return Table("Documents in time by team", head, tuple(found), detail=True)
