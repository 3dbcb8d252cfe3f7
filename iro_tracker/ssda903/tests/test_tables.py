from datetime import date

import pytest

from iro_tracker.ssda903.tables import (
    EPISODES,
    HEADER,
    REVIEWS,
    TABLES,
    UASC,
    closest_table,
    format_date,
    identify_table,
    parse_date,
)


@pytest.mark.parametrize("spec", TABLES, ids=lambda s: s.name)
def test_each_table_is_recognised_by_its_exact_headers(spec):
    assert identify_table(spec.columns) == (spec, [])


def test_headers_are_trimmed_and_case_insensitive():
    headers = ["\ufeffchild ", " Decom", *[c.lower() for c in EPISODES.columns[2:]]]
    assert identify_table(headers) == (EPISODES, [])


def test_extra_column_is_returned_for_a_warning():
    assert identify_table([*EPISODES.columns, "TEST_COLUMN"]) == (EPISODES, ["TEST_COLUMN"])


def test_header_with_a_duc_column_is_still_the_header_table():
    assert identify_table([*HEADER.columns, "DUC"]) == (HEADER, ["DUC"])


def test_uasc_needs_only_child_and_duc():
    assert identify_table(["CHILD", "DUC"])[0] is UASC


def test_episodes_without_optional_columns_are_still_episodes():
    headers = [c for c in EPISODES.columns if c not in ("URN", "PL_POST", "HOME_POST")]
    assert identify_table(headers) == (EPISODES, [])


def test_reviews_without_the_participation_code_match_no_table():
    assert identify_table(["CHILD", "DOB", "REVIEW"]) == (None, [])
    assert closest_table(["CHILD", "DOB", "REVIEW"]) == (REVIEWS, ["REVIEW_CODE"])


def test_random_headers_resemble_no_table():
    assert identify_table(["FOO", "BAR"]) == (None, [])
    assert closest_table(["FOO", "CHILD", "DOB"]) == (None, [])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("01/04/2018", date(2018, 4, 1)),
        ("29/02/2020", date(2020, 2, 29)),
        ("29/02/2019", None),
        ("2018-04-01", None),
        ("01/04/18", None),
        ("1/4/2018", None),
        ("01.04.2018", None),
        ("٠١/٠٤/٢٠١٨", None),  # Arabic-Indic digits pass str.isdigit but are not a 903 date
        ("", None),
    ],
)
def test_parse_date_accepts_dd_mm_yyyy_only(text, expected):
    assert parse_date(text) == expected


def test_format_date_is_dd_mm_yyyy():
    assert format_date(date(2019, 3, 1)) == "01/03/2019"
    assert format_date(None) == ""
