"""The sections of issue 9: health, education, legal status and care proceedings,
placement stability and short breaks."""

from __future__ import annotations

from iro_tracker.reporting import blocks as b
from iro_tracker.reporting.blocks import Section
from iro_tracker.reporting.figures import (
    Context,
    _humanise,
    codes_table,
    grouped,
    known,
    share_sentence,
)
from iro_tracker.reporting.figures_features import (
    COURT_OUTCOMES,
    DEC,
    PCT,
    PEP_QUALITY,
    RATINGS,
    UNLINKED,
    _beside,
    _count_beside,
    _missing,
    _pct,
    _sentences,
    rows,
)
from iro_tracker.rules import codes

# --- health, education, care proceedings, stability and short breaks (issue 9) -------------


@_sentences
def health(ctx: Context, s: Section) -> None:
    """Initial health assessments and the health of children in care 12 months (§6.6, §9.12)."""
    if _missing(ctx, s, "health", "Health assessments are not recorded for these years."):
        return
    p = "health."
    iha = p + "iha_within_20_working_days_percent"
    if known(ctx.get(iha)):
        sentence = (
            f"{_beside(ctx, iha)} of children who started to be looked after had their initial"
            " health assessment within 20 working days"
        )
        if known(ctx.get(p + "iha_within_25_working_days_percent")):
            sentence += f", {_pct(ctx, p + 'iha_within_25_working_days_percent')} within 25"
        s.summary.append(sentence + ".")
    if ctx.get(p + "looked_after_12_months"):
        s.summary.append(
            f"Of the {ctx.text(p + 'looked_after_12_months')} children looked after for 12"
            f" months or more at 31 March, {_pct(ctx, p + 'health_assessments_up_to_date_percent')}"
            f" had an up-to-date health assessment and"
            f" {_pct(ctx, p + 'dental_checks_up_to_date_percent')} a dental check in the last"
            " 12 months."
        )
    cohort = [("Children looked after for 12 months or more", "looked_after_12_months")]
    for key, label in (
        ("health_assessments_up_to_date", "Health assessment up to date"),
        ("dental_checks_up_to_date", "Dental check in the last 12 months"),
        ("immunisations_up_to_date", "Immunisations up to date"),
    ):
        cohort += [(label, key), (f"{label} (%)", f"{key}_percent", PCT)]
    cohort += [
        ("Aged 4 to 16: a Strengths and Difficulties Questionnaire expected", "sdq_eligible"),
        ("With a questionnaire score in the last 12 months", "sdq_completed"),
        ("With a score (%)", "sdq_completed_percent", PCT),
        ("Average score", "sdq_average_score", DEC),
    ]
    drill = ctx.drills("health")
    s.blocks += [
        ctx.table(
            "Initial health assessments",
            rows(
                ctx,
                p,
                [
                    ("Children due an initial health assessment", "iha_due"),
                    ("Completed within 20 working days", "iha_within_20_working_days"),
                    ("Within 20 working days (%)", "iha_within_20_working_days_percent", PCT),
                    ("Completed within 25 working days", "iha_within_25_working_days"),
                    ("Within 25 working days (%)", "iha_within_25_working_days_percent", PCT),
                    ("Refused", "iha_refused"),
                    ("No outcome recorded", "iha_not_recorded"),
                ],
                drill,
            ),
        ),
        ctx.table(
            "Children looked after for 12 months or more on 31 March",
            rows(ctx, p, cohort, drill),
        ),
    ]


@_sentences
def education(ctx: Context, s: Section) -> None:
    """Personal Education Plans (seed report §9.12)."""
    if _missing(ctx, s, "education", "Personal Education Plans are not recorded for these years."):
        return
    p, drill = "education.", ctx.drills("education")
    if known(ctx.get(p + "pep_up_to_date_percent")):
        s.summary.append(
            f"{_beside(ctx, p + 'pep_up_to_date_percent')} of children aged 3 or over looked"
            " after at 31 March had an up-to-date Personal Education Plan."
        )
    if known(ctx.get(p + "pep_initial_in_time_percent")):
        s.summary.append(
            f"{_pct(ctx, p + 'pep_initial_in_time_percent')} of children who started to be"
            " looked after had their first plan within 10 working days."
        )
    s.blocks += [
        ctx.table(
            "Personal Education Plans (PEPs)",
            rows(
                ctx,
                p,
                [
                    ("Children due a first PEP", "pep_initial_due"),
                    ("First PEP within 10 working days", "pep_initial_in_time"),
                    ("First PEP in time (%)", "pep_initial_in_time_percent", PCT),
                    ("Children expected to have a PEP on 31 March", "pep_expected_at_year_end"),
                    ("PEP up to date on 31 March", "pep_up_to_date"),
                    ("PEP up to date (%)", "pep_up_to_date_percent", PCT),
                ],
                drill,
            ),
        ),
        ctx.table(
            "Quality of PEPs held in the year, as judged by the IRO",
            [
                ctx.row(RATINGS[r], f"{p}pep_quality.{r}", drill=drill, zero=True)
                for r in PEP_QUALITY
            ],
            "Judgement",
        ),
    ]


