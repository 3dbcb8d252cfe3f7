"""Read SSDA903 returns (CSV folders, CSV files, XML) into typed rows and problems.

Nothing here touches the database: the loader puts :class:`CollectionYear` rows into it in
one transaction, after the command has shown the problems. Reading never raises on bad
input; every defect becomes a :class:`~iro_tracker.ssda903.problems.Problem`.

How inputs become collection years (:func:`read_return`):

* a folder is one collection year, unless its files carry year prefixes
  (``2017-episodes.csv``, the cs-demand-model convention), when each prefix is a year;
* single CSV files given together are grouped by prefix (all one year without one);
* an XML file is one collection year.

The collection year (the year it starts: 2017 = 1 Apr 2017 to 31 Mar 2018) is ``year`` if
given, else the file-name prefix, else inferred from the latest episode start (DECOM): DfE
rule 354 says no episode may start after the collection year ends, and every return has
episodes starting in its year. DEC and REVIEW dates are not used because files hold some
past the year end (the validator's sample has DEC 01/04/2018 and reviews in 2030). With no
episodes the year cannot be inferred and ``year`` must be given.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from operator import attrgetter
from pathlib import Path

from iro_tracker.ssda903 import xml_reader
from iro_tracker.ssda903.problems import ProblemList, Reporter
from iro_tracker.ssda903.tables import (
    BY_NAME,
    Ad1,
    Child,
    Dolo,
    Episode,
    Missing,
    Oc2,
    Oc3,
    PlacedForAdoption,
    PreviousPermanence,
    Review,
    RowParser,
    SwEpisode,
    TableSpec,
    closest_table,
    identify_table,
    normalise_header,
    show,
    value_caches,
)

Progress = Callable[[str, int, int], None]

_PREFIX = re.compile(r"^(\d{4})[-_ ]")
_SPREADSHEETS = (".xlsx", ".xls", ".ods")
_SUFFIXES = (".csv", ".xml", ".txt", *_SPREADSHEETS)


@dataclass(frozen=True)
class SourceFile:
    """A file read for a collection year; ``table`` is "xml" for an XML return, "" for a
    file that could not be read."""

    path: Path
    name: str
    sha256: str
    table: str
    rows: int


@dataclass
class CollectionYear:
    """One collection year's return, parsed.

    ``year`` is None only when it could not be known (``problems`` says why).
    ``children`` are the header rows merged with the UASC table (``uasc``, ``duc``).
    """

    year: int | None
    year_source: str = ""  # "given", "file name" or "dates"
    sources: list[SourceFile] = field(default_factory=list)
    children: list[Child] = field(default_factory=list)
    episodes: list[Episode] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    oc2: list[Oc2] = field(default_factory=list)
    oc3: list[Oc3] = field(default_factory=list)
    ad1: list[Ad1] = field(default_factory=list)
    placed_for_adoption: list[PlacedForAdoption] = field(default_factory=list)
    previous_permanence: list[PreviousPermanence] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    sw_episodes: list[SwEpisode] = field(default_factory=list)
    dolo: list[Dolo] = field(default_factory=list)
    problems: ProblemList = field(default_factory=ProblemList)

    @property
    def start(self) -> date | None:
        return None if self.year is None else date(self.year, 4, 1)

    @property
    def end(self) -> date | None:
        return None if self.year is None else date(self.year + 1, 3, 31)


# --- one CSV file ----------------------------------------------------------------------


def _decode(data: bytes, report: Reporter) -> str | None:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        report.error("E-ENCODING", "the file is UTF-16: save it as CSV UTF-8")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start : exc.start + 1].hex()
        report.error("E-ENCODING", f"not UTF-8 (byte 0x{byte}): save it as CSV UTF-8", line)
        return None
    if "\x00" in text:
        report.error("E-ENCODING", "the file holds NUL bytes: it is not a CSV text file")
        return None
    return text


def _table_for(headers: list[str], report: Reporter) -> TableSpec | None:
    spec, extras = identify_table(headers)
    if spec is None:
        closest, missing = closest_table(headers)
        for column in missing:
            message = f"looks like the {closest.name} table but has no {column} column"
            report.error("E-MISSING-COLUMN", message, 1, column)
        if closest is None:
            shown = ", ".join(normalise_header(h) for h in headers[:6])[:100]
            report.error("E-UNKNOWN-TABLE", f"headers ({shown}) match no SSDA903 table", 1)
        return None
    names = [normalise_header(h) for h in headers]
    for name in extras:
        message = f"column {name or '(unnamed)'} is not a {spec.name} column: ignored"
        report.warning("W-EXTRA-COLUMN", message, 1, name)
    for name in spec.columns:
        if name not in names:
            report.warning("W-MISSING-COLUMN", f"column {name} is absent: read as blank", 1, name)
    twice = sorted({n for n in names if names.count(n) > 1})
    for name in twice:
        report.error("E-DUPLICATE-COLUMN", f"column {name} appears twice", 1, name)
    return None if twice else spec


def read_csv(data: bytes, report: Reporter, progress: Progress | None = None, caches=None):
    """One CSV file's ``(spec, rows)``, or None (with an error reported) if unreadable."""
    text = _decode(data, report)
    if text is None:
        return None
    total = text.count("\n")
    reader = csv.reader(io.StringIO(text, newline=""))
    row_no = 0
    try:
        for headers in reader:
            row_no += 1
            if any(h.strip() for h in headers):
                break
        else:
            report.error("E-EMPTY", "the file is empty")
            return None
        spec = _table_for(headers, report)
        if spec is None:
            return None
        names = [normalise_header(h) for h in headers]
        index = [names.index(c) if c in names else -1 for c in spec.columns]
        identity, width = names == list(spec.columns), len(names)
        parser, rows = RowParser(spec, report, caches), []
        for row in reader:
            row_no += 1
            if progress is not None and not row_no % 1000:
                progress(report.file, row_no, total)
            if len(row) != width:
                if not row:
                    continue  # blank line
                if len(row) < width or "".join(row[width:]).strip():
                    message = f"row has {len(row)} values but the header has {width} columns"
                    report.error("E-ROW-LENGTH", message, row_no)
                    continue
                row = row[:width]  # trailing empty cells, as spreadsheets write them
            if not row[0].strip() and not "".join(row).strip():
                continue  # a row of empty cells
            parsed = parser.parse(
                row if identity else [row[i] if i >= 0 else "" for i in index], row_no
            )
            if parsed is not None:
                rows.append(parsed)
    except csv.Error as exc:
        report.error("E-CSV", f"the CSV cannot be read from here on: {exc}", row_no + 1)
        return None
    if progress is not None:
        progress(report.file, row_no, total)
    return spec, rows


