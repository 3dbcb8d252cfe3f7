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
from iro_tracker.reporting import figures_service as service
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
        "health",
        "Health",
        care.health,
        _definitions("""
Initial health assessment | Completed within 20 working days of the child starting to be
looked after, where recorded.
"""),
    ),
    SectionDef(
        "legal_status",
        "Legal status",
        care.legal_status,
        _definitions("""
Legal status | SSDA903 legal status of each child's episode open on 31 March (the latest if
two). Care order C2; interim care order C1; placement order E1, D1; section 20 V2; youth
justice J1 to J3; emergency L1 to L3.
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
        "issues_resolution",
        "Issues resolution",
        care.issues_resolution,
        _definitions("""
Issues resolution | Concerns raised formally by IROs under the local dispute resolution
protocol (IRO Handbook chapter 6), where recorded.
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