def legal_status(ctx: Context, s: Section) -> None:
    """Legal status on 31 March (seed report §7.3); care proceedings follow in their own."""
    s.summary += share_sentence(
        ctx,
        "legal_status_at_year_end",
        "care_order",
        "{pct} of children looked after at 31 March were subject to a care order ({n}).",
    )
    s.blocks.append(
        grouped(
            ctx,
            "legal_status_at_year_end",
            "legal_status",
            "Legal status at 31 March",
            "Legal status",
        )
    )
    if ctx.detail:
        s.blocks.append(
            codes_table(
                ctx,
                "legal_status_at_year_end",
                codes.LEGAL_STATUS,
                "Legal status at 31 March by SSDA903 code",
            )
        )


@_sentences
def legal_proceedings(ctx: Context, s: Section) -> None:
    """Care proceedings and the legal status watch (seed report §7.1-7.4).

    Proceedings are counted by set, as the seed counts them (a set may concern siblings):
    the children behind a count of sets are the children of those sets.
    """
    key = "legal_proceedings"
    if _missing(ctx, s, key, "Care proceedings are not recorded for these years."):
        return
    p, drill = f"{key}.", ctx.drills(key)
    sentence = (
        f"{_count_beside(ctx, p + 'issued_in_year')} sets of care proceedings were issued in"
        f" {ctx.this}"
    )
    if known(ctx.get(p + "rate_per_10000")):
        sentence += f", {ctx.text(p + 'rate_per_10000', b.decimal)} per 10,000 children"
    s.summary.append(sentence + ".")
    if known(ctx.get(p + "mean_length_weeks")):
        sentence = (
            f"Proceedings concluded in the year ({ctx.text(p + 'concluded_in_year')} sets)"
            f" lasted {_beside(ctx, p + 'mean_length_weeks', b.decimal)} weeks on average"
        )
        if known(ctx.get(p + "within_26_weeks_percent")):
            sentence += f"; {_beside(ctx, p + 'within_26_weeks_percent')} finished within 26 weeks"
        s.summary.append(sentence + ".")
    s.summary.append(
        f"On 31 March {ctx.text(p + 's20_over_6_months_at_year_end')} children had been"
        " accommodated under section 20 for more than 6 months and"
        f" {ctx.text(p + 'placement_order_not_placed_at_year_end')} had a placement order but"
        " had not been placed for adoption after 12 months: IROs discuss each before the review."
    )
    s.blocks.append(
        ctx.table(
            "Care proceedings",
            rows(
                ctx,
                p,
                [
                    ("Sets of care proceedings issued", "issued_in_year", UNLINKED),
                    # The children of the sets issued: exactly the children listed.
                    (
                        "Children in the proceedings issued",
                        "children_in_proceedings_issued",
                        p + "issued_in_year",
                    ),
                    ("Issued per 10,000 children aged 0 to 17", "rate_per_10000", DEC),
                    ("Sets concluded", "concluded_in_year"),
                    ("Average length (weeks)", "mean_length_weeks", DEC),
                    ("Concluded within 26 weeks", "within_26_weeks"),
                    ("Within 26 weeks (%)", "within_26_weeks_percent", PCT),
                    ("With the IRO's contribution to the final care plan", "iro_contributed"),
                    ("With the IRO's contribution (%)", "iro_contributed_percent", PCT),
                ],
                drill,
            ),
        )
    )
    outcomes = list(
        dict.fromkeys([*(ctx.get(p + "outcomes") or {}), *(ctx.get(p + "outcomes", True) or {})])
    )
    if outcomes:
        s.blocks.append(
            ctx.table(
                "How the proceedings concluded",
                [
                    ctx.row(
                        COURT_OUTCOMES.get(c, _humanise(c)),
                        f"{p}outcomes.{c}",
                        drill=drill,
                        zero=True,
                    )
                    for c in outcomes
                ],
                "Outcome",
            )
        )
    s.blocks.append(
        ctx.table(
            "Legal status to discuss before the review, on 31 March",
            rows(
                ctx,
                p,
                [
                    (
                        "Accommodated under section 20 for more than 6 months",
                        "s20_over_6_months_at_year_end",
                    ),
                    (
                        "Placement order, not placed for adoption after 12 months",
                        "placement_order_not_placed_at_year_end",
                    ),
                ],
                drill,
            ),
        )
    )


