"""SSDA903 code lists and the unit's own lists, versioned by collection year.

A collection year is named by the year it starts: 2018 means 2018-19 (1 Apr 2018 to
31 Mar 2019). Codes are never deleted: a code the DfE drops gets a ``valid_to`` so that
older records still display and validate against the year they were collected in.

Meanings come from /work/shared/domain/ssda903-reference.md section 2.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

VALID = "valid"
RETIRED = "retired"
NOT_YET = "not_yet"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Code:
    code: str
    label: str
    valid_from: int | None = None  # first collection year valid
    valid_to: int | None = None  # last collection year valid (inclusive); None = current


class CodeList:
    """An ordered, versioned list of codes (one SSDA903 field or one local list)."""

    def __init__(self, name: str, codes: Iterable[Code]):
        self.name = name
        self._codes: dict[str, Code] = {}
        for item in codes:
            if item.code in self._codes:
                raise ValueError(f"{name}: duplicate code {item.code!r}")
            self._codes[item.code] = item

    def __repr__(self) -> str:
        return f"<CodeList {self.name} ({len(self._codes)} codes)>"

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._codes

    def __iter__(self) -> Iterator[Code]:
        return iter(self._codes.values())

    def __len__(self) -> int:
        return len(self._codes)

    def get(self, code: str) -> Code | None:
        """The Code for ``code``, or None if the list has never held it."""
        return self._codes.get(code)

    def choices(self) -> list[tuple[str, str]]:
        """Every code ever in the list as Django choices ``(code, "CODE: label")``.

        Retired codes stay in so that old records still render; forms restrict by year.
        """
        return [(c.code, f"{c.code}: {c.label}") for c in self._codes.values()]

    def label(self, code: str) -> str:
        """The code's label, or the code itself if the list does not know it."""
        item = self._codes.get(code)
        return item.label if item else code

    def status(self, code: str, year: int | None = None) -> str:
        """``"valid"``, ``"retired"``, ``"not_yet"`` or ``"unknown"`` for a collection year.

        With ``year=None`` any known code is ``"valid"`` (it was valid in some year).
        """
        item = self._codes.get(code) if isinstance(code, str) else None
        if item is None:
            return UNKNOWN
        if year is None:
            return VALID
        if item.valid_from is not None and year < item.valid_from:
            return NOT_YET
        if item.valid_to is not None and year > item.valid_to:
            return RETIRED
        return VALID

    def is_valid(self, code: str, year: int | None = None) -> bool:
        """True if ``code`` is valid in collection ``year`` (any year if None)."""
        return self.status(code, year) == VALID

    def codes(self, year: int | None = None) -> list[str]:
        """The codes valid in collection ``year``, in list order (all codes if None)."""
        return [c for c in self._codes if self.is_valid(c, year)]


def _plain(name: str, pairs: Iterable[tuple[str, str]]) -> CodeList:
    return CodeList(name, (Code(code, label) for code, label in pairs))


SEX = CodeList(
    "SEX",
    [
        # 2024-25 replaced 1/2 with M/F/U (validator rule 101).
        Code("1", "Male", valid_to=2023),
        Code("2", "Female", valid_to=2023),
        Code("M", "Male", valid_from=2024),
        Code("F", "Female", valid_from=2024),
        Code("U", "Unknown", valid_from=2024),
    ],
)

ETHNICITY = _plain(
    "ETHNIC",
    [
        ("WBRI", "White British"),
        ("WIRI", "White Irish"),
        ("WOTH", "Any other White background"),
        ("WIRT", "Traveller of Irish heritage"),
        ("WROM", "Gypsy/Roma"),
        ("MWBC", "White and Black Caribbean"),
        ("MWBA", "White and Black African"),
        ("MWAS", "White and Asian"),
        ("MOTH", "Any other Mixed background"),
        ("AIND", "Indian"),
        ("APKN", "Pakistani"),
        ("ABAN", "Bangladeshi"),
        ("AOTH", "Any other Asian background"),
        ("BCRB", "Caribbean"),
        ("BAFR", "African"),
        ("BOTH", "Any other Black background"),
        ("CHNE", "Chinese"),
        ("OOTH", "Any other ethnic group"),
        ("REFU", "Refused"),
        ("NOBT", "Information not yet obtained"),
    ],
)

