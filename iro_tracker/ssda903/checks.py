"""Data-quality findings on SSDA903 data: kept and imported, never blocking (``--strict``
turns them into errors).

Rules carry the DfE number from ssda903-reference.md (§3, appendix A) where one exists;
``INTnn`` are the validator's internal consistency checks; ``Q-`` rules are IRO Tracker's
own (the DfE set has no check that a review falls inside a period of care, §3.2).

* :func:`check_year`: one collection year: code lists as they stood that year, dates
  against the year, consistency between tables, then :func:`check_child` for each child.
* :func:`check_child`: one child's episodes and reviews, from one year or merged from
  several (the loader calls it on merged data).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from iro_tracker.rules import codes
from iro_tracker.rules.calendar import add_months
from iro_tracker.rules.periods import is_short_break, periods_of_care, short_break_series
from iro_tracker.ssda903.problems import Problem, ProblemList, Reporter
from iro_tracker.ssda903.reader import CollectionYear
from iro_tracker.ssda903.tables import Child, Episode, Review, show

EARLIEST_DECOM = date(1991, 10, 14)  # rule 353: the Children Act 1989 came into force
CEASED = frozenset(c.code for c in codes.REC if c.code != "X1")
CONTINUATION_RNE = frozenset({"L", "P", "T", "B", "U"})
ADOPTED = codes.ADOPTED_REC
SGO = frozenset({"E45", "E46", "E47", "E48"})
YOUTH_JUSTICE = frozenset({"J1", "J2", "J3"})

# (attribute of CollectionYear, field, code list, rule, blank allowed) per §2 and §3.
CODE_RULES = (
    ("children", "sex", codes.SEX, "101", False),
    ("children", "ethnic", codes.ETHNICITY, "103", False),
    ("episodes", "rne", codes.RNE, "143", False),
    ("episodes", "ls", codes.LEGAL_STATUS, "144", False),
    ("episodes", "cin", codes.CIN, "145", False),
    ("episodes", "place", codes.PLACEMENT, "146", False),
    ("episodes", "rec", codes.REC, "149", True),  # blank while the episode is open (148)
    ("episodes", "place_provider", codes.PLACEMENT_PROVIDER, "178", True),
    ("episodes", "reason_place_change", codes.REASON_PLACE_CHANGE, "1009", True),
    ("reviews", "review_code", codes.PARTICIPATION, "167", False),
    ("oc2", "sdq_reason", codes.SDQ_REASON, "196", True),
    ("oc3", "in_touch", codes.IN_TOUCH, "131", False),
    ("placed_for_adoption", "reason_placed_ceased", codes.REASON_PLACED_CEASED, "120", True),
    ("previous_permanence", "prev_perm", codes.PREV_PERM, "631", True),
    ("missing", "missing", codes.MISSING_TYPE, "1006", True),
    ("sw_episodes", "sw_reason", codes.SW_REASON, "SW13STG1", True),
)
# Validator internal checks: a child-level table's DOB differs from the header's.
DOB_RULES = (
    ("ad1", "INT11"),
    ("placed_for_adoption", "INT12"),
    ("missing", "INT13"),
    ("oc2", "INT14"),
    ("oc3", "INT15"),
    ("previous_permanence", "INT16"),
    ("reviews", "INT17"),
)


def _years(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02d}"


def _finding(problems: list[Problem], row, rule: str, column: str, value, message: str) -> None:
    Reporter(problems, row.source_file).finding(
        rule, message, row.source_row or None, column, show(value), row.child
    )


def _birthday(dob: date, age: int) -> date:
    # Through the project's month arithmetic: a 29 February birthday falls on 28 February,
    # as pandas' DateOffset(years=n) does in the DfE validator.
    return add_months(dob, 12 * age)


def code_problem(codelist: codes.CodeList, code: str, year: int | None) -> str | None:
    """Why ``code`` is not valid in collection ``year`` (None when it is valid)."""
    status = codelist.status(code, year)
    if status == codes.VALID:
        return None
    name = codelist.name
    if not code:
        return f"{name} is blank"
    item = codelist.get(code)
    if status == codes.RETIRED and item is not None and item.valid_to is not None:
        return f"{name} {code} was last valid in {_years(item.valid_to)}, not {_years(year)}"
    if status == codes.NOT_YET and item is not None and item.valid_from is not None:
        return f"{name} {code} is valid from {_years(item.valid_from)}, not {_years(year)}"
    return f"{code!r} is not a {name} code"


def check_codes(cy: CollectionYear) -> list[Problem]:
    """Unknown codes, and codes retired or not yet valid in the collection year."""
    found: list[Problem] = []
    for table, name, codelist, rule, blank_ok in CODE_RULES:
        for row in getattr(cy, table):
            code = getattr(row, name)
            if code or not blank_ok:
                message = code_problem(codelist, code, cy.year)
                if message:
                    _finding(found, row, rule, name.upper(), code, message)
    return found


def check_year_dates(cy: CollectionYear) -> list[Problem]:
    """Dates against the collection year (301, 354, 385, Q-REVIEW-YEAR) and DOBs that
    differ between the header and the other tables (INT11-INT17)."""
    found: list[Problem] = []
    start, end, label = cy.start, cy.end, _years(cy.year) if cy.year else ""
    if end is None:
        return found
    dobs = {c.child: c.dob for c in cy.children}
    for child in cy.children:
        if child.dob and child.dob > end:
            _finding(found, child, "301", "DOB", child.dob, f"DOB is after {label} ended")
    for e in cy.episodes:
        if e.decom > end:
            _finding(found, e, "354", "DECOM", e.decom, f"the episode starts after {label} ended")
        if e.dec and e.dec > end:
            message = f"DEC must be on or before the end of {label} ({show(end)})"
            _finding(found, e, "385", "DEC", e.dec, message)
    for r in cy.reviews:
        if not start <= r.review <= end:
            message = f"a review in the {label} return is dated outside {label}"
            _finding(found, r, "Q-REVIEW-YEAR", "REVIEW", r.review, message)
    for table, rule in DOB_RULES:
        for row in getattr(cy, table):
            header_dob = dobs.get(row.child)
            if row.dob and header_dob and row.dob != header_dob:
                message = f"DOB differs from the header's {show(header_dob)}"
                _finding(found, row, rule, "DOB", row.dob, message)
    return found


def check_year(cy: CollectionYear) -> list[Problem]:
    """All findings for one collection year (see the module docstring)."""
    if cy.year is None:
        return []
    found = ProblemList(check_codes(cy) + check_year_dates(cy))
    episodes: dict[str, list[Episode]] = defaultdict(list)
    reviews: dict[str, list[Review]] = defaultdict(list)
    for e in cy.episodes:
        episodes[e.child].append(e)
    for r in cy.reviews:
        reviews[r.child].append(r)
    for child in cy.children:
        mine = episodes.get(child.child, ()), reviews.get(child.child, ())
        found.extend(check_child(child, *mine, first_year=cy.year))
    return found


def check_child(
    child: Child,
    episodes: Iterable[Episode],
    reviews: Iterable[Review],
    *,
    first_year: int | None = None,
) -> list[Problem]:
    """Findings on one child's episodes and reviews (one year's or merged years').

    ``first_year``: the earliest collection year the episodes come from. Rule 357 (first
    ever episode must be RNE S) only applies to an episode starting in or after it: an
    earlier one may continue episodes from years not loaded. None skips rule 357.
    """
    found: list[Problem] = []
    eps = sorted(episodes, key=lambda e: (e.decom, e.dec or date.max))
    _episode_rules(found, child, eps, first_year)
    _sequence_rules(found, eps)
    _review_rules(found, child, eps, list(reviews))
    if child.uasc and child.duc and child.dob and child.duc > _birthday(child.dob, 18):
        message = "UASC status must cease on or before the 18th birthday"
        _finding(found, child, "304", "DUC", child.duc, message)
    return found


def _episode_rules(found: list, child: Child, eps: Sequence[Episode], first_year) -> None:
    dob = child.dob
    for e in eps:
        if e.decom < EARLIEST_DECOM:
            _finding(found, e, "353", "DECOM", e.decom, "no episode can start before 14/10/1991")
        if e.dec and e.dec < e.decom:
            _finding(found, e, "356", "DEC", e.dec, "the episode ceased before it started")
        elif e.dec and e.dec == e.decom:
            _finding(found, e, "355", "DEC", e.dec, "the episode lasted less than 24 hours")
        if e.dec is None and e.rec:
            message = f"REC {e.rec} is given but DEC is blank: both, or neither"
            _finding(found, e, "148", "DEC", "", message)
        elif e.dec and not e.rec:
            message = "DEC is given but REC is blank: both, or neither"
            _finding(found, e, "148", "REC", "", message)
        if dob is None:
            continue
        if e.rne == "S" and e.decom >= _birthday(dob, 18):
            _finding(found, e, "352", "RNE", e.rne, "child started to be looked after aged 18+")
        if e.ls in YOUTH_JUSTICE and e.decom < _birthday(dob, 10):
            _finding(found, e, "358", "LS", e.ls, f"legal status {e.ls} for a child under 10")
        if e.dec:
            _rec_age_rules(found, e, dob)
    if eps and dob and eps[0].decom < dob:
        _finding(found, eps[0], "302", "DECOM", eps[0].decom, "first episode starts before DOB")
    if eps and first_year is not None and eps[0].decom >= date(first_year, 4, 1):
        if eps[0].rne != "S":
            message = "the child's first episode must have RNE S (started to be looked after)"
            _finding(found, eps[0], "357", "RNE", eps[0].rne, message)


def _rec_age_rules(found: list, e: Episode, dob: date) -> None:
    # Reason ceased against age at DEC (§2.6): 386, 387, 389, 407, 460.
    adult = e.dec >= _birthday(dob, 18)
    if e.rec in ADOPTED and adult:
        _finding(found, e, "386", "REC", e.rec, "adopted, but the child had reached 18")
    elif e.rec in SGO and adult:
        _finding(found, e, "407", "REC", e.rec, "special guardianship order at 18 or over")
    elif e.rec == "E17" and not adult:
        _finding(found, e, "460", "REC", e.rec, "stayed with carers at 18, but child under 18")
    elif e.rec in ("E5", "E6") and e.dec < _birthday(dob, 14):
        _finding(found, e, "387", "REC", e.rec, "moved to independent living under 14")
    elif e.rec == "E7" and e.dec < _birthday(dob, 16):
        _finding(found, e, "389", "REC", e.rec, "transferred to adult social care under 16")


def _sequence_rules(found: list, eps: Sequence[Episode]) -> None:
    """Rules between consecutive episodes: 142, 501, 388, 431, 432, 433, 437, 504."""
    for prev, cur in zip(eps, eps[1:], strict=False):
        since = f"the previous episode (DECOM {show(prev.decom)})"
        if prev.dec is None:
            message = f"a new episode started but {since} has not ended"
            _finding(found, cur, "142", "DECOM", cur.decom, message)
        elif cur.decom < prev.dec:
            message = f"the episode overlaps {since}, which ended {show(prev.dec)}"
            _finding(found, cur, "501", "DECOM", cur.decom, message)
        if prev.dec and prev.rec == "X1" and cur.decom != prev.dec:
            message = f"REC X1 (a new episode begins) but the next starts on {show(cur.decom)}"
            _finding(found, prev, "388", "REC", prev.rec, message)
        elif prev.dec and prev.rec in CEASED and cur.decom == prev.dec:
            message = "the next episode starts the day this one ended, so REC should be X1"
            _finding(found, prev, "388", "REC", prev.rec, message)
        if prev.rec in CEASED and cur.rne != "S":
            message = f"{since} ended the period of care ({prev.rec}), so RNE must be S"
            _finding(found, cur, "432", "RNE", cur.rne, message)
        elif cur.rne in CONTINUATION_RNE and prev.dec and cur.decom != prev.dec:
            message = f"RNE {cur.rne} continues a period, but {since} ended {show(prev.dec)}"
            _finding(found, cur, "433", "DECOM", cur.decom, message)
        if cur.rne == "S" and prev.dec == cur.decom:
            message = f"RNE S (started to be looked after) but {since} ended the same day"
            _finding(found, cur, "431", "RNE", cur.rne, message)
        if prev.rec == "X1" and prev.dec == cur.decom and cur.cin != prev.cin:
            message = f"category of need changed from {prev.cin} within a period of care"
            _finding(found, cur, "504", "CIN", cur.cin, message)
        if prev.rec in ("E2", "E15"):
            message = f"REC {prev.rec} (died / found to be 18+) but further episodes follow"
            _finding(found, prev, "437", "REC", prev.rec, message)
    if eps and eps[-1].dec and eps[-1].rec == "X1":
        message = "REC X1 (a new episode begins) but no later episode was given"
        _finding(found, eps[-1], "388", "REC", "X1", message)


def _review_rules(found: list, child: Child, eps: Sequence[Episode], reviews: list) -> None:
    """440, 441 (participation code against age), 399 (short breaks only),
    Q-REVIEW-OUTSIDE (review date in no period of care)."""
    if child.dob:
        fourth = _birthday(child.dob, 4)
        for r in reviews:
            if r.review_code == "PN0" and r.review >= fourth:
                message = "PN0 means under 4, but the child was 4 or over at the review"
                _finding(found, r, "440", "REVIEW_CODE", r.review_code, message)
            elif (
                r.review_code in codes.PARTICIPATION
                and r.review_code != "PN0"
                and r.review < fourth
            ):
                message = (
                    f"{r.review_code} is for a child aged 4 or over, but the child was under 4"
                )
                _finding(found, r, "441", "REVIEW_CODE", r.review_code, message)
    if eps and all(is_short_break(e) for e in eps):
        message = "reviews, participation and MOTHER are not returned for short breaks only (V3/V4)"
        for r in reviews:
            _finding(found, r, "399", "REVIEW", r.review, message)
        if child.mother:
            _finding(found, child, "399", "MOTHER", child.mother, message)
        return
    spans = periods_of_care(eps) + short_break_series(eps)
    for r in reviews:
        if not any(p.contains(r.review) for p in spans):
            message = "the review is not within any period of care in the episodes given"
            _finding(found, r, "Q-REVIEW-OUTSIDE", "REVIEW", r.review, message)
