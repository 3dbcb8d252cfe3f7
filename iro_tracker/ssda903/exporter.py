"""Export one collection year's SSDA903 return from the database, in the DfE CSV layout.

The rows are built as the reader's dataclasses and written by ``writer.write_return``, so an
export reads back exactly as the return that was imported (import -> export -> import is
lossless), with reviews recorded in the product added.

What a year's return holds (reference §1.1):

* episodes open at any time during the year, and every episode that year's return held; an
  episode a later return closed after the year's end is written as it stood at the year's
  end (open, no reason ceased);
* looked-after reviews held in the year (recorded in the product or imported), and every
  review that year's return held;
* the rows of the tables the product does not model (``ReturnRow``) of that year;
* a header row for every child in any of those. MOTHER, MC_DOB and the UASC table come
  from that year's imported header (``ReturnRow`` "header", kept when not blank).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db.models import Q

from iro_tracker.children.models import CareEpisode, Child, Source
from iro_tracker.reviews.models import Review, Status
from iro_tracker.ssda903 import tables
from iro_tracker.ssda903.models import ReturnRow, ReturnTable
from iro_tracker.ssda903.reader import CollectionYear
from iro_tracker.ssda903.writer import write_year

CHUNK = 5000  # rows fetched per round trip when a national year is exported


@dataclass
class ExportResult:
    """The files written and how many rows each table has."""

    paths: list[Path]
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def children(self) -> int:
        return self.rows.get("header", 0)


def _episode(lid: str, e: CareEpisode, end: date, year: int) -> tables.Episode:
    dec, rec, reason = e.dec, e.rec, e.reason_place_change
    if e.collection_year and e.collection_year > year and dec and dec > end:
        # A later return closed it; at this year's end it was still open (rule 148: no
        # DEC means no REC either, and rule 233: no reason for change on an open episode).
        dec, rec, reason = None, "", ""
    return tables.Episode(
        lid, e.decom, e.rne, e.ls, e.cin, e.place, e.place_provider, dec, rec, reason,
        e.home_post, e.pl_post, e.urn,
    )  # fmt: skip


def _other_row(lid: str, row: ReturnRow):
    spec = tables.BY_NAME[row.table]
    # Values stay the strings imported (dd/mm/yyyy dates): the writer writes strings as given.
    values = [row.data.get(column, "") for column in spec.columns[1:]]
    return spec.row_class(lid, *values)


def year_return(year: int) -> CollectionYear:
    """The collection year (2018 = 2018-19) as the database holds it, as typed rows."""
    start, end = date(year, 4, 1), date(year + 1, 3, 31)
    live = Q(child__archived=False)
    episodes = (
        CareEpisode.objects.filter(live)
        .filter(
            Q(decom__lte=end, dec__isnull=True)
            | Q(decom__lte=end, dec__gte=start)
            | Q(collection_year=year)
        )
        .select_related("child")
        .order_by("child__local_id", "decom")
    )
    reviews = (
        Review.objects.filter(live, status=Status.HELD)
        .filter(Q(held_date__range=(start, end)) | Q(source=Source.IMPORTED, collection_year=year))
        .select_related("child")
        .order_by("child__local_id", "held_date")
    )
    others = (
        ReturnRow.objects.filter(live, collection_year=year)
        .select_related("child")
        .order_by("table", "child__local_id", "key")
    )
    cy = CollectionYear(year, "database")
    children: dict[int, Child] = {}
    headers: dict[int, dict] = {}
    for e in episodes.iterator(chunk_size=CHUNK):
        children.setdefault(e.child_id, e.child)
        cy.episodes.append(_episode(e.child.local_id, e, end, year))
    for r in reviews.iterator(chunk_size=CHUNK):
        children.setdefault(r.child_id, r.child)
        # DOB is left to the writer, which repeats the header's (INT17 reports a mismatch).
        cy.reviews.append(tables.Review(r.child.local_id, None, r.held_date, r.participation))
    for row in others.iterator(chunk_size=CHUNK):
        children.setdefault(row.child_id, row.child)
        if row.table == ReturnTable.HEADER:
            headers[row.child_id] = row.data
        else:
            getattr(cy, row.table).append(_other_row(row.child.local_id, row))
    for pk, child in sorted(children.items(), key=lambda item: item[1].local_id):
        extra = headers.get(pk)
        if extra is None and child.collection_year is None:  # never imported: no header row
            uasc, duc = child.uasc, child.uasc_ceased
        else:  # the year's own header values; no row means they were blank that year
            extra = extra or {}
            uasc, duc = extra.get("UASC") == "1", tables.parse_date(extra.get("DUC", ""))
        extra = extra or {}
        cy.children.append(
            tables.Child(
                child.local_id, child.sex, child.date_of_birth, child.ethnicity, child.upn,
                extra.get("MOTHER", ""), tables.parse_date(extra.get("MC_DOB", "")), uasc, duc,
            )
        )  # fmt: skip
    return cy


def export_903(year: int, out_dir: Path) -> ExportResult:
    """Write collection ``year``'s CSV files into ``out_dir`` (see the module docstring)."""
    cy = year_return(year)
    paths = write_year(Path(out_dir), cy)
    rows = {"header": len(cy.children), "uasc": sum(1 for c in cy.children if c.uasc)}
    for name in ("episodes", "reviews", *(t for t in ReturnTable.values if t != "header")):
        rows[name] = len(getattr(cy, name))
    return ExportResult(paths, {k: v for k, v in rows.items() if v})