LEGAL_STATUS = _plain(
    "LS",
    [
        ("C1", "Interim care order"),
        ("C2", "Full care order"),
        ("D1", "Freeing order granted"),
        ("E1", "Placement order granted"),
        ("V2", "Single period of accommodation under section 20"),
        ("V3", "Agreed series of short-term breaks (individual episodes recorded)"),
        ("V4", "Agreed series of short-term breaks (agreements recorded)"),
        ("J1", "Remanded to LA or youth detention accommodation"),
        ("J2", "Placed in LA accommodation under PACE"),
        ("J3", "Youth rehabilitation order with residence or fostering requirement"),
        ("L1", "Under police protection and in LA accommodation"),
        ("L2", "Emergency protection order"),
        ("L3", "Child assessment order and in LA accommodation"),
    ],
)

RNE = _plain(
    "RNE",
    [
        ("S", "Started to be looked after"),
        ("L", "Change of legal status only"),
        ("P", "Change of placement and carer(s) only"),
        ("T", "Change of placement (same carer(s)) only"),
        ("B", "Change of legal status and of placement and carer(s)"),
        ("U", "Change of legal status and of placement (same carer(s))"),
    ],
)

CIN = _plain(
    "CIN",
    [
        ("N1", "Abuse or neglect"),
        ("N2", "Child's disability"),
        ("N3", "Parental illness or disability"),
        ("N4", "Family in acute stress"),
        ("N5", "Family dysfunction"),
        ("N6", "Socially unacceptable behaviour"),
        ("N7", "Low income"),
        ("N8", "Absent parenting"),
    ],
)

PLACEMENT = CodeList(
    "PLACE",
    [
        Code("A3", "Placed for adoption with consent, with current foster carer(s)"),
        Code("A4", "Placed for adoption with consent, not with current foster carer(s)"),
        Code("A5", "Placed for adoption with placement order, with current foster carer(s)"),
        Code("A6", "Placed for adoption with placement order, not with current foster carer(s)"),
        Code("H5", "Semi-independent living accommodation", valid_to=2023),
        Code("K1", "Secure children's home"),
        Code("K2", "Children's home subject to Children's Homes Regulations"),
        Code("K3", "Registered supported accommodation", valid_from=2023),
        Code("P1", "Placed with own parent(s) or other person(s) with parental responsibility"),
        # Invalid from 28 Oct 2023, part-way through 2023-24: a code that cannot be used
        # for the whole year is treated as retired for that year.
        Code("P2", "Independent living", valid_to=2022),
        Code("P3", "Residential employment"),
        Code("R1", "Residential care home"),
        Code("R2", "NHS/health trust or other medical or nursing care establishment"),
        Code("R3", "Family centre or mother and baby unit"),
        Code("R5", "Young offender institution"),
        Code("S1", "Residential school (not dual-registered as a children's home)"),
        Code("T0", "Temporary move (any type)"),
        Code("T1", "Temporary period in hospital"),
        Code("T2", "Temporary absence on holiday"),
        Code("T3", "Temporary accommodation while normal foster carer(s) on holiday"),
        Code("T4", "Temporary accommodation of seven days or less, other reason"),
        Code("U1", "Foster placement with relative(s) or friend(s), long-term"),
        Code("U2", "Foster placement with relative(s) or friend(s), FFA or concurrent"),
        Code("U3", "Foster placement with relative(s) or friend(s), other"),
        Code("U4", "Foster placement with other foster carer(s), long-term"),
        Code("U5", "Foster placement with other foster carer(s), FFA or concurrent"),
        Code("U6", "Foster placement with other foster carer(s), other"),
        Code("Z1", "Other placement", valid_to=2024),
        # The DfE descriptions of Z11-Z14 were not found; replace these labels once known.
        Code("Z11", "Other placement (Z11)", valid_from=2025),
        Code("Z12", "Other placement (Z12)", valid_from=2025),
        Code("Z13", "Other placement (Z13)", valid_from=2025),
        Code("Z14", "Other placement (Z14)", valid_from=2025),
    ],
)

