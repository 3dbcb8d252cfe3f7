import hashlib
from datetime import date, timedelta
from pathlib import Path

import pytest

from iro_tracker.ssda903.reader import read_return
from iro_tracker.ssda903.tables import Child, Episode, Review, format_date
from iro_tracker.ssda903.tests.helpers import CLEAN, CLEAN_XML, TABLES, read_one, rules, variant


def test_clean_return_reads_typed_rows_without_problems():
    cy = read_one(CLEAN)
    assert cy.problems == []
    assert (cy.year, cy.year_source) == (2018, "given")
    assert (cy.start, cy.end) == (date(2018, 4, 1), date(2019, 3, 31))
    assert [len(getattr(cy, t)) for t in ("children", "episodes", "reviews")] == [4, 5, 5]
    a1 = cy.episodes[0]
    assert a1 == Episode(
        "A1",
        date(2018, 3, 1),
        "S",
        "C2",
        "N1",
        "U4",
        "PR1",
        date(2018, 9, 1),
        "X1",
        "CARPL",
        "AB1 2CD",
        "EF3 4GH",
        "SC123456",
    )
    assert (a1.source_file, a1.source_row) == ("episodes.csv", 2)
    assert cy.episodes[1].dec is None and cy.episodes[1].rec == ""
    # uasc.csv is folded into the child's header row.
    a3 = next(c for c in cy.children if c.child == "A3")
    assert (a3.uasc, a3.duc) == (True, date(2018, 9, 1))
    assert not next(c for c in cy.children if c.child == "A1").uasc
    source = next(s for s in cy.sources if s.name == "episodes.csv")
    assert source.table == "episodes" and source.rows == 5
    assert source.sha256 == hashlib.sha256((CLEAN / "episodes.csv").read_bytes()).hexdigest()


def test_bom_crlf_lowercase_codes_and_spaces_are_tolerated(tmp_path):
    messy = tmp_path / "messy"
    messy.mkdir()
    for path in CLEAN.iterdir():
        lines = path.read_text().splitlines()
        head = ", ".join(f" {h.lower()} " for h in lines[0].split(","))
        body = [",".join(f"  {v.lower()} " for v in line.split(",")) for line in lines[1:]]
        (messy / path.name).write_bytes(b"\xef\xbb\xbf" + "\r\n".join([head, *body]).encode())
    cy, clean = read_one(messy), read_one(CLEAN)
    assert cy.problems == []
    for table in TABLES:
        assert getattr(cy, table) == getattr(clean, table), table


def test_tables_are_recognised_by_headers_whatever_the_file_names(tmp_path):
    renamed = tmp_path / "renamed"
    renamed.mkdir()
    for n, path in enumerate(sorted(CLEAN.iterdir())):
        (renamed / f"export {n}.txt").write_bytes(path.read_bytes())
    cy = read_one(renamed)
    assert cy.problems == []
    assert cy.episodes == read_one(CLEAN).episodes
    assert {s.table for s in cy.sources} >= {"header", "episodes", "reviews", "uasc"}


@pytest.mark.parametrize(
    "bad, hint",
    [
        ("2018-05-10", "ISO"),
        ("10/05/18", "two-digit year"),
        ("31/02/2018", "not a real date"),
        ("10.05.2018", "dd/mm/yyyy"),
    ],
)
def test_a_date_not_in_dd_mm_yyyy_is_an_error_naming_file_row_column_value(tmp_path, bad, hint):
    cy = read_one(variant(tmp_path, [("episodes.csv", "A2,10/05/2018", f"A2,{bad}")]))
    (problem,) = cy.problems.errors
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "episodes.csv",
        4,
        "DECOM",
        bad,
    )
    assert (problem.rule, problem.child) == ("E-DATE", "A2")
    assert hint in problem.message
    assert str(problem).startswith(f"episodes.csv, row 4, column DECOM, value '{bad}'")


def test_an_unreadable_date_in_a_non_key_column_keeps_the_row(tmp_path):
    cy = read_one(variant(tmp_path, [("header.csv", "A1,1,15/06/2010", "A1,1,2010-06-15")]))
    assert rules(cy.problems) == {"E-DATE"}
    assert next(c for c in cy.children if c.child == "A1").dob is None


