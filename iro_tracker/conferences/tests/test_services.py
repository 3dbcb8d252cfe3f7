"""Recording conferences for sibling groups: each child's due dates, plans and late reasons."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError

from iro_tracker.conferences import services
from iro_tracker.conferences.models import (
    ChildProtectionPlan,
    ConferenceChild,
    EnquiryChild,
    Kind,
    SiblingLink,
)
from iro_tracker.conferences.queries import conference_dues
from iro_tracker.conferences.siblings import siblings_of
from iro_tracker.conferences.tests.factories import initial, make_cpa, review
from iro_tracker.conftest import make_child

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime(2025, 9, 1, 12, tzinfo=UTC), tick=False)


D = date


@pytest.fixture
def chair(allocated_iro):
    return make_cpa(allocated_iro)


@pytest.fixture
def siblings():
    return [
        make_child("S1", first="Amy", last="Stone", dob=D(2012, 3, 1)),
        make_child("S2", first="Ben", last="Stone", dob=D(2015, 6, 1)),
        make_child("S3", first="Cara", last="Stone", dob=D(2019, 1, 9)),
    ]


def test_sibling_group_conference_gives_each_child_the_right_due_dates(chair, siblings):
    amy, ben, cara = siblings
    # Strategy discussion Fri 25 Apr 2025: 15 working days, skipping the early May bank
    # holiday (Mon 5 May), is Mon 19 May. The s47 enquiry began Mon 28 Apr: due Tue 20 May.
    details = services.ConferenceDetails(
        kind=Kind.INITIAL,
        held_on=D(2025, 5, 19),
        chair=chair,
        strategy_discussion_on=D(2025, 4, 25),
        s47_started_on=D(2025, 4, 28),
        attendees=[{"role": "parent", "name": "Dee Stone", "attended": True}],
    )
    conference = services.record_conference(
        details,
        [
            services.ChildOutcome(amy, "plan_started", "neglect"),
            services.ChildOutcome(ben, "plan_started", "emotional"),
            services.ChildOutcome(cara, "not_needed"),
        ],
        user=chair,
    )
    rows = {r.child.first_name: r for r in conference.rows.select_related("child")}
    for name in ("Amy", "Ben", "Cara"):
        assert rows[name].due_date == D(2025, 5, 19)
        assert rows[name].due_explanation == (
            "Due 19 May 2025: 15 working days after the strategy discussion on 25 Apr 2025,"
            " skipping 5 May 2025 (bank holiday)."
        )
        assert rows[name].s47_due_date == D(2025, 5, 20)
        assert "after the s47 enquiry started on 28 Apr 2025" in rows[name].s47_due_explanation
        assert rows[name].on_time
    # The plans start; the first review is due 3 months after the initial conference.
    for name in ("Amy", "Ben"):
        assert rows[name].next_due_date == D(2025, 8, 19)
        assert rows[name].next_due_explanation == (
            "Due 19 Aug 2025: 3 months after the initial conference on 19 May 2025."
        )
    assert rows["Cara"].next_due_date is None
    assert rows["Cara"].plan is None
    plan = ChildProtectionPlan.objects.get(child=amy)
    # First core group: 10 working days, skipping the spring bank holiday (Mon 26 May).
    assert plan.core_group_due == D(2025, 6, 3)
    assert "skipping 26 May 2025" in plan.core_group_due_explanation
    assert (plan.category, plan.chair) == ("neglect", chair)
    assert ChildProtectionPlan.objects.get(child=ben).category == "emotional"
    # One sibling group, one strategy discussion answered for all three.
    assert SiblingLink.objects.values("group").distinct().count() == 1
    assert EnquiryChild.objects.filter(conference=conference).count() == 3
    assert conference.attendees == [{"role": "parent", "name": "Dee Stone", "attended": True}]

    # The review: Amy's plan continues (6-monthly from now on), Ben's ends.
    later = review(
        [(amy, "plan_continued", "neglect"), (ben, "plan_ended", "")], D(2025, 8, 19), chair
    )
    rows = {r.child.first_name: r for r in later.rows.select_related("child")}
    assert rows["Amy"].due_date == D(2025, 8, 19) and rows["Amy"].on_time
    assert rows["Amy"].next_due_date == D(2026, 2, 19)
    assert "6 months after the previous review conference on 19 Aug 2025" in (
        rows["Amy"].next_due_explanation
    )
    assert rows["Ben"].next_due_date is None
    ben_plan = ChildProtectionPlan.objects.get(child=ben)
    assert (ben_plan.end_date, ben_plan.next_review_due) == (D(2025, 8, 19), None)
    dues = conference_dues()
    assert set(dues) == {amy.pk}
    assert dues[amy.pk].due == D(2026, 2, 19)


def test_a_late_conference_needs_a_reason(chair, siblings):
    amy, ben, _ = siblings
    with pytest.raises(ValidationError) as error:
        initial([amy, ben], D(2025, 5, 20), chair, sd=D(2025, 4, 25))
    assert error.value.message_dict["late_reason"] == [
        "The conference is 1 day late for Amy Stone (due 19 May 2025): give the reason."
    ]
    assert not ConferenceChild.objects.exists()
    assert not EnquiryChild.objects.exists()  # the strategy discussion was rolled back too
    conference = initial([amy, ben], D(2025, 5, 20), chair, sd=D(2025, 4, 25), late_reason="TRAVEL")
    assert conference.late_reason == "TRAVEL"
    assert [r.days_late for r in conference.rows.all()] == [1, 1]


def test_other_needs_details_and_an_on_time_conference_keeps_no_reason(chair, siblings):
    amy = siblings[0]
    with pytest.raises(ValidationError) as error:
        initial([amy], D(2025, 6, 2), chair, sd=D(2025, 4, 25), late_reason="OTHER")
    assert "late_reason_note" in error.value.message_dict
    conference = initial([amy], D(2025, 5, 2), chair, sd=D(2025, 4, 25), late_reason="TRAVEL")
    assert conference.late_reason == ""


def test_a_late_review_is_measured_from_the_previous_conference(chair, siblings):
    amy = siblings[0]
    initial([amy], D(2025, 5, 19), chair, sd=D(2025, 4, 25))
    with pytest.raises(ValidationError) as error:
        review([(amy, "plan_continued", "neglect")], D(2025, 8, 22), chair)
    assert "3 days late for Amy Stone (due 19 Aug 2025)" in error.value.messages[0]


def test_impossible_conferences_are_refused(chair, other_iro, siblings):
    amy, ben, _ = siblings
    initial([amy], D(2025, 5, 19), chair, sd=D(2025, 4, 25))
    with pytest.raises(ValidationError) as error:
        initial([amy], D(2025, 6, 2), chair, sd=D(2025, 5, 30))
    assert "Amy Stone is already on a plan" in error.value.message_dict["children"][0]
    with pytest.raises(ValidationError) as error:
        review([(ben, "plan_continued", "neglect")], D(2025, 8, 1), chair)
    assert "Ben Stone is not on a plan" in error.value.message_dict["children"][0]
    with pytest.raises(ValidationError) as error:
        initial([ben], D(2025, 6, 2), other_iro, sd=D(2025, 5, 30))  # not a CPA
    assert "chair" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        initial([ben], D(2025, 9, 2), chair, sd=D(2025, 8, 30))  # tomorrow
    assert "held_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        review([(amy, "plan_continued", "")], D(2025, 8, 19), chair)
    assert "Choose the category of Amy Stone's plan." in error.value.message_dict["children"]


def test_a_strategy_discussion_makes_the_initial_conference_due(support, siblings):
    amy, ben, _ = siblings
    discussion = services.record_strategy_discussion(
        [amy, ben], held_on=D(2025, 8, 22), s47_started_on=None, user=support
    )
    # Fri 22 Aug: 15 working days skipping the summer bank holiday (Mon 25 Aug) is Mon 15 Sep.
    assert discussion.icpc_due == D(2025, 9, 15)
    assert "skipping 25 Aug 2025" in discussion.icpc_due_explanation
    dues = conference_dues()
    assert {dues[amy.pk].kind, dues[ben.pk].kind} == {Kind.INITIAL}
    assert siblings_of(amy) == [ben]


def test_transfer_in_starts_a_plan_with_a_first_review_in_3_months(chair, siblings):
    amy = siblings[0]
    details = services.ConferenceDetails(kind=Kind.TRANSFER_IN, held_on=D(2025, 7, 1), chair=chair)
    conference = services.record_conference(
        details, [services.ChildOutcome(amy, "plan_started", "physical")], user=chair
    )
    row = conference.rows.get()
    assert row.due_date is None and row.on_time is None
    assert row.next_due_explanation == (
        "Due 1 Oct 2025: 3 months after the transfer-in conference on 1 Jul 2025."
    )


def test_core_groups_are_recorded_on_open_plans_only(chair, siblings):
    amy = siblings[0]
    initial([amy], D(2025, 5, 19), chair, sd=D(2025, 4, 25))
    plan = ChildProtectionPlan.objects.get(child=amy)
    services.record_core_group(plan, held_on=D(2025, 6, 2), user=chair)
    with pytest.raises(ValidationError):
        services.record_core_group(plan, held_on=D(2025, 6, 2), user=chair)
    with pytest.raises(ValidationError):
        services.record_core_group(plan, held_on=D(2025, 5, 1), user=chair)


def test_an_enquiry_closed_without_a_conference_is_no_longer_due(support, siblings):
    amy = siblings[0]
    discussion = services.record_strategy_discussion(
        [amy], held_on=D(2025, 8, 22), s47_started_on=None, user=support
    )
    enquiry = discussion.enquiry_children.get()
    with pytest.raises(ValidationError):
        services.close_enquiry(enquiry, reason=" ", user=support)
    services.close_enquiry(enquiry, reason="No continuing risk of significant harm", user=support)
    assert conference_dues() == {}
    with pytest.raises(ValidationError):
        services.close_enquiry(enquiry, reason="Again", user=support)
