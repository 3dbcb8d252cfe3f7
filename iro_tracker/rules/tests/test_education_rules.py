"""Personal Education Plans: the first within 10 working days, then one each term."""

from dataclasses import replace
from datetime import date

from iro_tracker.rules.education import Pep, next_pep_due, pep_status, term_of
from iro_tracker.rules.periods import EpisodeRow
from iro_tracker.rules.settings import DEFAULT

D = date
DOB = D(2010, 5, 17)
CARE = [EpisodeRow(D(2018, 12, 20), None, "S", "C2", "U4")]


def test_first_pep_due_10_working_days_after_care_began():
    status = pep_status(DOB, CARE, [], D(2019, 1, 8))
    assert status.initial_due.date == D(2019, 1, 8)  # skips 25, 26 Dec and 1 Jan
    assert "skipping 25 Dec 2018, 26 Dec 2018, 1 Jan 2019" in status.initial_due.explanation
    assert status.overdue == ()
    assert pep_status(DOB, CARE, [], D(2019, 1, 9)).overdue == (
        "No PEP recorded: the first was due 8 Jan 2019.",
    )


def test_next_pep_is_due_by_the_end_of_the_following_term():
    assert term_of(D(2018, 10, 15)).name == "autumn"
    due = next_pep_due(D(2018, 10, 15))
    assert due.date == D(2019, 3, 31)
    assert due.explanation == (
        "Due 31 Mar 2019: a PEP is reviewed each term; the last one, on 15 Oct 2018, was in"
        " the autumn term, so the next is due by the end of the spring term."
    )
    assert next_pep_due(D(2019, 1, 7)).date == D(2019, 8, 31)  # spring -> end of summer
    assert next_pep_due(D(2019, 6, 1)).date == D(2019, 12, 31)  # summer -> end of autumn


def test_twice_yearly_reviews_are_a_setting():
    twice = replace(DEFAULT, pep_terms=((9, 1, "autumn"), (3, 1, "spring")))
    assert next_pep_due(D(2018, 10, 15), settings=twice).date == D(2019, 8, 31)


def test_status_tracks_the_initial_pep_and_the_termly_review():
    peps = [Pep(D(2019, 1, 7))]
    status = pep_status(DOB, CARE, peps, D(2019, 9, 1))
    assert status.initial_on_time is True
    assert status.next_due.date == D(2019, 8, 31)
    assert status.overdue == ("PEP review overdue: due 31 Aug 2019.",)


def test_no_pep_is_expected_under_3_and_the_clock_starts_on_the_third_birthday():
    baby = D(2016, 1, 15)  # turns 3 on 15 Jan 2019, in care from 20 Dec 2018
    assert pep_status(baby, CARE, [], D(2019, 1, 10)).expected is False
    status = pep_status(baby, CARE, [], D(2019, 2, 1))
    assert status.initial_due.date == D(2019, 1, 29)
    assert status.overdue
