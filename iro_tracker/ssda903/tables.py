"""The SSDA903 tables: exact DfE columns, keys, typed rows, and raw values -> rows.

Column lists and their order follow ssda903-reference.md §1.2 (the validator's
``config.column_names``). A file is recognised by its set of column headers, never by its
file name (§0.1): see :func:`identify_table`.

Row classes are frozen dataclasses whose fields are the DfE columns in lower case, plus
``source_file`` and ``source_row`` (keyword-only, excluded from equality so that the same
data read from two files compares equal; rows built from the database leave them empty).
Dates are ``datetime.date`` or ``None``; every other value is an upper-case, stripped
string, ``""`` when blank.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from iro_tracker.ssda903.problems import Reporter

# --- row classes -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class _Row:
    source_file: str = field(default="", compare=False)
    source_row: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Child(_Row):
    """A header row, merged with the child's UASC row (``uasc`` / ``duc``)."""

    child: str
    sex: str
    dob: date | None
    ethnic: str
    upn: str
    mother: str
    mc_dob: date | None
    uasc: bool = False
    duc: date | None = None


@dataclass(frozen=True, slots=True)
class Episode(_Row):
    child: str
    decom: date
    rne: str
    ls: str
    cin: str
    place: str
    place_provider: str
    dec: date | None
    rec: str
    reason_place_change: str
    home_post: str
    pl_post: str
    urn: str


@dataclass(frozen=True, slots=True)
class Review(_Row):
    child: str
    dob: date | None
    review: date
    review_code: str


@dataclass(frozen=True, slots=True)
class Uasc(_Row):
    """A uasc.csv row; the reader folds it into :class:`Child` (``uasc=True``, ``duc``)."""

    child: str
    sex: str
    dob: date | None
    duc: date | None


@dataclass(frozen=True, slots=True)
class Oc2(_Row):
    child: str
    dob: date | None
    sdq_score: str
    sdq_reason: str
    convicted: str
    health_check: str
    immunisations: str
    teeth_check: str
    health_assessment: str
    substance_misuse: str
    intervention_received: str
    intervention_offered: str


@dataclass(frozen=True, slots=True)
class Oc3(_Row):
    child: str
    dob: date | None
    in_touch: str
    activ: str
    accom: str


@dataclass(frozen=True, slots=True)
class Ad1(_Row):
    child: str
    dob: date | None
    date_int: date | None
    date_match: date | None
    foster_care: str
    nb_adoptr: str
    sex_adoptr: str
    ls_adoptr: str


@dataclass(frozen=True, slots=True)
class PlacedForAdoption(_Row):
    child: str
    dob: date | None
    date_placed: date
    date_placed_ceased: date | None
    reason_placed_ceased: str


@dataclass(frozen=True, slots=True)
class PreviousPermanence(_Row):
    """``date_perm`` stays a string: DfE allows partial dates ``zz/MM/YYYY`` here (§1.4)."""

    child: str
    dob: date | None
    prev_perm: str
    la_perm: str
    date_perm: str


@dataclass(frozen=True, slots=True)
class Missing(_Row):
    child: str
    dob: date | None
    missing: str
    mis_start: date
    mis_end: date | None


@dataclass(frozen=True, slots=True)
class SwEpisode(_Row):
    child: str
    dob: date | None
    sw_id: str
    sw_decom: date
    sw_dec: date | None
    sw_reason: str


@dataclass(frozen=True, slots=True)
class Dolo(_Row):
    child: str
    dob: date | None
    dolo_start: date
    dolo_end: date | None


# --- table specifications --------------------------------------------------------------


@dataclass(frozen=True)
class TableSpec:
    """One SSDA903 table.

    ``required``: columns a file must have (else ``E-MISSING-COLUMN``); the other DfE
    columns may be absent and read as blank, with a warning. ``key``: columns naming a
    row, never blank and unique within a year. ``key_rules``: the DfE rule cited when a
    key date is blank. ``numeric``: integer codes where a spreadsheet's ``1.0`` means
    ``1``. ``partial_dates``: dates that may be ``zz/mm/yyyy``. ``since``: first collection
    year of the table (None: long-standing).
    """

    name: str
    columns: tuple[str, ...]
    required: frozenset[str]
    key: tuple[str, ...]
    row_class: type
    dates: frozenset[str] = frozenset()
    partial_dates: frozenset[str] = frozenset()
    numeric: frozenset[str] = frozenset()
    key_rules: dict[str, str] = field(default_factory=dict)
    since: int | None = None

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    @property
    def fields(self) -> tuple[str, ...]:
        """Row-class field names, in column order."""
        return tuple(c.lower() for c in self.columns)


