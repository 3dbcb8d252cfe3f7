"""Read the XML form of the SSDA903 return (``<EXPSSDA903>``, reference §1.3).

The XML nests everything under each ``<CHILD>``: the header (with UASC, OC3, AD1 items,
reviews, missing episodes, previous permanence, OC2 and adoption decisions) and the child's
``<EPISODE>`` elements. This module flattens it into the same raw rows the CSV files hold
(tag ``CHILDID`` becomes ``CHILD``, ``PL`` becomes ``PLACE``) and hands each row to a
callback, so the reader parses XML and CSV with one code path.

Problems are located by the child's ordinal: ``row`` is N for the Nth ``<CHILD>``.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Callable
from xml.etree.ElementTree import Element

from iro_tracker.ssda903.problems import Reporter
from iro_tracker.ssda903.tables import (
    AD1,
    EPISODES,
    HEADER,
    MISSING,
    OC2,
    OC3,
    PLACED_FOR_ADOPTION,
    PREVIOUS_PERMANENCE,
    REVIEWS,
    UASC,
    TableSpec,
)

Emit = Callable[[TableSpec, int, list[str]], None]
Progress = Callable[[str, int, int], None]

ROOT_TAG = "EXPSSDA903"
# XML tag -> CSV column where they differ.
_RENAMED = {"CHILDID": "CHILD", "PL": "PLACE"}
# Header leaf elements that belong to the header table or are folded into another table.
_HEADER_LEAVES = {
    "CHILDID", "UPN", "SEX", "DOB", "ETHNIC", "MOTHER", "MC_DOB", "UASC", "DUC",
    "IN_TOUCH", "ACTIV", "ACCOM",
    "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR",
}  # fmt: skip
# Repeating or grouped header elements, and the table each becomes.
_HEADER_GROUPS = {
    "AREVIEW": REVIEWS,
    "AMISSING": MISSING,
    "PERMANENCE": PREVIOUS_PERMANENCE,
    "OC2": OC2,
    "AD_PLACED": PLACED_FOR_ADOPTION,
}
_OC3_TAGS = ("IN_TOUCH", "ACTIV", "ACCOM")
_AD1_TAGS = ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")
# Entity declarations allow "billion laughs" expansion; a 903 return never needs them.
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")


def looks_like_xml(data: bytes) -> bool:
    """True if the bytes start (after a BOM and blanks) with an XML tag."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def _leaves(element: Element) -> dict[str, str]:
    return {sub.tag: sub.text or "" for sub in element if len(sub) == 0}


def _row(spec: TableSpec, values: dict[str, str]) -> list[str]:
    return [values.get(column, "") for column in spec.columns]


class _ChildReader:
    def __init__(self, report: Reporter, emit: Emit):
        self.report = report
        self.emit = emit
        self.unknown: set[str] = set()

    def warn_unknown(self, n: int, tag: str, where: str) -> None:
        # One warning per unknown tag per file: an extension element repeats for every child.
        if tag in self.unknown:
            return
        self.unknown.add(tag)
        self.report.warning(
            "W-EXTRA-COLUMN", f"unknown element <{tag}> in <{where}> ignored", n, tag
        )

    def read(self, n: int, element: Element) -> None:
        header = element.find("HEADER")
        if header is None:
            self.report.error("E-NO-HEADER", "<CHILD> has no <HEADER>: no header row", n, "HEADER")
            return
        leaves = _leaves(header)
        child = leaves.get("CHILDID", "")
        base = {"CHILD": child, "DOB": leaves.get("DOB", "")}
        self.emit(HEADER, n, _row(HEADER, {**leaves, **base}))
        # In XML the UASC flag sits in the header (§1.2 notes); the CSV form lists the
        # child in uasc.csv instead, which is what we produce.
        if leaves.get("UASC", "").strip() == "1" or leaves.get("DUC", "").strip():
            self.emit(UASC, n, _row(UASC, {**leaves, **base}))
        if any(leaves.get(tag, "").strip() for tag in _OC3_TAGS):
            self.emit(OC3, n, _row(OC3, {**leaves, **base}))
        if any(leaves.get(tag, "").strip() for tag in _AD1_TAGS):
            self.emit(AD1, n, _row(AD1, {**leaves, **base}))
        for sub in header:
            spec = _HEADER_GROUPS.get(sub.tag)
            if spec is not None:
                values = _leaves(sub)
                if any(v.strip() for v in values.values()):
                    self.emit(spec, n, _row(spec, {**values, **base}))
            elif sub.tag not in _HEADER_LEAVES:
                self.warn_unknown(n, sub.tag, "HEADER")
        for sub in element:
            if sub.tag == "EPISODE":
                values = {_RENAMED.get(k, k): v for k, v in _leaves(sub).items()}
                self.emit(EPISODES, n, _row(EPISODES, {**values, "CHILD": child}))
            elif sub.tag != "HEADER":
                self.warn_unknown(n, sub.tag, "CHILD")


def read_xml(data: bytes, report: Reporter, emit: Emit, progress: Progress | None = None) -> int:
    """Flatten an SSDA903 XML return into table rows; returns the number of children.

    ``emit(spec, n, values)`` receives each row as raw strings in ``spec.columns`` order,
    ``n`` being the child's ordinal. Malformed XML, a DOCTYPE or entity declaration, or a
    root other than ``<EXPSSDA903>`` are reported as errors, never raised.
    """
    for marker in _FORBIDDEN:
        if marker in data:
            report.error("E-XML", f"the XML holds {marker.decode()}: entity declarations refused")
            return 0
    total = data.count(b"</CHILD>")
    reader = _ChildReader(report, emit)
    n = 0
    root: Element | None = None
    try:
        # Safe despite S314: DOCTYPE and ENTITY were refused above, and expat never
        # fetches external resources, so no entity can expand.
        for event, element in ET.iterparse(io.BytesIO(data), events=("start", "end")):  # noqa: S314
            if root is None:
                root = element
                if element.tag != ROOT_TAG:
                    report.error("E-XML", f"the root element is <{element.tag}>, not <{ROOT_TAG}>")
                    return 0
            elif event == "end" and element.tag == "CHILD":
                n += 1
                reader.read(n, element)
                # Drop each child once read, so a national file streams in bounded memory.
                root.clear()
                if progress is not None and not n % 1000:
                    progress(report.file, n, total)
    except ET.ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        report.error("E-XML", f"not well-formed XML at line {line}, column {column}", n + 1)
        return n
    if root is None:
        report.error("E-XML", "the XML file is empty")
    if progress is not None:
        progress(report.file, n, total)
    return n