PLACEMENT_PROVIDER = _plain(
    "PLACE_PROVIDER",
    [
        ("PR0", "Parent(s) or other person(s) with parental responsibility"),
        ("PR1", "Own provision by the LA"),
        ("PR2", "Other LA provision"),
        ("PR3", "Other public provision"),
        ("PR4", "Private provision"),
        ("PR5", "Voluntary/third sector provision"),
    ],
)

REC = _plain(
    "REC",
    [
        ("X1", "Episode ceases and a new episode begins on the same day"),
        ("E11", "Adopted - application unopposed"),
        ("E12", "Adopted - consent dispensed with by the court"),
        ("E13", "Left care to live with parent(s), relative(s) or others with no PR"),
        ("E14", "Accommodation on remand ended"),
        ("E15", "Age assessment determined child is aged 18 or over"),
        ("E16", "Child moved abroad"),
        ("E17", "Aged 18 (or over) and remained with current carers"),
        ("E2", "Died"),
        ("E3", "Care taken over by another LA in the UK"),
        ("E41", "Residence order or child arrangements order granted"),
        ("E45", "SGO to former foster carer(s) who are relative(s) or friend(s)"),
        ("E46", "SGO to former foster carer(s) other than relative(s) or friend(s)"),
        ("E47", "SGO to other carer(s) who are relative(s) or friend(s)"),
        ("E48", "SGO to other carer(s) other than relative(s) or friend(s)"),
        ("E4A", "Returned home as part of the care planning process"),
        ("E4B", "Returned home not as part of the care planning process"),
        ("E5", "Moved into independent living with formal advice/support"),
        ("E6", "Moved into independent living without formal advice/support"),
        ("E7", "Transferred to residential care funded by adult social care"),
        ("E8", "Period of being looked after ceased for any other reason"),
        ("E9", "Sentenced to custody"),
    ],
)

REASON_PLACE_CHANGE = _plain(
    "REASON_PLACE_CHANGE",
    [
        ("CARPL", "Change to or implementation of the care plan"),
        ("CLOSE", "Resignation of carer or closure of provision"),
        ("ALLEG", "Allegation (s47)"),
        ("STAND", "Standards of care concern"),
        ("APPRR", "Approval removed"),
        ("CREQB", "Carer(s) request placement end due to child's behaviour"),
        ("CREQO", "Carer(s) request placement end, other reason"),
        ("CHILD", "Child requests placement end"),
        ("LAREQ", "Responsible/area authority requests placement end"),
        ("PLACE", "Change in the status of placement only"),
        ("CUSTOD", "Custody arrangement"),
        ("OTHER", "Other"),
    ],
)

PARTICIPATION = _plain(
    "REVIEW_CODE",
    [
        ("PN0", "Child under 4"),
        ("PN1", "Attended and spoke for themselves"),
        ("PN2", "Attended, advocate spoke for them"),
        ("PN3", "Attended, views conveyed non-verbally"),
        ("PN4", "Attended, did not contribute"),
        ("PN5", "Did not attend, briefed an advocate"),
        ("PN6", "Did not attend, views sent another way"),
        ("PN7", "Did not attend, views not conveyed"),
    ],
)

UPN_UNKNOWN = _plain(
    "UPN_UNKNOWN",
    [
        ("UN1", "Not of school age, no UPN yet"),
        ("UN2", "Never attended a maintained school in England"),
        ("UN3", "Educated outside England"),
        ("UN4", "Newly looked after, UPN not yet known"),
        ("UN5", "Sources disagree, cannot be matched reliably"),
    ],
)