def _spec(name, columns, key, row_class, optional="DOB", **kwargs) -> TableSpec:
    cols = tuple(columns.split())
    sets = {k: frozenset(v.split()) for k, v in kwargs.items() if isinstance(v, str)}
    return TableSpec(
        name=name,
        columns=cols,
        required=frozenset(cols) - frozenset(optional.split()),
        key=tuple(key.split()),
        row_class=row_class,
        **{**kwargs, **sets},
    )


# One line per table, as in the reference's §1.2 table (a data table, so not reformatted).
# fmt: off
HEADER = _spec("header", "CHILD SEX DOB ETHNIC UPN MOTHER MC_DOB", "CHILD", Child,
               optional="UPN MOTHER MC_DOB", dates="DOB MC_DOB", numeric="SEX MOTHER")
# URN and the reason for placement change came later than the rest (§1.2): older extracts
# without them are still worth loading, so only the core columns are required.
EPISODES = _spec("episodes", "CHILD DECOM RNE LS CIN PLACE PLACE_PROVIDER DEC REC "
                 "REASON_PLACE_CHANGE HOME_POST PL_POST URN", "CHILD DECOM", Episode,
                 optional="PLACE_PROVIDER REASON_PLACE_CHANGE HOME_POST PL_POST URN",
                 dates="DECOM DEC", key_rules={"DECOM": "141"})
REVIEWS = _spec("reviews", "CHILD DOB REVIEW REVIEW_CODE", "CHILD REVIEW", Review,
                dates="DOB REVIEW", key_rules={"REVIEW": "166"})
UASC = _spec("uasc", "CHILD SEX DOB DUC", "CHILD", Uasc, optional="SEX DOB", dates="DOB DUC",
             numeric="SEX")
OC2 = _spec("oc2", "CHILD DOB SDQ_SCORE SDQ_REASON CONVICTED HEALTH_CHECK IMMUNISATIONS "
            "TEETH_CHECK HEALTH_ASSESSMENT SUBSTANCE_MISUSE INTERVENTION_RECEIVED "
            "INTERVENTION_OFFERED", "CHILD", Oc2, dates="DOB",
            numeric="SDQ_SCORE CONVICTED HEALTH_CHECK IMMUNISATIONS TEETH_CHECK "
            "HEALTH_ASSESSMENT SUBSTANCE_MISUSE INTERVENTION_RECEIVED INTERVENTION_OFFERED")
OC3 = _spec("oc3", "CHILD DOB IN_TOUCH ACTIV ACCOM", "CHILD", Oc3, dates="DOB")
AD1 = _spec("ad1", "CHILD DOB DATE_INT DATE_MATCH FOSTER_CARE NB_ADOPTR SEX_ADOPTR LS_ADOPTR",
            "CHILD", Ad1, dates="DOB DATE_INT DATE_MATCH", numeric="FOSTER_CARE NB_ADOPTR")
PLACED_FOR_ADOPTION = _spec("placed_for_adoption", "CHILD DOB DATE_PLACED DATE_PLACED_CEASED "
                            "REASON_PLACED_CEASED", "CHILD DATE_PLACED", PlacedForAdoption,
                            dates="DOB DATE_PLACED DATE_PLACED_CEASED",
                            key_rules={"DATE_PLACED": "115"})
PREVIOUS_PERMANENCE = _spec("previous_permanence", "CHILD DOB PREV_PERM LA_PERM DATE_PERM",
                            "CHILD", PreviousPermanence, dates="DOB", partial_dates="DATE_PERM")
MISSING = _spec("missing", "CHILD DOB MISSING MIS_START MIS_END", "CHILD MIS_START", Missing,
                dates="DOB MIS_START MIS_END", key_rules={"MIS_START": "1004"})
