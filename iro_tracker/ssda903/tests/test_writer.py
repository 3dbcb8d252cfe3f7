from dataclasses import replace
from datetime import date

import pytest

from iro_tracker.ssda903.reader import read_return
from iro_tracker.ssda903.tables import EPISODES, HEADER, Review
from iro_tracker.ssda903.tests.helpers import CLEAN, CLEAN_XML, TABLES, read_one
from iro_tracker.ssda903.writer import sex_for_year, write_return, write_year


def _same_rows(a, b):
    for table in TABLES:
        assert getattr(a, table) == getattr(b, table), table


def test_read_write_read_is_lossless(tmp_path):
    cy = read_one(CLEAN)
    written = write_year(tmp_path, cy)
    assert sorted(p.name for p in written) == [
        "episodes.csv",
        "header.csv",
        "missing.csv",
        "previous_permanence.csv",
        "reviews.csv",
        "uasc.csv",
    ]
    again = read_one(tmp_path)
    assert again.problems == []
    _same_rows(cy, again)


def test_xml_can_be_written_as_csv(tmp_path):
    write_year(tmp_path, read_one(CLEAN_XML))
    _same_rows(read_one(tmp_path), read_one(CLEAN))


def test_files_are_dfe_layout_plain_utf8_with_lf_line_endings(tmp_path):
    write_year(tmp_path, read_one(CLEAN))
    data = (tmp_path / "episodes.csv").read_bytes()
    assert b"\r" not in data and not data.startswith(b"\xef\xbb\xbf")
    lines = data.decode().splitlines()
    assert lines[0] == ",".join(EPISODES.columns)
    assert lines[1] == "A1,01/03/2018,S,C2,N1,U4,PR1,01/09/2018,X1,CARPL,AB1 2CD,EF3 4GH,SC123456"
    assert lines[2] == "A1,01/09/2018,P,C2,N1,U6,PR4,,,,AB1 2CD,GH5 6JK,1234567"


@pytest.mark.parametrize(
    "sex, year, expected",
    [
        ("1", 2023, "1"),
        ("1", 2024, "M"),
        ("M", 2018, "1"),
        ("F", 2023, "2"),
        ("2", 2025, "F"),
        ("U", 2024, "U"),
        ("U", 2018, "U"),
        ("9", 2018, "9"),
        ("", 2024, ""),
    ],
)
def test_sex_is_coded_for_the_collection_year(sex, year, expected):
    assert sex_for_year(sex, year) == expected


def test_a_2024_return_codes_sex_m_f(tmp_path):
    cy = read_one(CLEAN)
    write_return(tmp_path, 2024, cy.children, cy.episodes, cy.reviews)
    lines = (tmp_path / "header.csv").read_text().splitlines()
    assert lines[0] == ",".join(HEADER.columns)
    assert [line.split(",")[1] for line in lines[1:]] == ["M", "F", "F", "M"]
    assert (tmp_path / "uasc.csv").read_text().splitlines()[1] == "A3,F,10/10/2001,01/09/2018"


def test_rows_without_a_dob_take_the_header_dob(tmp_path):
    cy = read_one(CLEAN)
    reviews = [Review("A1", None, date(2018, 5, 1), "PN1")]
    paths = write_return(tmp_path, 2018, cy.children, [], reviews)
    assert [p.name for p in paths] == ["header.csv", "uasc.csv", "episodes.csv", "reviews.csv"]
    assert (tmp_path / "reviews.csv").read_text().splitlines()[1] == "A1,15/06/2010,01/05/2018,PN1"


def test_written_return_reads_back_with_the_given_year(tmp_path):
    cy = read_one(CLEAN)
    children = [replace(c, sex={"1": "M", "2": "F"}[c.sex]) for c in cy.children]
    write_return(tmp_path, 2018, children, cy.episodes, cy.reviews)
    (again,) = read_return([tmp_path], year=2018)
    assert [c.sex for c in again.children] == ["1", "2", "2", "1"]
