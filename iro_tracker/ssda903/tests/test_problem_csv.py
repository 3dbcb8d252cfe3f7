"""The problems report is opened in spreadsheets: values from uploaded files must stay text."""

from iro_tracker.ssda903.problems import Problem, ProblemList


def test_a_value_that_looks_like_a_formula_is_escaped_in_the_problems_csv():
    problems = ProblemList(
        [Problem("episodes.csv", 4, "LS", "=HYPERLINK(1)", "144", "Unknown code", "finding")]
    )
    text = problems.to_csv_text()
    assert "'=HYPERLINK(1)" in text
    assert ",=HYPERLINK" not in text
