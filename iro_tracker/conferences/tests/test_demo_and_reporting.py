"""The demo's child protection activity follows the rules; the report's CP figures and keys."""

from datetime import UTC, date, datetime

import pytest

from iro_tracker.conferences import demo_sim
from iro_tracker.conferences.demo import generate_cp_activity
from iro_tracker.conferences.models import (
    ChildProtectionPlan,
    ConferenceChild,
    EnquiryChild,
    Kind,
    SiblingLink,
)
from iro_tracker.conferences.reporting import cp_extra
from iro_tracker.conferences.tests.factories import make_cpa
from iro_tracker.conftest import add_episode, make_child, make_user
from iro_tracker.dashboard.tests.scenario import NOW, build
from iro_tracker.rules.metrics import Snapshot, StaffRecord, annual_report
from iro_tracker.rules.timescales import cp_review_due

pytestmark = pytest.mark.django_db


def test_demo_activity_is_deterministic_and_keeps_to_the_rules(time_machine):
    time_machine.move_to(datetime(2017, 1, 1, 12, tzinfo=UTC), tick=False)
    for i in range(3):
        make_cpa(make_user(f"cpa{i}", "chair", is_iro=True, started_on=date(2010, 1, 1)))
    looked_after = make_child("LAC1", first="Lia", last="Care", dob=date(2010, 1, 1))
    add_episode(looked_after, date(2016, 3, 1))
    first = generate_cp_activity(7, date(2016, 9, 30), start=date(2016, 1, 4))
    # About 2,400 a year, ramping up from no plans at the start.
    assert 400 < first.conference_children < 1500
    assert first.conferences * 1.6 < first.conference_children  # sibling groups
    assert SiblingLink.objects.exists()
    # Every review row's due date is what record_conference would have written.
    for row in ConferenceChild.objects.filter(conference__kind=Kind.REVIEW).select_related(
        "conference"
    )[:50]:
        earlier = list(
            ConferenceChild.objects.filter(
                plan=row.plan, conference__held_on__lt=row.conference.held_on
            )
            .order_by("conference__held_on")
            .values_list("conference__held_on", flat=True)
        )
        assert row.due_date == cp_review_due(earlier[-1], len(earlier) == 1).date
    for plan in ChildProtectionPlan.objects.filter(end_date__isnull=True)[:50]:
        last = plan.conference_rows.order_by("-conference__held_on").first().conference
        assert plan.chair_id == last.chair_id
        assert plan.next_review_due > last.held_on
    # Every answered enquiry points at an initial conference about the child.
    for enquiry in EnquiryChild.objects.filter(conference__isnull=False)[:50]:
        assert enquiry.conference.rows.filter(child=enquiry.child).exists()
    assert (ConferenceChild.objects.count(), first.plans) == (
        first.conference_children,
        ChildProtectionPlan.objects.count(),
    )


def test_the_same_seed_gives_the_same_activity():
    chairs = [
        demo_sim.Chair(1, date(2010, 1, 1), None, 1.0),
        demo_sim.Chair(2, date(2010, 1, 1), None, 0.5),
    ]

    def run(seed):
        activity = demo_sim.simulate(seed, date(2016, 6, 30), chairs, [], date(2016, 1, 4))
        return [(c.kind, c.held, c.chair, len(c.rows)) for c in activity.conferences]

    assert run(3) == run(3)
    assert run(3) != run(4)


def test_cp_extra_gives_the_report_its_cp_section_and_service_keys(
    time_machine, allocated_iro, other_iro
):
    time_machine.move_to(NOW, tick=False)
    build(allocated_iro, other_iro)
    extra = cp_extra([2025])
    cp = extra["child_protection"][2025]
    assert cp["conferences"] == {"initial": 3, "review": 0, "transfer_in": 0, "total": 3}
    assert cp["initial_conferences"]["within_15_days_strategy"] == 3
    assert cp["plans"]["started"] == 4
    service = extra["service"][2025]
    assert service["conferences_chaired"] == 3
    # On 31 Mar 2026 (as the data stands) the four plans are open, all chaired by Ada.
    assert service["cp_children"] == 4
    staff = [StaffRecord(str(allocated_iro.pk), "Ada", 1.0, is_iro=True, is_cpa=True)]
    report = annual_report(Snapshot([], [], [], staff=staff, extra=extra), 2025)
    assert report["service"]["conferences_chaired"] == 3
    assert report["service"]["cp_children"] == 4
