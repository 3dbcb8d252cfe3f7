"""The sections of the annual report, following the seed report, and what each one shows.

``build_sections(data, narratives)`` reads only the figures from
``reporting.document.report_data`` (possibly suppressed) and the managers' narratives, and
returns ``Section``s of blocks for the renderers. Each section lists the definitions of its
figures (issue 4's Definitions, shortened), so a reader can reproduce every number.

Sentences are written from the figures in the plain register of the seed report; a figure
that is suppressed reads "fewer than 5", and one that is not available is left out of the
sentence rather than guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from iro_tracker.reporting import figures_care as care
from iro_tracker.reporting import figures_oversight as oversight
from iro_tracker.reporting import figures_protection as protection
from iro_tracker.reporting import figures_service as service
from iro_tracker.reporting import figures_wellbeing as wellbeing
from iro_tracker.reporting.blocks import Section, year_label
from iro_tracker.reporting.figures import Context
from iro_tracker.reporting.figures_population import population

INTRODUCTION = "introduction"
PRIORITIES = "priorities"


def _definitions(text: str) -> tuple[tuple[str, str], ...]:
    """``"Term | meaning"`` paragraphs, separated by blank lines, as (term, meaning) pairs."""
    pairs = []
    for paragraph in text.strip().split("\n\n"):
        term, meaning = paragraph.split(" | ", 1)
        pairs.append((term.strip(), " ".join(meaning.split())))
    return tuple(pairs)


@dataclass(frozen=True)
class SectionDef:
    """A section: its key (narratives are stored by it, so it never changes), title, the
    function that fills it from the figures (None: narrative only) and its definitions."""

    key: str
    title: str
    build: Callable[[Context, Section], None] | None
    definitions: tuple[tuple[str, str], ...] = ()


SECTIONS: tuple[SectionDef, ...] = (
    SectionDef(INTRODUCTION, "Introduction", service.introduction),
    SectionDef(
        "service",
        "The IRO service",
        service.service,
        _definitions("""
IROs in post | Staff who chair looked-after reviews, in post on 31 March.

Full-time equivalent (FTE) | Those IROs' contracted hours as a share of full time, added up.

Children per full-time IRO | Children looked after on 31 March with an IRO allocated on that
date, divided by the IROs' FTE. The IRO Handbook's good practice is 50 to 70.

Meetings per full-time chair | Reviews (and child protection conferences, once recorded)
chaired in the year, divided by the chairs' FTE averaged over the 12 month ends.
"""),
    ),
    SectionDef(
        "child_protection",
        "Child protection conferences",
        protection.child_protection,
        _definitions("""
Conference | One meeting; a conference about a sibling group is one conference. Children
discussed are counted once for each conference they were discussed at, by its type: initial,
review or transfer in.

Initial conference within 15 working days | Held within 15 working days of the strategy
discussion that started the section 47 enquiry (Working Together), and, as the children in
need census counts it, of the enquiry's start. A conference without that date is left out.

Review conference on time | The first review held within 3 months of the conference that
started the plan, each later one within 6 months of the review before. A review whose plan's
earlier conferences are not recorded is left out.

Plans | Started or ended in the year. Lasting 2 years or more: ended on or after the second
anniversary of its start. Repeat within 2 years: a child's plan started in the year within 2
years of the end of their previous plan; (%) of plans started.

Chairs' caseloads | On 31 March: children allocated to each chair who are looked after, and
children on a plan whose latest conference the chair chaired, together per chair FTE. Each
chair's looked-after children per FTE is compared with the IRO Handbook's 50 to 70.
"""),
    ),
    SectionDef(
        "reviews",
        "The review process",
        service.reviews,
        _definitions("""
Reviews held | Reviews held in the year inside a period of care, one per child per date.
Short-break (regulation 48) reviews are counted separately.

On time | Held on or before the due date: the first review within 20 working days of the
start of care, the second within 3 months of the first, each later one within 6 months of
the one before.

Not assessable | The first review found for a period of care that began before the data held
here: its due date cannot be worked out.

Held on time (%) | On time ÷ (on time + late).

Days late | Days from the due date to the date the review was held.

Reasons for lateness | As recorded by the chair. A late review with no reason recorded is
counted as late only.