def test_mother_written_1_0_is_read_as_1_with_a_warning(tmp_path):
    cy = read_one(
        variant(tmp_path, [("header.csv", "WOTH,B123456789012,0,", "WOTH,B123456789012,1.0,")])
    )
    (warning,) = cy.problems
    assert (warning.severity, warning.rule, warning.row, warning.value) == (
        "warning",
        "W-DECIMAL",
        4,
        "1.0",
    )
    assert next(c for c in cy.children if c.child == "A3").mother == "1"


def test_a_row_for_a_child_with_no_header_row_is_an_error(tmp_path):
    cy = read_one(variant(tmp_path, add={"reviews.csv": "Z9,01/01/2010,01/06/2018,PN1\n"}))
    (error,) = cy.problems
    assert (error.rule, error.file, error.row, error.column, error.value) == (
        "E-NO-HEADER",
        "reviews.csv",
        7,
        "CHILD",
        "Z9",
    )


def test_a_year_without_a_header_table_is_one_error(tmp_path):
    cy = read_one(variant(tmp_path, drop=("header.csv",)))
    assert [p.rule for p in cy.problems] == ["E-NO-HEADER"]


def test_conflicting_duplicates_are_errors_and_identical_ones_warnings(tmp_path):
    cy = read_one(
        variant(
            tmp_path,
            add={
                "reviews.csv": "A1,15/06/2010,25/04/2018,PN1\nA1,15/06/2010,20/10/2018,PN7\n",
            },
        )
    )
    warning, error = cy.problems
    assert (warning.rule, warning.severity, warning.row) == ("W-DUPLICATE", "warning", 7)
    assert (error.rule, error.severity, error.row) == ("E-DUPLICATE", "error", 8)
    assert (error.column, error.value) == ("REVIEW_CODE", "PN7")
    assert "row 3" in error.message
    assert len(cy.reviews) == 5


def test_a_missing_required_column_is_an_error(tmp_path):
    cy = read_one(variant(tmp_path, [("reviews.csv", ",REVIEW_CODE", ",PARTICIPATION")]))
    (error,) = cy.problems.errors
    assert (error.rule, error.file, error.row, error.column) == (
        "E-MISSING-COLUMN",
        "reviews.csv",
        1,
        "REVIEW_CODE",
    )


def test_a_missing_optional_column_is_a_warning_and_reads_blank(tmp_path):
    path = variant(tmp_path)
    lines = (path / "episodes.csv").read_text().splitlines()
    (path / "episodes.csv").write_text("\n".join(line.rsplit(",", 1)[0] for line in lines))
    cy = read_one(path)
    (warning,) = cy.problems
    assert (warning.rule, warning.column) == ("W-MISSING-COLUMN", "URN")
    assert {e.urn for e in cy.episodes} == {""}


def test_an_extra_column_is_a_warning(tmp_path):
    path = variant(tmp_path)
    lines = (path / "reviews.csv").read_text().splitlines()
    (path / "reviews.csv").write_text("\n".join(f"{line},x" for line in lines) + "\n")
    cy = read_one(path)
    assert [(p.rule, p.column) for p in cy.problems] == [("W-EXTRA-COLUMN", "X")]
    assert cy.reviews == read_one(CLEAN).reviews


def test_headers_of_no_table_are_an_error(tmp_path):
    cy = read_one(variant(tmp_path, add={"notes.csv": "NAME,COMMENT\nx,y\n"}))
    (error,) = cy.problems
    assert (error.rule, error.file) == ("E-UNKNOWN-TABLE", "notes.csv")