# The unit's own reasons for a late review (RULES.md), not an SSDA903 field.
LATE_REASON = _plain(
    "LATE_REASON",
    [
        ("SCHEDULING", "Scheduling error"),
        ("BEST_INTERESTS", "In the child's best interests"),
        ("PARTY_UNAVAILABLE", "Essential party unable to attend"),
        ("TRAVEL", "Travel"),
        ("CAPACITY", "Unit capacity or reallocation"),
        ("PRACTICE", "Practice issues"),
        ("OTHER", "Other (give details)"),
    ],
)

MISSING_TYPE = _plain(
    "MISSING",
    [
        ("M", "Missing (whereabouts unknown)"),
        ("A", "Away from placement without authorisation (whereabouts known)"),
    ],
)

SDQ_REASON = _plain(
    "SDQ_REASON",
    [
        ("SDQ1", "Child under 4 or over 16 at latest assessment"),
        ("SDQ2", "Carer(s) refused"),
        ("SDQ3", "Not possible due to severity of disability"),
        ("SDQ4", "Other"),
        ("SDQ5", "Child or young person refuses"),
    ],
)

IN_TOUCH = _plain(
    "IN_TOUCH",
    [
        ("YES", "In touch"),
        ("NO", "Not in touch"),
        ("DIED", "Died after leaving care"),
        ("REFU", "Young person refuses contact"),
        ("NREQ", "Young person no longer requires services"),
        ("RHOM", "Returned home for 6 months or more"),
    ],
)

PREV_PERM = _plain(
    "PREV_PERM",
    [
        ("P1", "Adoption"),
        ("P2", "Special guardianship order"),
        ("P3", "Residence order or child arrangements order"),
        ("P4", "Unknown"),
        ("Z1", "No previous permanence option"),
    ],
)

REASON_PLACED_CEASED = _plain(
    "REASON_PLACED_CEASED",
    [
        ("RD1", "Child's needs changed"),
        ("RD2", "Court did not make a placement order"),
        ("RD3", "Prospective adopters could not be found"),
        ("RD4", "Any other reason"),
    ],
)

# The social-worker episodes table was new in 2023-24.
SW_REASON = CodeList(
    "SW_REASON",
    (
        Code(code, label, valid_from=2023)
        for code, label in [
            ("MANAGE", "Managing caseloads"),
            ("FCONTA", "First contact or re-referral"),
            ("LEFTRL", "Previous social worker left role"),
            ("ORGRST", "Organisational restructure"),
            ("TSPROC", "Transfer following standard process"),
            ("ABSENC", "Absence cover or return from absence"),
            ("CHCHAN", "Child requested change"),
            ("PCCHAN", "Parent/carer requested change"),
            ("SWDIED", "Previous social worker died"),
            ("OTHERS", "Other reason"),
        ]
    ),
)

SHORT_BREAK_LEGAL_STATUSES = frozenset({"V3", "V4"})
TEMPORARY_PLACEMENTS = frozenset({"T0", "T1", "T2", "T3", "T4"})
FOSTER_PLACEMENTS = frozenset({"U1", "U2", "U3", "U4", "U5", "U6"})
# PN0 (under 4) is outside the participation measure; PN7 counts as not participating.
PARTICIPATED = frozenset({"PN1", "PN2", "PN3", "PN4", "PN5", "PN6"})
PARTICIPATION_ELIGIBLE = PARTICIPATED | {"PN7"}
NOT_BME = frozenset({"WBRI"})
ETHNICITY_NOT_KNOWN = frozenset({"REFU", "NOBT"})
ADOPTED_REC = frozenset({"E11", "E12"})
CEASED_18_FORMAL = frozenset({"E17", "E5", "E7"})

_OLD_SEX = {"1": "M", "2": "F"}


def sex_code_for_year(code: str | int, year: int | None = None) -> str | None:
    """Normalise a SEX value from collection ``year`` to ``"M"``, ``"F"`` or ``"U"``.

    Older returns use 1/2, newer ones M/F/U. With a year, only the codes valid that year
    are accepted; with ``year=None`` either style is. Returns None for a value that is
    not a valid SEX code, so the caller can report it.
    """
    text = str(code).strip().upper()
    if not SEX.is_valid(text, year):
        return None
    return _OLD_SEX.get(text, text)