# --- one collection year ---------------------------------------------------------------


def dedupe(spec: TableSpec, rows: list, problems: list) -> list:
    """The rows with unique keys, in order. A repeat with the same values is dropped with a
    warning; a repeat with different values is an error (the import cannot know which to
    believe), reported on the first differing column."""
    key = attrgetter(*(c.lower() for c in spec.key))
    seen: dict = {}
    kept = []
    for row in rows:
        first = seen.setdefault(key(row), row)
        if first is row:
            kept.append(row)
            continue
        report = Reporter(problems, row.source_file)
        where = f"row {first.source_row}"
        if first.source_file != row.source_file:
            where += f" of {first.source_file}"
        keys = ", ".join(f"{c} {show(getattr(row, c.lower()))}" for c in spec.key)
        diff = [
            f.name
            for f in fields(row)
            if f.compare and getattr(first, f.name) != getattr(row, f.name)
        ]
        if not diff:
            message = f"same {spec.name} row as {where} ({keys}): ignored"
            report.warning("W-DUPLICATE", message, row.source_row, "", "", row.child)
            continue
        message = (
            f"{spec.name} row for {keys} is also {where}, "
            f"with a different {', '.join(d.upper() for d in diff)}"
        )
        value = show(getattr(row, diff[0]))
        report.error("E-DUPLICATE", message, row.source_row, diff[0].upper(), value, row.child)
    return kept