@pytest.mark.parametrize(
    "content, rule",
    [
        ("CHILD,DOB,REVIEW,REVIEW_CODE\n".encode("utf-16"), "E-ENCODING"),
        (
            "CHILD,DOB,REVIEW,REVIEW_CODE\nA1,15/06/2010,25/04/2018,PN1 é\n".encode("latin-1"),
            "E-ENCODING",
        ),
        (b"CHILD,DOB,REVIEW,REVIEW_CODE\nA1,\x00,25/04/2018,PN1\n", "E-ENCODING"),
        (b"", "E-EMPTY"),
        (b"\n\n", "E-EMPTY"),
        (b"CHILD,DOB,REVIEW,REVIEW_CODE\nA1,15/06/2010\n", "E-ROW-LENGTH"),
        (b"CHILD,DOB,REVIEW,REVIEW_CODE\nA1,15/06/2010,25/04/2018,PN1,extra\n", "E-ROW-LENGTH"),
        (
            b"CHILD,DOB,REVIEW,REVIEW_CODE\nA1,15/06/2010,25/04/2018," + b"P" * 300 + b"\n",
            "E-TOO-LONG",
        ),
        (
            b'CHILD,DOB,REVIEW,REVIEW_CODE\nA1,15/06/2010,25/04/2018,"' + b"P" * 200_000 + b'"\n',
            "E-CSV",
        ),
        (b"CHILD,DOB,REVIEW,CHILD,REVIEW_CODE\n", "E-DUPLICATE-COLUMN"),
        (b"CHILD,DOB,REVIEW,REVIEW_CODE\n,15/06/2010,25/04/2018,PN1\n", "E-MISSING-VALUE"),
        (b"CHILD,DOB,REVIEW,REVIEW_CODE\nA1,15/06/2010,,PN1\n", "166"),
    ],
)
def test_unreadable_content_is_an_error_naming_the_file(tmp_path, content, rule):
    path = variant(tmp_path, drop=("reviews.csv",))
    (path / "bad reviews.csv").write_bytes(content)
    cy = read_one(path)
    assert rule in rules(cy.problems.errors)
    assert {p.file for p in cy.problems.errors} == {"bad reviews.csv"}


def test_a_spreadsheet_in_the_folder_is_an_error(tmp_path):
    cy = read_one(variant(tmp_path, add={"header.xlsx": "PK"}))
    assert [(p.rule, p.file) for p in cy.problems] == [("E-UNREADABLE", "header.xlsx")]


def test_trailing_empty_cells_blank_lines_and_empty_rows_are_ignored(tmp_path):
    path = variant(tmp_path)
    lines = (path / "reviews.csv").read_text().splitlines()
    (path / "reviews.csv").write_text("\n".join([lines[0], lines[1] + ",,", "", ",,,", *lines[2:]]))
    cy = read_one(path)
    assert cy.problems == []
    assert cy.reviews == read_one(CLEAN).reviews
    assert [r.source_row for r in cy.reviews] == [2, 5, 6, 7, 8]  # rows as a spreadsheet shows


def test_date_perm_accepts_the_dfe_partial_dates(tmp_path):
    good = read_one(variant(tmp_path, [("previous_permanence.csv", "zz/zz/zzzz", "ZZ/05/2010")]))
    assert good.problems == []
    assert good.previous_permanence[1].date_perm == "ZZ/05/2010"
    bad = read_one(variant(tmp_path / "2", [("previous_permanence.csv", "zz/zz/zzzz", "zz/13")]))
    assert [(p.rule, p.column) for p in bad.problems] == [("E-DATE", "DATE_PERM")]


def test_a_table_read_for_a_year_before_it_existed_is_a_warning(tmp_path):
    text = "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\nA1,15/06/2010,SW1,01/05/2018,,MANAGE\n"
    cy = read_one(variant(tmp_path, add={"sw.csv": text}))
    assert [p.rule for p in cy.problems] == ["W-TABLE-YEAR"]
    assert len(cy.sw_episodes) == 1


# --- collection years ------------------------------------------------------------------


def test_the_year_comes_from_the_latest_decom_when_not_given():
    cy = read_one(CLEAN, year=None)
    assert (cy.year, cy.year_source) == (2018, "dates")
    (note,) = cy.problems
    assert (note.rule, note.severity, note.value) == ("W-YEAR", "warning", "01/09/2018")


def test_the_year_comes_from_a_file_name_prefix(tmp_path):
    prefixed = tmp_path / "p"
    prefixed.mkdir()
    for path in CLEAN.iterdir():
        (prefixed / f"2019-{path.name}").write_bytes(path.read_bytes())
    cy = read_one(prefixed, year=None)
    assert (cy.year, cy.year_source, cy.problems) == (2019, "file name", [])