Participation | SSDA903 codes PN0 to PN7. Took part: PN1 to PN6. Eligible: PN1 to PN7 (PN0,
a child under 4, is outside the measure). Took part (%) = took part ÷ eligible.
"""),
    ),
    SectionDef(
        "population",
        "Our looked-after children",
        population,
        _definitions("""
Looked after on a date | A care episode that started on or before the date and had not ended
before it. Episodes under legal status V3 or V4 (short breaks) are not counted: those
children are shown separately.

During the year | Children with an episode open at any time from 1 April to 31 March.

Started / ceased | Periods of care that began (first episode a new start) or ended in the
year.

Net change | Children looked after on 31 March minus those looked after a year before.

Rate per 10,000 | Children looked after on 31 March ÷ the authority's population aged 0 to
17 × 10,000, to a whole number.

UASC | Unaccompanied asylum-seeking children, on 31 March.

Age | Age in whole years on 31 March.

BME | Children whose ethnicity is recorded as other than White British, as a percentage of
those whose ethnicity is known (not refused or not yet obtained).

Disability | Children recorded as disabled, as a percentage of those looked after on 31
March.
"""),
    ),
    SectionDef(
        "short_breaks",
        "Children with disabilities and short breaks",
        wellbeing.short_breaks,
        _definitions("""
Short breaks | Children with an agreed series of short breaks (SSDA903 legal status V3, or
V4 when the breaks are not recorded one by one) during the year. They are not counted as
looked after anywhere else in this report.

Short-break reviews | Reviews of those children (regulation 48: the first within 3 months of
the first break, then every 6 months), on time by the same rule.

Breaks and nights | Breaks (V3 episodes) that began in the year, and the nights away in the
year of all breaks.

Limits | A break longer than 17 days, or more than 75 days of breaks in any 12 months
ending in the year, falls outside the short-break regulations.

Disability | Looked-after children recorded as disabled, as a percentage of those looked
after on 31 March.
"""),
    ),
    SectionDef(
        "health",
        "Health",
        wellbeing.health,
        _definitions("""
Initial health assessment (IHA) | Due for each period of care that began in the year, 20
working days after it began. A child who left care before then with none done is not
counted. Within 25 working days is also shown, as the seed report does. A refusal is not
counted as an assessment done.

Looked after for 12 months or more | Looked after on 31 March and continuously since 31
March a year before (the SSDA903 OC2 group).

Health assessment up to date | The next review health assessment (every 6 months under 5,
every 12 months from 5) was not overdue on 31 March.

Dental check | A dental check in the 12 months to 31 March. Immunisations: the latest
record says they are up to date.

Strengths and Difficulties Questionnaire | For children aged 4 to 16, a score in the 12
months to 31 March; the average is of each child's latest score.
"""),
    ),
    SectionDef(
        "education",
        "Education",
        wellbeing.education,
        _definitions("""
Personal Education Plan (PEP) | For looked-after children aged 3 or over. The first is due
within 10 working days of the child starting to be looked after, then reviewed each term.

PEP up to date | On 31 March, a PEP held and its review not overdue, or the first PEP not
yet due.

Quality | The IRO's judgement of each PEP held in the year (good, requires improvement,
inadequate), where made.
"""),
    ),
    SectionDef(
        "legal_status",
        "Legal status",
        wellbeing.legal_status,
        _definitions("""
Legal status | SSDA903 legal status of each child's episode open on 31 March (the latest if
two). Care order C2; interim care order C1; placement order E1, D1; section 20 V2; youth
justice J1 to J3; emergency L1 to L3.
"""),
    ),
    SectionDef(
        "legal_proceedings",
        "Care proceedings",
        wellbeing.legal_proceedings,
        _definitions("""
Care proceedings | Counted by set of proceedings, as the courts count them: one set may
concern several children. Issued: issued in the year. Rate per 10,000: sets issued ÷ the
authority's population aged 0 to 17 × 10,000.

Concluded | Decided in the year (a final order, or withdrawn). Length: weeks from issue to
conclusion, averaged over the sets concluded; within 26 weeks as the Children and Families
Act 2014 requires.

IRO's contribution | The date the IRO contributed to the final care plan is recorded.

Legal status to discuss | On 31 March: children accommodated under section 20 for more than
6 months, and children with a placement order not placed for adoption after 12 months (seed
report §7.4). Each is discussed with the social work team before the child's next review.
"""),
    ),
    SectionDef(
        "placements",
        "Where our children live",
        care.placements,
        _definitions("""
