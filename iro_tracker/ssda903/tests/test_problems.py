import csv
import io

from iro_tracker.ssda903.problems import CSV_COLUMNS, Problem, ProblemList, Reporter


def _problems() -> ProblemList:
    problems = ProblemList()
    report = Reporter(problems, "episodes.csv")
    report.error(
        "E-DATE", "DECOM '2018-01-01' is in yyyy-mm-dd (ISO) form", 4, "DECOM", "2018-01-01", "A1"
    )
    report.finding("388", "REC X1 but no later episode", 5, "REC", "X1", "A1")
    report.finding("388", "REC X1 but no later episode", 9, "REC", "X1", "A2")
    report.warning("W-EXTRA-COLUMN", "column TEST_COLUMN ignored", 1, "TEST_COLUMN")
    return problems


def test_problem_lists_split_by_severity_and_count_by_rule():
    problems = _problems()
    assert [p.rule for p in problems.errors] == ["E-DATE"]
    assert [p.row for p in problems.findings] == [5, 9]
    assert [p.rule for p in problems.warnings] == ["W-EXTRA-COLUMN"]
    assert problems.counts_by_rule() == {"388": 2, "E-DATE": 1, "W-EXTRA-COLUMN": 1}
    assert problems.counts_by_rule("finding") == {"388": 2}
    assert [p.row for p in problems.for_child("A1")] == [4, 5]


def test_strict_turns_findings_into_errors():
    strict = _problems().strict()
    assert [p.severity for p in strict] == ["error", "error", "error", "warning"]
    assert strict.has_errors() and not ProblemList(_problems().findings).has_errors()


def test_csv_report_has_one_row_per_problem(tmp_path):
    path = tmp_path / "report.csv"
    _problems().to_csv(path)
    rows = list(csv.reader(path.open()))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[1] == [
        "episodes.csv",
        "4",
        "DECOM",
        "2018-01-01",
        "E-DATE",
        "error",
        "DECOM '2018-01-01' is in yyyy-mm-dd (ISO) form",
        "A1",
    ]
    assert rows[4][1] == "1" and len(rows) == 5
    buffer = io.StringIO()
    _problems().to_csv(buffer)
    assert buffer.getvalue() == path.read_text()


def test_a_problem_reads_as_file_row_column_value_and_message():
    problem = Problem("reviews.csv", 7, "REVIEW", "2018-1-1", "E-DATE", "bad", "error", "A1")
    assert str(problem) == "reviews.csv, row 7, column REVIEW, value '2018-1-1': [error E-DATE] bad"
    whole_file = Problem("header.xlsx", None, "", "", "E-UNREADABLE", "a spreadsheet", "error")
    assert str(whole_file) == "header.xlsx: [error E-UNREADABLE] a spreadsheet"


def test_huge_values_are_shortened_in_the_report():
    problems = ProblemList()
    Reporter(problems, "x.csv").error("E-TOO-LONG", "long", 2, "URN", "9" * 10_000)
    assert len(problems[0].value) == 63