def test_a_year_without_episodes_cannot_be_inferred(tmp_path):
    cy = read_one(variant(tmp_path, drop=("episodes.csv",)), year=None)
    assert cy.year is None
    assert "E-YEAR" in rules(cy.problems.errors)


def test_single_files_given_together_are_one_year():
    (cy,) = read_return([CLEAN / "header.csv", CLEAN / "episodes.csv"], year=2018)
    assert (len(cy.children), len(cy.episodes), cy.problems) == (4, 5, [])


def test_two_inputs_of_the_same_year_are_an_error(tmp_path):
    years = read_return([CLEAN, variant(tmp_path)])
    assert [cy.year for cy in years] == [2018, 2018]
    assert "E-YEAR" in rules(years[1].problems)


def test_a_path_that_does_not_exist_is_an_error_in_a_year_of_its_own(tmp_path):
    years = read_return([CLEAN, tmp_path / "nowhere"], year=None)
    assert [cy.year for cy in years] == [2018, None]
    (error,) = years[1].problems
    assert (error.rule, error.file) == ("E-UNREADABLE", str(tmp_path / "nowhere"))


def test_progress_is_reported_at_most_every_thousand_rows(tmp_path):
    path = variant(tmp_path)
    days = (date(2018, 4, 1) + timedelta(days=n) for n in range(2016))
    rows = "".join(f"A1,15/06/2010,{format_date(d)},PN1\n" for d in days)
    (path / "reviews.csv").write_text("CHILD,DOB,REVIEW,REVIEW_CODE\n" + rows)
    calls = []
    read_return([path], year=2018, progress=lambda *args: calls.append(args))
    reviews = [c for c in calls if c[0] == "reviews.csv"]
    assert [c[1] for c in reviews] == [1000, 2000, 2017]  # 1 header + 2016 data rows
    assert {c[2] for c in reviews} == {2017}


# --- XML -------------------------------------------------------------------------------


def test_the_xml_return_reads_the_same_rows_as_the_csv_files():
    xml, csv = read_one(CLEAN_XML), read_one(CLEAN)
    assert xml.problems == []
    for table in TABLES:
        assert getattr(xml, table) == getattr(csv, table), table
    assert xml.sources[0].table == "xml"
    assert xml.reviews[2].source_row == 2  # the second <CHILD>


def _xml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "return.xml"
    path.write_text(text)
    return path


def test_xml_with_a_doctype_is_refused(tmp_path):
    text = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><EXPSSDA903></EXPSSDA903>'
    cy = read_one(_xml(tmp_path, text))
    assert [p.rule for p in cy.problems] == ["E-XML"]


def test_malformed_xml_names_the_child(tmp_path):
    text = CLEAN_XML.read_text().replace("<CIN>N2</CIN>", "<CIN>N2</CN>", 1)
    cy = read_one(_xml(tmp_path, text))
    (error,) = cy.problems.errors
    assert (error.rule, error.row) == ("E-XML", 2)
    assert error.message.startswith("child 2:")
    assert str(error).startswith("return.xml, child 2:")


def test_xml_problems_say_which_child(tmp_path):
    text = CLEAN_XML.read_text().replace("<REVIEW>01/12/2018", "<REVIEW>2018-12-01", 1)
    text = text.replace("<HEADER>", "<HEADER><FAVOURITE_COLOUR>red</FAVOURITE_COLOUR>", 1)
    cy = read_one(_xml(tmp_path, text))
    warning, error = cy.problems
    assert (warning.rule, warning.row, warning.column) == ("W-EXTRA-COLUMN", 1, "FAVOURITE_COLOUR")
    assert (error.rule, error.row, error.column, error.value) == (
        "E-DATE",
        2,
        "REVIEW",
        "2018-12-01",
    )
    assert error.message.startswith("child 2: ")


def test_xml_with_another_root_is_refused(tmp_path):
    cy = read_one(_xml(tmp_path, "<CINCENSUS><CHILD/></CINCENSUS>"))
    assert [p.rule for p in cy.problems] == ["E-XML"]


def test_child_and_review_classes_are_frozen():
    with pytest.raises(AttributeError):
        read_one(CLEAN).children[0].sex = "2"  # type: ignore[misc]
    assert Child.__dataclass_params__.frozen and Review.__dataclass_params__.frozen
