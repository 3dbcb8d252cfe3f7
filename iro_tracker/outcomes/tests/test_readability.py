"""The readability check (no database): grades, targets per band, what is left out."""

import pytest

from iro_tracker.outcomes import readability

EASY = "You like your school. You want a dog. We will meet again in June."
HARD = (
    "The independent reviewing officer considered comprehensive documentation regarding"
    " placement stability and educational attainment, recommending continuation of the"
    " current arrangements pending multidisciplinary assessment."
)


def test_short_everyday_sentences_pass_every_band():
    for band in readability.TARGETS:
        assert not readability.check(EASY, band).too_hard


def test_professional_jargon_is_too_hard_even_for_a_teenager():
    reading = readability.check(HARD, "13_plus")
    assert reading.too_hard
    assert reading.long_sentences == (HARD,)
    assert "The target for 13+ is grade 6.5 or below." in reading.summary


@pytest.mark.parametrize("band,target", [("under_8", 2.5), ("8_to_12", 4.5), ("13_plus", 6.5)])
def test_targets_rise_with_the_age_band(band, target):
    assert readability.check(EASY, band).target == target


def test_contact_details_are_not_scored_as_words():
    plain = readability.grade(EASY)
    with_contacts = readability.grade(
        EASY + " Email ada.reviewer@example.gov.uk or call 01234 567890 or www.childline.org.uk."
    )
    assert with_contacts - plain < 1.5
    assert readability.grade("") == 0.0


def test_list_items_count_as_sentences():
    as_list = "- You will see your brother\n- You will stay at your school\n- You will get a bike"
    assert readability.check(as_list, "under_8").long_sentences == ()
    assert readability.grade(as_list) < 2.5