class _YearReader:
    """Reads the files of one collection year into typed rows."""

    def __init__(self, progress: Progress | None, caches: tuple[dict, ...]):
        self.progress, self.caches = progress, caches
        self.problems = ProblemList()
        self.rows: dict[str, list] = defaultdict(list)
        self.sources: list[SourceFile] = []
        self.first_file: dict[str, str] = {}

    def read_file(self, path: Path) -> None:
        report = Reporter(self.problems, path.name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            report.error("E-UNREADABLE", f"cannot read the file: {exc}")
            return
        digest = hashlib.sha256(data).hexdigest()
        if path.suffix.lower() in _SPREADSHEETS:
            report.error("E-UNREADABLE", "a spreadsheet: save each table as CSV UTF-8")
            self.sources.append(SourceFile(path, path.name, digest, "", 0))
            return
        if xml_reader.looks_like_xml(data):
            count = self._read_xml(data, path.name)
            self.sources.append(SourceFile(path, path.name, digest, "xml", count))
            return
        result = read_csv(data, report, self.progress, self.caches)
        spec, rows = result if result else (None, [])
        self.sources.append(
            SourceFile(path, path.name, digest, spec.name if spec else "", len(rows))
        )
        if spec is not None:
            first = self.first_file.setdefault(spec.name, path.name)
            if first != path.name:
                message = f"{first} and {path.name} both hold the {spec.name} table: rows combined"
                report.warning("W-SAME-TABLE", message)
            self.rows[spec.name].extend(rows)

    def _read_xml(self, data: bytes, file: str) -> int:
        report = Reporter(self.problems, file, unit="child")
        parsers: dict[str, RowParser] = {}
        before = sum(map(len, self.rows.values()))

        def emit(spec: TableSpec, n: int, values: list[str]) -> None:
            if spec.name not in parsers:
                parsers[spec.name] = RowParser(spec, report, self.caches)
            row = parsers[spec.name].parse(values, n)
            if row is not None:
                self.rows[spec.name].append(row)

        xml_reader.read_xml(data, report, emit, self.progress)
        return sum(map(len, self.rows.values())) - before

    def build(self, year: int | None, year_source: str) -> CollectionYear:
        """Deduplicate, check every row has a header row, fold UASC into the children."""
        rows = {name: dedupe(BY_NAME[name], r, self.problems) for name, r in self.rows.items()}
        children = {c.child: c for c in rows.pop("header", [])}
        has_header = "header" in self.rows
        for name, table_rows in rows.items():
            since = BY_NAME[name].since
            if since is not None and year is not None and year < since and table_rows:
                message = f"the {name} table starts in collection year {since}, not {year}"
                Reporter(self.problems, table_rows[0].source_file).warning("W-TABLE-YEAR", message)
            for row in table_rows if has_header else ():
                if row.child not in children:
                    message = f"CHILD {row.child} has {name} data but no row in the header table"
                    Reporter(self.problems, row.source_file).error(
                        "E-NO-HEADER", message, row.source_row, "CHILD", row.child, row.child
                    )
        if rows and not has_header:
            message = "no header table among this year's files: every child needs a header row"
            Reporter(self.problems, self.sources[0].name).error("E-NO-HEADER", message)
        for u in rows.pop("uasc", []):
            current = children.get(u.child)
            if current is None:
                continue
            if u.dob and current.dob and u.dob != current.dob:
                # Validator INT18. The header's DOB is kept; the UASC table's is dropped.
                message = f"DOB in the UASC table differs from the header's {show(current.dob)}"
                Reporter(self.problems, u.source_file).finding(
                    "INT18", message, u.source_row, "DOB", show(u.dob), u.child
                )
            children[u.child] = replace(current, uasc=True, duc=u.duc)
        cy = CollectionYear(year, year_source, self.sources, list(children.values()))
        for name, table_rows in rows.items():
            setattr(cy, name, table_rows)
        cy.problems = self.problems
        return cy


def _year_of(files: list[Path], prefix, year, progress, caches) -> CollectionYear:
    reader = _YearReader(progress, caches)
    for path in files:
        reader.read_file(path)
    if year is not None:
        return reader.build(year, "given")
    if prefix is not None:
        return reader.build(prefix, "file name")
    report = Reporter(reader.problems, files[0].name if len(files) == 1 else str(files[0].parent))
    latest = max((e.decom for e in reader.rows.get("episodes", [])), default=None)
    if latest is None:
        report.error("E-YEAR", "cannot tell the collection year (no episode has a DECOM): give it")
        return reader.build(None, "")
    # The collection year holding the latest DECOM (years start on 1 April).
    inferred = latest.year if latest.month >= 4 else latest.year - 1
    message = (
        f"collection year {inferred}-{(inferred + 1) % 100:02d} inferred from the latest "
        f"DECOM; give the year to override"
    )
    report.warning("W-YEAR", message, None, "DECOM", show(latest))
    return reader.build(inferred, "dates")


# --- inputs ----------------------------------------------------------------------------


def _prefix_year(name: str) -> int | None:
    match = _PREFIX.match(name)
    return int(match.group(1)) if match else None


def _groups(paths: Sequence[Path], problems: ProblemList) -> list[tuple[int | None, list[Path]]]:
    groups: dict[tuple[str, int | None], list[Path]] = defaultdict(list)
    for path in map(Path, paths):
        if path.is_dir():
            files = [
                p
                for p in sorted(path.iterdir())
                if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in _SUFFIXES
            ]
            if not files:
                Reporter(problems, str(path)).error("E-UNREADABLE", "no CSV or XML file in it")
        elif path.is_file():
            files = [path]
        else:
            Reporter(problems, str(path)).error("E-UNREADABLE", "no such file or folder")
            continue
        for f in files:
            # Each XML file is a return of its own; CSV files group by folder and prefix.
            if f.suffix.lower() == ".xml":
                kind = f"xml:{f}"
            else:
                kind = f"dir:{path}" if path.is_dir() else "files"
            groups[(kind, _prefix_year(f.name))].append(f)
    return [(prefix, files) for (_, prefix), files in groups.items()]


def read_return(
    paths: Sequence[Path], *, year: int | None = None, progress: Progress | None = None
) -> list[CollectionYear]:
    """Read SSDA903 returns: one :class:`CollectionYear` per collection year, oldest first.

    ``paths``: folders of one year's CSV files, single CSV files, or XML returns.
    ``year``: the collection year (the year it starts) when all inputs are that one year.
    ``progress(file_name, rows_done, rows_total)`` is called at most every 1,000 rows.
    Never raises on bad content. Problems are in each year's ``problems``; those that
    belong to no year (a path that does not exist) come in a year with ``year=None``.
    """
    loose = ProblemList()
    groups = _groups(paths, loose)
    if year is not None and len(groups) > 1:
        prefixes = sorted({p for p, _ in groups if p is not None})
        if len(prefixes) > 1:
            message = f"year {year} given, but the file names hold years {prefixes}"
            Reporter(loose, "").error("E-YEAR", message)
        groups = [(None, [f for _, files in groups for f in files])]
    caches = value_caches()  # shared by the years read together: one copy of each child ID
    years = [_year_of(files, prefix, year, progress, caches) for prefix, files in groups]
    seen: set[int] = set()
    for cy in years:
        if cy.year in seen:
            message = f"two inputs are both collection year {cy.year}: give them as one folder"
            Reporter(cy.problems, cy.sources[0].name if cy.sources else "").error("E-YEAR", message)
        if cy.year is not None:
            seen.add(cy.year)
    if loose:
        years.append(CollectionYear(year=None, problems=loose))
    return sorted(years, key=lambda cy: (cy.year is None, cy.year or 0))
