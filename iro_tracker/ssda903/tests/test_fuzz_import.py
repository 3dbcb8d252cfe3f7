"""The importer fuzzed through the database (issue 8): random bytes, truncated files, wrong
encodings, huge fields, unknown codes and duplicated rows never crash ``load_903``, never leave
a partial import behind, and every error names its file (and, for a row, its row and field)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iro_tracker.ssda903.loader import load_903
from iro_tracker.ssda903.models import RunStatus
from iro_tracker.ssda903.tests.test_loader import YEAR_2018, snapshot, write_return

pytestmark = pytest.mark.django_db

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
FILES = sorted(YEAR_2018)


def _clean(folder: Path) -> dict[str, bytes]:
    write_return(folder, YEAR_2018)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


with tempfile.TemporaryDirectory() as _tmp:
    CLEAN = _clean(Path(_tmp))


def _load(files: dict[str, bytes], user):
    """Load ``files`` as a 2018 return; assert the database changed wholly or not at all."""
    before = snapshot()
    folder = Path(tempfile.mkdtemp())
    try:
        for name, data in files.items():
            (folder / name).write_bytes(data)
        result = load_903([folder], user=user, year=2018)
    finally:
        shutil.rmtree(folder)
    if result.run.status != RunStatus.APPLIED:
        assert snapshot() == before, "a failed import changed the database"
    for problem in result.problems.errors:
        assert problem.file, problem
        assert problem.message, problem
        if problem.row is not None:
            assert problem.column or problem.rule, problem
    return result


def _rows(name: str) -> list[bytes]:
    return CLEAN[name].split(b"\n")


@SETTINGS
@given(name=st.sampled_from(FILES), data=st.binary(max_size=3000))
def test_random_bytes_in_any_file(manager, name, data):
    result = _load({**CLEAN, f"{name}.csv": data}, manager)
    if result.run.status != RunStatus.APPLIED:
        assert result.problems.errors


@SETTINGS
@given(name=st.sampled_from(FILES), cut=st.floats(0, 1))
def test_truncated_files(manager, name, cut):
    data = CLEAN[f"{name}.csv"]
    _load({**CLEAN, f"{name}.csv": data[: int(len(data) * cut)]}, manager)


@SETTINGS
@given(
    name=st.sampled_from(FILES),
    encoding=st.sampled_from(["utf-16", "utf-32", "cp1252", "latin-1", "utf-8-sig"]),
    accent=st.sampled_from(["é", "ø", "€", "ß"]),
)
def test_wrong_encodings(manager, name, encoding, accent):
    text = CLEAN[f"{name}.csv"].decode().replace("B1", f"B1{accent}", 1)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode(encoding, errors="replace")
    _load({**CLEAN, f"{name}.csv": data}, manager)


@SETTINGS
@given(
    name=st.sampled_from(FILES),
    row=st.integers(1, 3),
    column=st.integers(0, 12),
    size=st.sampled_from([301, 5_000, 200_000]),
)
def test_huge_fields(manager, name, row, column, size):
    rows = _rows(f"{name}.csv")
    if row >= len(rows) or not rows[row]:
        return
    cells = rows[row].split(b",")
    cells[column % len(cells)] = b"9" * size
    rows[row] = b",".join(cells)
    result = _load({**CLEAN, f"{name}.csv": b"\n".join(rows)}, manager)
    assert result.run.status != RunStatus.APPLIED or size <= 301


@SETTINGS
@given(
    name=st.sampled_from(["episodes", "reviews", "header"]),
    column=st.integers(1, 12),
    code=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=6),
)
def test_unknown_codes(manager, name, column, code):
    rows = _rows(f"{name}.csv")
    cells = rows[1].split(b",")
    cells[column % len(cells)] = code.encode()
    rows[1] = b",".join(cells)
    _load({**CLEAN, f"{name}.csv": b"\n".join(rows)}, manager)


@SETTINGS
@given(name=st.sampled_from(FILES), row=st.integers(1, 3), times=st.integers(1, 3))
def test_duplicated_rows(manager, name, row, times):
    rows = _rows(f"{name}.csv")
    if row >= len(rows) or not rows[row]:
        return
    rows[row + 1 : row + 1] = [rows[row]] * times
    _load({**CLEAN, f"{name}.csv": b"\n".join(rows)}, manager)


def test_a_clean_return_still_loads_after_all_that(manager):
    assert _load(dict(CLEAN), manager).run.status == RunStatus.APPLIED