@_sentences
def placement_stability(ctx: Context, s: Section) -> None:
    """The DfE's two placement stability measures and the moves in the year (seed §8.1)."""
    key = "placement_stability"
    if _missing(ctx, s, key, "Placement stability is not worked out for these years."):
        return
    p = f"{key}."
    if known(ctx.get(p + "three_or_more_placements_percent")):
        s.summary.append(
            f"{_beside(ctx, p + 'three_or_more_placements_percent')} of children looked after"
            " at 31 March had three or more placements in the year."
        )
    if known(ctx.get(p + "same_placement_2_years_percent")):
        s.summary.append(
            "Of children under 16 looked after for two and a half years or more,"
            f" {_beside(ctx, p + 'same_placement_2_years_percent')} had lived in the same"
            " placement for 2 years or more."
        )
    s.blocks.append(
        ctx.table(
            "Placement stability",
            rows(
                ctx,
                p,
                [
                    ("Children looked after on 31 March", "looked_after_at_year_end"),
                    ("With three or more placements in the year", "three_or_more_placements"),
                    ("Three or more placements (%)", "three_or_more_placements_percent", PCT),
                    ("Under 16, looked after for 2½ years or more", "long_term_cohort"),
                    ("Of whom in the same placement for 2 years or more", "same_placement_2_years"),
                    (
                        "Same placement for 2 years or more (%)",
                        "same_placement_2_years_percent",
                        PCT,
                    ),
                    ("Placement moves in the year", "placement_moves"),
                    ("Children who moved", "children_who_moved"),
                ],
                ctx.drills(key),
            ),
        )
    )


@_sentences
def short_breaks(ctx: Context, s: Section) -> None:
    """Children with disabilities and short breaks (seed report §6.5, §10.4)."""
    p = "short_breaks."
    s.summary.append(
        f"{_count_beside(ctx, p + 'children')} children had an agreed series of short breaks"
        f" in {ctx.this}: they are not counted as looked after in the rest of this report."
    )
    if ctx.get(p + "breaks") is not None:
        s.summary.append(
            f"{ctx.text(p + 'breaks')} breaks began in the year;"
            f" {ctx.text(p + 'breaks_over_17_days')} lasted more than 17 days and"
            f" {ctx.text(p + 'children_over_75_days')} children had more than 75 days of"
            " breaks in 12 months."
        )
    if known(ctx.get("disability_percent")):
        s.summary.append(
            f"{_beside(ctx, 'disability_percent')} of children looked after at 31 March had a"
            " disability."
        )
    # Children and reviews are counted by the report itself; breaks by the stability feature.
    s.blocks.append(
        ctx.table(
            "Short breaks",
            rows(
                ctx,
                p,
                [
                    ("Children on short breaks", "children"),
                    ("Short-break reviews held", "reviews_held"),
                    ("Held on time", "reviews_on_time"),
                ],
                drill=True,
            )
            + rows(
                ctx,
                p,
                [
                    ("Breaks that began in the year", "breaks"),
                    ("Nights away in the year", "days", UNLINKED),
                    ("Breaks of more than 17 days", "breaks_over_17_days"),
                    ("Children with more than 75 days in 12 months", "children_over_75_days"),
                    ("Agreements not recorded break by break (V4)", "agreements"),
                ],
                ctx.drills("short_breaks"),
            )
            + rows(
                ctx,
                "",
                [("Looked-after children with a disability (%)", "disability_percent", PCT)],
                False,
            ),
        )
    )
