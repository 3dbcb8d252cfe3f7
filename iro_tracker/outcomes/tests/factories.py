"""Small factories for outcome tests: a held review, a full outcome record, a letter."""

from datetime import date, timedelta

from iro_tracker.children.models import Allocation
from iro_tracker.conftest import add_episode, make_child
from iro_tracker.outcomes import letters, services
from iro_tracker.outcomes.models import QAQuestion
from iro_tracker.reviews.services import add_held_review, refresh_schedule

# Third-party and QA text that must never reach a letter: distinctive so a search is exact.
ATTENDEES = [("Priya Fostercarer", "carer"), ("Gerald Socialworker", "social_worker")]
OWNER = "Quentin Ownerperson"
QA_COMMENT = "QACOMMENT health assessment was missing the dental history"


def looked_after_child(local_id, dob, iro, *, first="Alex", since=date(2018, 12, 20)):
    child = make_child(local_id, dob=dob, first=first, last="Smith")
    add_episode(child, since)
    Allocation.objects.create(child=child, iro=iro, start_date=since)
    refresh_schedule(child, as_of=since)
    return child


def held(child, on, chair):
    review = add_held_review(child, held_date=on, participation="PN1", chair=chair)
    refresh_schedule(child, as_of=on)
    review.refresh_from_db()
    return review


def meeting(review, user, wishes, *, gathered=("in_person",), attendees=ATTENDEES):
    return services.save_meeting(
        review,
        services.MeetingDetails(
            wishes_and_feelings=wishes,
            gathered=list(gathered),
            spoke_before=True,
            spoke_alone=True,
            attendees=list(attendees),
        ),
        user=user,
    )


def decision(review, user, text, why, due, **kwargs):
    data = services.DecisionData(text=text, why=why, owner=OWNER, due_date=due, **kwargs)
    return services.add_decision(review, data, user=user)


def answer_every_question(review, user, comment=QA_COMMENT):
    answers = {}
    for q in QAQuestion.objects.all():
        rating = "inadequate" if q.kind == "quality" else "no"
        answers[q.pk] = (rating, f"{comment} ({q.code})")
    return services.save_qa(review, answers, user=user)


def full_record(review, user, wishes="You told me you like your school."):
    record = meeting(review, user, wishes)
    decision(
        review,
        user,
        "You will stay with your carers",
        "This is because you are happy there",
        review.held_date + timedelta(days=30),
    )
    answer_every_question(review, user)
    record.refresh_from_db()
    return record


def letter_for(record, user):
    return letters.create_letter(record, user=user)
