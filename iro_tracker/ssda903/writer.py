"""Write a collection year's SSDA903 CSV files in the DfE layout.

The writer takes the row dataclasses the reader produces (``tables.Child``, ``Episode``,
``Review``...), so read -> write -> read gives the same rows; the export command builds the
same dataclasses from the database. Files: UTF-8 without a BOM, ``\\n`` line endings,
DfE column order, dates ``dd/mm/yyyy``, SEX coded as the collection year codes it (1/2
before 2024-25, M/F/U from then, §2.1).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from iro_tracker.rules import codes
from iro_tracker.ssda903.tables import (
    AD1,
    DOLO,
    EPISODES,
    HEADER,
    MISSING,
    OC2,
    OC3,
    PLACED_FOR_ADOPTION,
    PREVIOUS_PERMANENCE,
    REVIEWS,
    SW_EPISODES,
    UASC,
    Child,
    TableSpec,
    format_date,
)

_TO_OLD_SEX = {"M": "1", "F": "2"}


def sex_for_year(sex: str, year: int) -> str:
    """A SEX value as collection ``year`` codes it (``"1"`` <-> ``"M"``, ``"2"`` <-> ``"F"``).

    A value with no equivalent that year (``U`` before 2024-25, or an unknown code) is
    written as held, so the return shows it and the checks report it.
    """
    normal = codes.sex_code_for_year(sex)  # M, F, U, or None if not a SEX code at all
    if normal is None:
        return sex
    for candidate in (normal, _TO_OLD_SEX.get(normal, "")):
        if codes.SEX.is_valid(candidate, year):
            return candidate
    return sex


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return format_date(value)


def _write(path: Path, spec: TableSpec, rows: Iterable[Sequence]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(spec.columns)
        writer.writerows([_cell(v) for v in row] for row in rows)
    return path


def _child_rows(spec: TableSpec, rows: Iterable, dobs: dict[str, object]):
    """Rows of a child-level table; a row without its own DOB (one built from the
    database) takes the child's DOB from the header, as the DfE layout repeats it."""
    names = spec.fields
    for row in rows:
        values = [getattr(row, name) for name in names]
        if "dob" in names and values[names.index("dob")] is None:
            values[names.index("dob")] = dobs.get(row.child)
        yield values


def write_return(
    out_dir: Path,
    year: int,
    children: Iterable[Child],
    episodes: Iterable = (),
    reviews: Iterable = (),
    *,
    oc2: Iterable = (),
    oc3: Iterable = (),
    ad1: Iterable = (),
    placed_for_adoption: Iterable = (),
    previous_permanence: Iterable = (),
    missing: Iterable = (),
    sw_episodes: Iterable = (),
    dolo: Iterable = (),
) -> list[Path]:
    """Write one collection year's CSV files into ``out_dir``; returns the paths written.

    ``header.csv``, ``episodes.csv`` and ``reviews.csv`` are always written (with only the
    column headers if empty); ``uasc.csv`` when a child is UASC; each other table when it
    has rows. Rows are written in the order given.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    children = list(children)
    dobs = {c.child: c.dob for c in children}
    header = (
        [c.child, sex_for_year(c.sex, year), c.dob, c.ethnic, c.upn, c.mother, c.mc_dob]
        for c in children
    )
    written = [_write(out / HEADER.file_name, HEADER, header)]
    uasc = [[c.child, sex_for_year(c.sex, year), c.dob, c.duc] for c in children if c.uasc]
    if uasc:
        written.append(_write(out / UASC.file_name, UASC, uasc))
    tables: list[tuple[TableSpec, list, bool]] = [
        (EPISODES, list(episodes), True),
        (REVIEWS, list(reviews), True),
        (OC2, list(oc2), False),
        (OC3, list(oc3), False),
        (AD1, list(ad1), False),
        (PLACED_FOR_ADOPTION, list(placed_for_adoption), False),
        (PREVIOUS_PERMANENCE, list(previous_permanence), False),
        (MISSING, list(missing), False),
        (SW_EPISODES, list(sw_episodes), False),
        (DOLO, list(dolo), False),
    ]
    for spec, rows, always in tables:
        if rows or always:
            written.append(_write(out / spec.file_name, spec, _child_rows(spec, rows, dobs)))
    return written


def write_year(out_dir: Path, cy) -> list[Path]:
    """Write a :class:`~iro_tracker.ssda903.reader.CollectionYear` back out."""
    if cy.year is None:
        raise ValueError("the collection year is unknown")
    return write_return(
        out_dir,
        cy.year,
        cy.children,
        cy.episodes,
        cy.reviews,
        oc2=cy.oc2,
        oc3=cy.oc3,
        ad1=cy.ad1,
        placed_for_adoption=cy.placed_for_adoption,
        previous_permanence=cy.previous_permanence,
        missing=cy.missing,
        sw_episodes=cy.sw_episodes,
        dolo=cy.dolo,
    )
