"""Recording health checks through the domain functions, and the 903 OC2 import."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from iro_tracker.children.models import Source
from iro_tracker.conftest import add_episode, make_child
from iro_tracker.health import services
from iro_tracker.health.models import (
    DentalCheck,
    HealthAssessment,
    ImmunisationRecord,
    Kind,
    SdqScore,
)
from iro_tracker.health.status import child_health
from iro_tracker.ssda903.tables import Oc2

pytestmark = pytest.mark.django_db

D = date


@time_machine.travel(D(2019, 2, 1))
def test_an_iha_is_requested_then_completed_late_and_the_history_says_who(child, support):
    services.record_iha(
        child, requested_on=D(2018, 12, 21), completed_on=None, refused_on=None, user=support
    )
    row = services.record_iha(
        child,
        requested_on=D(2018, 12, 21),
        completed_on=D(2019, 1, 23),
        refused_on=None,
        user=support,
    )
    assert HealthAssessment.objects.count() == 1  # the same IHA, updated
    iha = child_health(child, D(2019, 2, 1)).iha
    assert (iha.outcome, iha.working_days, iha.on_time) == ("completed", 21, False)
    assert row.history.first().history_user == support


@time_machine.travel(D(2019, 2, 1))
def test_iha_checks_dates(child):
    with pytest.raises(ValidationError) as error:
        services.record_iha(
            child, requested_on=D(2019, 1, 10), completed_on=D(2019, 1, 5), refused_on=D(2019, 2, 2)
        )
    assert set(error.value.message_dict) == {"completed_on", "refused_on"}
    with pytest.raises(ValidationError) as error:
        services.record_iha(child, requested_on=None, completed_on=None, refused_on=None)
    assert "requested_on" in error.value.message_dict


def test_no_assessment_for_a_child_on_short_breaks_only(db):
    kid = make_child("SB1")
    add_episode(kid, D(2019, 1, 2), D(2019, 1, 4), ls="V3", place="K2", rec="E8")
    with pytest.raises(ValidationError, match="regulation 48"):
        services.record_review_assessment(kid, completed_on=D(2019, 1, 3))


def test_review_assessments_across_the_fifth_birthday_with_a_frozen_clock(db, allocated_iro):
    kid = make_child("FIVE", dob=D(2014, 6, 10))  # turns 5 on 10 Jun 2019
    add_episode(kid, D(2018, 12, 20))
    with time_machine.travel(D(2019, 1, 20)):
        services.record_iha(kid, requested_on=None, completed_on=D(2019, 1, 15), refused_on=None)
    with time_machine.travel(D(2019, 6, 9)):  # the day before the birthday
        status = child_health(kid, date.today()).status
        assert status.next_review.date == D(2019, 7, 15)  # 6 months: under 5 when assessed
    with time_machine.travel(D(2019, 6, 11)):  # the day after: still 6 months
        assert child_health(kid, date.today()).status.next_review.date == D(2019, 7, 15)
    with time_machine.travel(D(2019, 7, 16)):
        assert child_health(kid, date.today()).overdue == [
            "Review health assessment overdue: due 15 Jul 2019."
        ]
        services.record_review_assessment(kid, completed_on=D(2019, 7, 16), user=allocated_iro)
        health = child_health(kid, date.today())
    assert health.status.next_review.date == D(2020, 7, 16)  # 12 months: 5 when assessed
    assert "(the child was 5 or over then)" in health.status.next_review.explanation
    assert [(row.completed_on, on_time) for row, _, on_time in health.review_rows] == [
        (D(2019, 7, 16), False)
    ]


@time_machine.travel(D(2019, 2, 1))
def test_dental_immunisations_and_sdq(child, support):
    services.record_dental_check(child, checked_on=D(2019, 1, 10), user=support)
    services.record_immunisations(child, recorded_on=D(2019, 1, 10), up_to_date=False, user=support)
    services.record_sdq(child, completed_on=D(2019, 1, 10), score=17, user=support)
    with pytest.raises(ValidationError) as error:
        services.record_sdq(child, completed_on=D(2019, 1, 10), score=41)
    assert "score" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.record_sdq(child, completed_on=D(2019, 1, 10), score=None, reason="")
    health = child_health(child, D(2019, 2, 1))
    assert health.dental_due.date == D(2020, 1, 10)
    assert (health.immunisations.up_to_date, health.sdq[0].score) == (False, 17)


def oc2(**values):
    fields = dict.fromkeys(Oc2.__dataclass_fields__, "")
    fields.pop("source_file"), fields.pop("source_row")
    fields.update(child="C001", dob=None, **values)
    return Oc2(**fields)


@time_machine.travel(D(2020, 6, 1))
def test_apply_oc2_maps_the_flags_into_the_same_records_and_is_idempotent(child):
    row = oc2(health_assessment="1", teeth_check="1", immunisations="0", sdq_score="12")
    changes = services.apply_oc2(child, row, 2019)
    assert len(changes) == 4
    assessment = HealthAssessment.objects.get()
    assert (assessment.kind, assessment.completed_on, assessment.date_known) == (
        Kind.REVIEW, D(2020, 3, 31), False,
    )  # fmt: skip
    assert (assessment.source, assessment.collection_year) == (Source.IMPORTED, 2019)
    assert DentalCheck.objects.get().checked_on == D(2020, 3, 31)
    assert ImmunisationRecord.objects.get().up_to_date is False
    assert SdqScore.objects.get().score == 12
    assert services.apply_oc2(child, row, 2019) == []  # the same row again changes nothing
    # A corrected return: no dental check after all, immunisations up to date, an SDQ reason.
    fixed = {
        "HEALTH_ASSESSMENT": "1",
        "TEETH_CHECK": "0",
        "IMMUNISATIONS": "1",
        "SDQ_REASON": "SDQ5",
    }
    services.apply_oc2(child, fixed, 2019)
    assert not DentalCheck.objects.exists()
    assert DentalCheck.history.filter(history_type="-").count() == 1  # removed, with history
    assert ImmunisationRecord.objects.get().up_to_date is True
    assert (SdqScore.objects.get().score, SdqScore.objects.get().reason) == (None, "SDQ5")


@time_machine.travel(D(2020, 6, 1))
def test_a_dated_record_entered_in_the_product_wins_over_the_return(child):
    services.record_review_assessment(child, completed_on=D(2019, 11, 5))
    services.apply_oc2(child, {"HEALTH_ASSESSMENT": "1", "TEETH_CHECK": ""}, 2019)
    assert list(HealthAssessment.objects.values_list("completed_on", "source")) == [
        (D(2019, 11, 5), Source.ENTERED)
    ]
