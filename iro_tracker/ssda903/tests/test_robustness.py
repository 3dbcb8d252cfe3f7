"""Whatever bytes arrive, reading never raises and always says, naming the file, what is
wrong: random bytes, truncated files, huge fields."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iro_tracker.ssda903.checks import check_year
from iro_tracker.ssda903.reader import read_return
from iro_tracker.ssda903.tests.helpers import CLEAN, CLEAN_XML

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CLEAN_FILES = {p.name: p.read_bytes() for p in sorted(CLEAN.iterdir())}


def _read(files: dict[str, bytes]):
    """Read ``files`` as one 2018 return; check it too (checks must survive any input)."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in files.items():
            (Path(tmp) / name).write_bytes(data)
        years = read_return([Path(tmp)], year=2018)
    for cy in years:
        check_year(cy)
    return years


def _errors_about(years, name: str):
    return [p for cy in years for p in cy.problems.errors if p.file == name]


@SETTINGS
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".csv", ".xml", ".txt"]))
def test_random_bytes_give_an_error_naming_the_file(data, suffix):
    name = f"random{suffix}"
    years = _read({**CLEAN_FILES, name: data})
    assert _errors_about(years, name)


@SETTINGS
@given(data=st.binary(max_size=500))
def test_random_bytes_after_an_xml_tag_give_an_xml_error(data):
    years = _read({"return.xml": b"<EXPSSDA903><CHILD>" + data})
    assert _errors_about(years, "return.xml")


def _cuts_inside_rows(data: bytes) -> list[int]:
    """Cut points that leave the last data row short: after its first character and
    before (or at) its last comma."""
    lines = data.split(b"\n")
    cuts, start = [], len(lines[0]) + 1
    for line in lines[1:]:
        if b"," in line:
            cuts.extend(range(start + 1, start + line.rindex(b",") + 1))
        start += len(line) + 1
    return cuts


CSV_WITH_ROWS = sorted(n for n in CLEAN_FILES if _cuts_inside_rows(CLEAN_FILES[n]))


@SETTINGS
@given(st.data())
def test_a_csv_cut_inside_a_row_gives_an_error_naming_the_file(data):
    name = data.draw(st.sampled_from(CSV_WITH_ROWS))
    cut = data.draw(st.sampled_from(_cuts_inside_rows(CLEAN_FILES[name])))
    years = _read({**CLEAN_FILES, name: CLEAN_FILES[name][:cut]})
    assert _errors_about(years, name)


@SETTINGS
@given(cut=st.integers(min_value=0, max_value=len(CLEAN_XML.read_bytes()) - 20))
def test_a_truncated_xml_gives_an_error(cut):
    years = _read({"return.xml": CLEAN_XML.read_bytes()[:cut]})
    assert _errors_about(years, "return.xml")


@SETTINGS
@given(
    name=st.sampled_from(["header.csv", "episodes.csv", "reviews.csv"]),
    row=st.integers(min_value=1, max_value=3),
    column=st.integers(min_value=0, max_value=3),
    size=st.integers(min_value=256, max_value=300_000),
    char=st.characters(blacklist_characters=',"\r\n', blacklist_categories=["Cs", "Zl", "Zp"]),
)
def test_a_huge_field_gives_an_error_naming_the_file(name, row, column, size, char):
    lines = CLEAN_FILES[name].decode().split("\n")
    cells = lines[row].split(",")
    cells[column] = char * size
    lines[row] = ",".join(cells)
    years = _read({**CLEAN_FILES, name: "\n".join(lines).encode()})
    assert _errors_about(years, name)
