"""The letter: template by age band, readability, versions, sending."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from iro_tracker.outcomes import letters
from iro_tracker.outcomes.models import Band, LetterVersion
from iro_tracker.outcomes.tests.factories import (
    decision,
    full_record,
    held,
    looked_after_child,
    meeting,
)

pytestmark = pytest.mark.django_db
TODAY = date(2019, 3, 1)
HELD = date(2019, 1, 17)

SIX_WISHES = (
    "You said you like your foster home. You like to play with the dog.\n\n"
    "You want to see your mum more."
)
FIFTEEN_WISHES = (
    "You told us you want to stay with your carers until you finish school. You want more say"
    " in when you see your dad. You would like to learn to cook before you move on."
)


@pytest.mark.parametrize(
    "age,band",
    [
        (0, Band.UNDER_8),
        (7, Band.UNDER_8),
        (8, Band.AGE_8_TO_12),
        (12, Band.AGE_8_TO_12),
        (13, Band.AGE_13_PLUS),
        (17, Band.AGE_13_PLUS),
    ],
)
def test_band_is_by_age_at_the_review(age, band):
    assert letters.band_for(age) == band


def six_and_fifteen(iro):
    six = looked_after_child("L6", date(2012, 7, 1), iro, first="Mia")
    fifteen = looked_after_child("L15", date(2003, 9, 1), iro, first="Jay")
    r6, r15 = held(six, HELD, iro), held(fifteen, HELD, iro)
    meeting(r6, iro, SIX_WISHES)
    decision(
        r6,
        iro,
        "You will stay with your foster family",
        "This is because you are happy and safe there",
        date(2019, 2, 28),
    )
    decision(
        r6,
        iro,
        "You will see your mum once a month",
        "This is because you miss her",
        date(2019, 2, 15),
    )
    meeting(r15, iro, FIFTEEN_WISHES, gathered=["in_person", "form"])
    decision(
        r15,
        iro,
        "You will stay with your carers until you are 18",
        "You told us you feel settled there, and it means you can finish your exams",
        date(2019, 3, 31),
    )
    decision(
        r15,
        iro,
        "Your social worker will ask your dad to agree a plan for contact with you",
        "You want more say in when you see him",
        date(2019, 2, 28),
    )
    decision(
        r15,
        iro,
        "Your carers will help you learn to cook and manage money",
        "This will help you get ready to live on your own",
        date(2019, 4, 30),
    )
    return r6.outcome, r15.outcome


@time_machine.travel(TODAY)
def test_letters_for_a_6_and_a_15_year_old_differ_in_template_and_are_easy_to_read(allocated_iro):
    record6, record15 = six_and_fifteen(allocated_iro)
    six = letters.create_letter(record6, user=allocated_iro)
    fifteen = letters.create_letter(record15, user=allocated_iro)
    assert (six.band, fifteen.band) == (Band.UNDER_8, Band.AGE_13_PLUS)
    assert six.greeting == "Hello Mia!"
    assert fifteen.greeting == "Dear Jay,"
    assert letters.heading(six) == "A letter for you, Mia"
    assert letters.heading(fifteen) == "Your review on 17 January 2019"
    assert six.opening != fifteen.opening
    for version, wishes in ((six, SIX_WISHES), (fifteen, FIFTEEN_WISHES)):
        assert wishes.split("\n")[0] in version.told
        assert "You will stay with your" in version.decided
        reading = letters.reading(version)
        print(version.band, reading)
        assert not reading.too_hard, reading.summary
    assert "This is because you miss her." in six.decided
    assert "0800 1111" in six.contact and "0800 1111" in fifteen.contact
    assert "by 15 February" in six.next_steps
    assert "Due by 28 February 2019" in fifteen.next_steps


@time_machine.travel(TODAY)
def test_the_letter_says_when_the_next_review_is(allocated_iro):
    child = looked_after_child("N1", date(2008, 1, 1), allocated_iro)
    review = held(child, HELD, allocated_iro)
    meeting(review, allocated_iro, "You like school.")
    version = letters.create_letter(review.outcome, user=allocated_iro)
    # Review 1 held 17 Jan 2019: review 2 is due 3 months later.
    assert "Your next review will be by 17 April 2019." in version.next_steps


@time_machine.travel(TODAY)
def test_a_letter_needs_the_childs_wishes_and_is_started_once(allocated_iro):
    child = looked_after_child("N2", date(2008, 1, 1), allocated_iro)
    review = held(child, HELD, allocated_iro)
    record = full_record(review, allocated_iro)
    letters.create_letter(record, user=allocated_iro)
    with pytest.raises(ValidationError, match="already been started"):
        letters.create_letter(record, user=allocated_iro)


@pytest.fixture
def draft(allocated_iro):
    with time_machine.travel(TODAY):
        child = looked_after_child("V1", date(2008, 1, 1), allocated_iro)
        review = held(child, HELD, allocated_iro)
        return letters.create_letter(full_record(review, allocated_iro), user=allocated_iro)


def parts(version, **changes):
    return {**{name: getattr(version, name) for name in letters.LETTER_FIELDS}, **changes}


@time_machine.travel(TODAY)
def test_a_draft_is_edited_and_a_final_version_never_changes(draft, allocated_iro):
    edited = letters.update_draft(
        draft, parts(draft, told="You told me about your bike."), user=allocated_iro
    )
    assert edited.told == "You told me about your bike."
    final = letters.finalise(edited, user=allocated_iro)
    assert final.is_final and final.finalised_by == allocated_iro
    with pytest.raises(ValidationError, match="final"):
        letters.update_draft(final, parts(final, told="Changed"), user=allocated_iro)
    with pytest.raises(ValidationError, match="final"):
        letters.regenerate_draft(final, user=allocated_iro)
    # Whatever path tries, the model refuses to change a final letter's words.
    stored = LetterVersion.objects.get(pk=final.pk)
    stored.told = "Sneaky change"
    with pytest.raises(PermissionError):
        stored.save()
    assert LetterVersion.objects.get(pk=final.pk).told == "You told me about your bike."


@time_machine.travel(TODAY)
def test_revise_starts_a_new_draft_version_and_keeps_the_final_one(draft, allocated_iro):
    with pytest.raises(ValidationError, match="still a draft"):
        letters.revise(draft, user=allocated_iro)
    final = letters.finalise(draft, user=allocated_iro)
    second = letters.revise(final, user=allocated_iro)
    assert (second.number, second.status, second.told) == (2, "draft", final.told)
    with pytest.raises(ValidationError, match="already exists"):
        letters.revise(final, user=allocated_iro)
    letters.update_draft(second, parts(second, told="Now about your bike."), user=allocated_iro)
    assert LetterVersion.objects.get(pk=final.pk).told == final.told


@time_machine.travel(TODAY)
def test_an_empty_section_is_refused(draft, allocated_iro):
    with pytest.raises(ValidationError) as error:
        letters.update_draft(draft, parts(draft, decided="  "), user=allocated_iro)
    assert "decided" in error.value.message_dict


@time_machine.travel(TODAY)
def test_only_a_final_letter_is_sent_and_timeliness_counts_working_days(draft, allocated_iro):
    from iro_tracker.outcomes.queries import letter_timeliness

    with pytest.raises(ValidationError, match="finalise"):
        letters.record_sent(draft, sent_on=date(2019, 1, 20), method="post", user=allocated_iro)
    final = letters.finalise(draft, user=allocated_iro)
    with pytest.raises(ValidationError, match="before the review"):
        letters.record_sent(final, sent_on=date(2019, 1, 16), method="post", user=allocated_iro)
    # Thu 17 Jan 2019 + 5 working days = Thu 24 Jan.
    sent = letters.record_sent(
        final, sent_on=date(2019, 1, 24), method="handed", user=allocated_iro
    )
    timeliness = letter_timeliness(sent.record.review, [sent], TODAY)
    assert timeliness.within is True
    assert timeliness.sentence == (
        "Done 24 Jan 2019, in time. Due 24 Jan 2019: 5 working days after the review on"
        " 17 Jan 2019."
    )
    sent = letters.record_sent(final, sent_on=date(2019, 1, 28), method="post", user=allocated_iro)
    assert letter_timeliness(sent.record.review, [sent], TODAY).sentence.startswith(
        "Done 28 Jan 2019, 2 working days late."
    )


@time_machine.travel(TODAY)
def test_the_letter_timescale_is_a_setting(draft, allocated_iro, settings):
    from iro_tracker.outcomes.queries import letter_timeliness

    settings.IRO_LETTER_WORKING_DAYS = 10
    final = letters.finalise(draft, user=allocated_iro)
    sent = letters.record_sent(final, sent_on=date(2019, 1, 28), method="post", user=allocated_iro)
    assert letter_timeliness(sent.record.review, [sent], TODAY).within is True