SW_EPISODES = _spec("sw_episodes", "CHILD DOB SW_ID SW_DECOM SW_DEC SW_REASON", "CHILD SW_DECOM",
                    SwEpisode, dates="DOB SW_DECOM SW_DEC", key_rules={"SW_DECOM": "SW04STG1"},
                    since=2023)
DOLO = _spec("dolo", "CHILD DOB DOLO_START DOLO_END", "CHILD DOLO_START", Dolo,
             dates="DOB DOLO_START DOLO_END", key_rules={"DOLO_START": "700"}, since=2026)

TABLES: tuple[TableSpec, ...] = (
    HEADER, EPISODES, REVIEWS, UASC, OC2, OC3, AD1, PLACED_FOR_ADOPTION,
    PREVIOUS_PERMANENCE, MISSING, SW_EPISODES, DOLO,
)
# fmt: on
BY_NAME: dict[str, TableSpec] = {spec.name: spec for spec in TABLES}


def normalise_header(name: str) -> str:
    """A column header as compared: trimmed, upper case, without a byte-order mark."""
    return name.strip().lstrip("\ufeff").strip().upper()


def identify_table(headers: Iterable[str]) -> tuple[TableSpec | None, list[str]]:
    """The table a file's column headers describe, and its extra (unknown) columns.

    A table matches when the headers hold all its required columns; among matches the
    one sharing most columns with the headers wins (a header file with an extra ``DUC``
    column is still the header table, not UASC). Headers are compared trimmed and
    case-insensitively. ``(None, [])`` when nothing matches.
    """
    names = [normalise_header(h) for h in headers]
    present = set(names)
    best, best_score = None, (0, 0)
    for spec in TABLES:
        if spec.required <= present:
            score = (len(present & set(spec.columns)), -len(set(spec.columns) - present))
            if best is None or score > best_score:
                best, best_score = spec, score
    if best is None:
        return None, []
    return best, [n for n in names if n not in best.columns]


def closest_table(headers: Iterable[str]) -> tuple[TableSpec | None, list[str]]:
    """For headers no table matches: the table they most resemble and its missing
    required columns. CHILD and DOB, in nearly every table, do not count, so headers of
    random text resemble nothing: ``(None, [])``."""
    names = {normalise_header(h) for h in headers}
    present = names - {"CHILD", "DOB"}
    spec = max(TABLES, key=lambda s: len(present & set(s.columns)))  # first wins a tie
    if not present & set(spec.columns):
        return None, []
    return spec, [c for c in spec.columns if c in spec.required and c not in names]


# --- raw values -> rows ----------------------------------------------------------------

MAX_FIELD = 255  # no 903 value comes near; longer means a broken file, not data
_CODE, _DATE, _PARTIAL, _NUMERIC = range(4)
_PARTIAL_DATE = re.compile(r"ZZ/\d\d/\d{4}|ZZ/ZZ/\d{4}|ZZ/ZZ/ZZZZ")
_MISS = object()
_SEEN_LIMIT = 1_000_000  # per kind of column: bounds the memory unique postcodes can take


def value_caches() -> tuple[dict, ...]:
    """Typed values by kind of column, keyed by the raw cell, for parsers to share.

    Most cells repeat (codes, dates, a child's ID in every table), so one dict lookup
    replaces strip, upper and date parsing, and equal values share one object, which keeps
    a national year's rows small in memory. Only values that raised no problem are kept,
    so every bad cell is still reported. Share one set across a read, not a process.
    """
    return ({}, {}, {}, {})


def parse_date(text: str) -> date | None:
    """A ``dd/mm/yyyy`` string as a date; None for anything else (ISO, 2-digit years...)."""
    # Character checks rather than a regex: this runs for every new date of a national file.
    if len(text) != 10 or text[2] != "/" or text[5] != "/" or not text.isascii():
        return None
    day, month, year = text[:2], text[3:5], text[6:]
    if not (day.isdigit() and month.isdigit() and year.isdigit()):
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def format_date(value: date | None) -> str:
    """A date as the 903 writes it (``dd/mm/yyyy``); ``""`` for None."""
    return "" if value is None else f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def _date_trouble(text: str) -> str:
    if re.match(r"\d{4}-\d\d-\d\d", text):
        return "is in yyyy-mm-dd (ISO) form; the 903 uses dd/mm/yyyy"
    if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{2}", text):
        return "has a two-digit year; write dates as dd/mm/yyyy"
    if re.fullmatch(r"\d\d/\d\d/\d{4}", text):
        return "is not a real date"
    return "is not a date in dd/mm/yyyy form"


