"""Problems found while reading and checking SSDA903 files.

Three severities, as the import command treats them:

* ``error``: the import stops and changes nothing (unreadable file, missing required
  column, unparseable date, a row for a child with no header row, conflicting duplicates);
* ``finding``: a data-quality finding, imported and kept (unknown or retired code, review
  outside any period of care, DfE validation rules...); ``--strict`` makes them errors;
* ``warning``: something the importer tolerated (extra column, ``1.0`` for ``1``,
  identical duplicate row) and wants the user to know about.

No Django here: this module is shared by the reader, the checks and the loader.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

from iro_tracker.audit.exports import safe_row  # pure Python, no Django

Severity = Literal["error", "finding", "warning"]

ERROR: Severity = "error"
FINDING: Severity = "finding"
WARNING: Severity = "warning"

CSV_COLUMNS = ("file", "row", "column", "value", "rule", "severity", "message", "child")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one cell (or row, or file) of a return.

    ``row`` is the row number as a spreadsheet shows it: the header line is row 1, the
    first data row is row 2. For an XML return it is the child's ordinal (1 = first
    ``<CHILD>``), and the message says "child N". ``None`` for a problem with a whole file.
    """

    file: str
    row: int | None
    column: str
    value: str
    rule: str
    message: str
    severity: Severity
    child: str = ""

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            unit = "child" if self.file.lower().endswith(".xml") else "row"
            where.append(f"{unit} {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        if self.value:
            where.append(f"value {self.value!r}")
        return f"{', '.join(where)}: [{self.severity} {self.rule}] {self.message}"

    def as_error(self) -> Problem:
        """The same problem as an error (what ``--strict`` does to findings)."""
        return Problem(
            self.file, self.row, self.column, self.value, self.rule, self.message, ERROR, self.child
        )


class Reporter:
    """Adds problems about one file to a list; ``unit="child"`` for an XML file, whose
    messages then start "child N:" (N, the child's ordinal, is also the row)."""

    def __init__(self, problems: list[Problem], file: str, unit: str = "row"):
        self.problems, self.file, self.unit = problems, file, unit

    def add(
        self,
        severity: Severity,
        rule: str,
        message: str,
        row: int | None = None,
        column: str = "",
        value: str = "",
        child: str = "",
    ) -> None:
        if self.unit == "child" and row is not None:
            message = f"child {row}: {message}"
        if len(value) > 60:  # a huge field must not make a huge report
            value = value[:60] + "..."
        self.problems.append(Problem(self.file, row, column, value, rule, message, severity, child))

    def error(self, rule: str, message: str, row=None, column="", value="", child="") -> None:
        self.add(ERROR, rule, message, row, column, value, child)

    def warning(self, rule: str, message: str, row=None, column="", value="", child="") -> None:
        self.add(WARNING, rule, message, row, column, value, child)

    def finding(self, rule: str, message: str, row=None, column="", value="", child="") -> None:
        self.add(FINDING, rule, message, row, column, value, child)


class ProblemList(list[Problem]):
    """A list of problems with the views the command and the upload page need."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.severity == ERROR]

    @property
    def findings(self) -> list[Problem]:
        return [p for p in self if p.severity == FINDING]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if p.severity == WARNING]

    def has_errors(self) -> bool:
        return any(p.severity == ERROR for p in self)

    def counts_by_rule(self, severity: Severity | None = None) -> dict[str, int]:
        """Number of problems per rule, most frequent first (optionally one severity)."""
        counts = Counter(p.rule for p in self if severity is None or p.severity == severity)
        return dict(counts.most_common())

    def strict(self) -> ProblemList:
        """A copy where findings are errors (the ``--strict`` option)."""
        return ProblemList(p.as_error() if p.severity == FINDING else p for p in self)

    def for_child(self, child: str) -> Iterator[Problem]:
        return (p for p in self if p.child == child)

    def to_csv(self, path_or_file: str | Path | TextIO) -> None:
        """Write the problems as a CSV report (columns: ``CSV_COLUMNS``)."""
        if isinstance(path_or_file, (str, Path)):
            with open(path_or_file, "w", newline="", encoding="utf-8") as handle:
                _write_csv(handle, self)
        else:
            _write_csv(path_or_file, self)

    def to_csv_text(self) -> str:
        buffer = io.StringIO()
        _write_csv(buffer, self)
        return buffer.getvalue()


def _write_csv(handle: TextIO, problems: Iterable[Problem]) -> None:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in problems:
        row = "" if p.row is None else p.row
        # Values come from uploaded files: escape any that a spreadsheet would run as a formula.
        writer.writerow(
            safe_row((p.file, row, p.column, p.value, p.rule, p.severity, p.message, p.child))
        )