Placement | SSDA903 placement type of each child's episode open on 31 March. Foster U1 to
U6; homes and hostels H5, K3, P2; residential K1, K2, R1, R3, R5; with parents P1; for
adoption A3 to A6; temporary move T0 to T4; residential school S1; NHS or health R2.
"""),
    ),
    SectionDef(
        "placement_stability",
        "Placement stability",
        wellbeing.placement_stability,
        _definitions("""
Three or more placements | Children looked after on 31 March with three or more placements
in the 12 months to 31 March (the Department for Education's short-term stability measure).

Same placement for 2 years or more | Children under 16 on 31 March looked after for 2½ years
or more, in the same placement for 2 years or more, or placed for adoption after their
previous placement (the Department for Education's long-term stability measure).

Placement moves | Changes of placement in the year (SSDA903 reasons for a new episode P, B,
T and U), and the children who moved.
"""),
    ),
    SectionDef(
        "leaving_care",
        "Children leaving care",
        care.leaving_care,
        _definitions("""
Left care | Periods of care whose last episode ended in the year, by the reason it ended
(SSDA903 REC). A child who left care twice is counted twice.

Aged 18 or over | Age on the day care ended.

Formal arrangements | Left aged 18 or over to stay put (E17), to independent living with
formal support (E5) or to adult social care (E7), as a percentage of those aged 18 or over.

Staying put | Left aged 18 or over and stayed with their foster carers (E17), as a
percentage of those aged 18 or over.

18+ group | Reasons E17, E5, E6 and E7, whatever the age; the figures above count by age.
"""),
    ),
    SectionDef(
        "quality_assurance",
        "Quality assurance of reviews",
        oversight.quality_assurance,
        _definitions("""
Outcome record | The IRO's record of a review held in the year, with their quality-assurance
judgements (never shown in the letter to the child).

Up to date (%) | Reviews where the IRO judged the health assessment, or the Personal
Education Plan, up to date, as a percentage of those judged yes or no (not applicable left
out).

Care plan judged good (%) | Of the care plans rated good, requires improvement or inadequate
(not seen left out).

Within the timescale | The letter to the child sent, and the review decisions and the record
of the review circulated, by their due dates (the timescales are listed). Not yet due: not
done and still in time on the day the report was produced; left out of the percentage.
"""),
    ),
    SectionDef(
        "issues_resolution",
        "Issues resolution",
        oversight.issues_resolution,
        _definitions("""
Issues raised | Issues IROs raised in the year under the local resolution protocol (IRO
Handbook chapter 6): informal first, then formal through its stages. By theme and by the
highest stage reached.

Resolved within 20 working days | Formal issues whose resolution was recorded within 20
working days of the formal start, as a percentage of the formal issues raised in the year
and resolved. Over 20 working days: resolved later, or still open after 20 working days.

Cafcass referrals | Referrals to Cafcass made in the year.

Documents in time | Reviews held in the year (booked in IRO Tracker) whose care plan and
pre-meeting report both reached the IRO at least 3 working days before the meeting.

Review cycle | The time from one review to the next in the same period of care, counted in
the year of its closing review. It should have a midway meeting, and, for a child aged 5 or
over, the IRO's contact with the child between the two reviews.
"""),
    ),
    SectionDef(PRIORITIES, "Looking back and looking forward", None),
)

SECTION_KEYS = tuple(s.key for s in SECTIONS)
SECTION_TITLES = {s.key: s.title for s in SECTIONS}


def report_title(year: int) -> str:
    return f"Independent Reviewing Officer (IRO) annual report {year_label(year)}"


def period_label(year: int) -> str:
    return f"April {year} to March {year + 1}"


def build_sections(data: dict[str, Any], narratives: dict[str, str] | None = None) -> list[Section]:
    """Every section of the report for ``data`` (``document.report_data``), numbered."""
    narratives = narratives or {}
    ctx = Context(data)
    sections = []
    for number, definition in enumerate(SECTIONS, start=1):
        section = Section(
            key=definition.key,
            number=number,
            title=definition.title,
            narrative=narratives.get(definition.key, ""),
            definitions=list(definition.definitions),
        )
        if definition.build is not None:
            definition.build(ctx, section)
        sections.append(section)
    return sections