class RowParser:
    """Types one table's raw values (strings in ``spec.columns`` order) into rows.

    Shared by the CSV and XML readers, so both report the same problems the same way.
    """

    def __init__(self, spec: TableSpec, report: Reporter, caches: tuple[dict, ...] | None = None):
        self.spec, self.report, self.cls = spec, report, spec.row_class
        caches = caches or value_caches()
        kinds = {**dict.fromkeys(spec.numeric, _NUMERIC), **dict.fromkeys(spec.dates, _DATE)}
        kinds.update(dict.fromkeys(spec.partial_dates, _PARTIAL))
        self.kinds = tuple(kinds.get(c, _CODE) for c in spec.columns)
        self.seen = tuple(caches[kind] for kind in self.kinds)
        self.key_index = tuple(spec.columns.index(c) for c in spec.key)

    def parse(self, values: list[str], row: int):
        """The typed row, or None when a key value is blank or unreadable."""
        out = [seen.get(raw, _MISS) for seen, raw in zip(self.seen, values, strict=True)]
        if _MISS in out:
            for i, value in enumerate(out):
                if value is _MISS:
                    out[i] = self._convert(i, values[i], row, values)
        for i in self.key_index:
            if not out[i]:
                column = self.spec.columns[i]
                if not values[i].strip():  # an unreadable value was reported already
                    message = f"{column} is blank, but it identifies the {self.spec.name} row"
                    rule = self.spec.key_rules.get(column, "E-MISSING-VALUE")
                    self.report.error(rule, message, row, column, "", out[0])
                return None
        return self.cls(*out, source_file=self.report.file, source_row=row)

    def _convert(self, i: int, raw: str, row: int, values: list[str]):
        """A cell not seen before: check it, report it, remember it if it was fine."""
        column, kind = self.spec.columns[i], self.kinds[i]
        v = raw.strip() if kind == _DATE else raw.strip().upper()
        if len(raw) > MAX_FIELD:  # before stripping: 300 blanks are a broken file too
            problem = "E-TOO-LONG", f"{column} is {len(raw):,} characters long"
        else:
            problem = self._problem(column, kind, v) if v and kind != _CODE else None
        if problem is None:
            value = (parse_date(v) if v else None) if kind == _DATE else v
            if len(self.seen[i]) > _SEEN_LIMIT:
                self.seen[i].clear()
            self.seen[i][raw] = value
            return value
        rule, message = problem
        child = values[0].strip().upper()
        if rule == "W-DECIMAL":
            self.report.warning(rule, message, row, column, v, child)
            return v[:-2]
        self.report.error(rule, message, row, column, v, child)
        return None if kind == _DATE else ""

    @staticmethod
    def _problem(column: str, kind: int, v: str) -> tuple[str, str] | None:
        """The rule and message for an unusual cell, or None if it is fine."""
        if kind == _DATE and parse_date(v) is None:
            return "E-DATE", f"{column} {v!r} {_date_trouble(v)}"
        if kind == _NUMERIC and v.endswith(".0") and v[:-2].isdigit():
            # A spreadsheet round trip writes 1 as 1.0 (cs-demand-model's MOTHER).
            return "W-DECIMAL", f"{column} {v!r} read as {v[:-2]!r}"
        if kind == _PARTIAL and not parse_date(v) and not _PARTIAL_DATE.fullmatch(v):
            return (
                "E-DATE",
                f"{column} {v!r} is not dd/mm/yyyy, zz/mm/yyyy, zz/zz/yyyy or zz/zz/zzzz",
            )
        return None


def show(value) -> str:
    """A row value as the report shows it (dates as dd/mm/yyyy)."""
    return format_date(value) if isinstance(value, date) else str(value or "")
