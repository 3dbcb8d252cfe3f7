"""QA figures from the database: the rows, the Snapshot.extra hook and the dashboard call."""

from datetime import date

import pytest
import time_machine

from iro_tracker.outcomes import letters, services
from iro_tracker.outcomes.models import QAQuestion
from iro_tracker.outcomes.reporting import EXTRA_KEY, qa_dashboard, qa_extra, qa_rows
from iro_tracker.outcomes.tests.factories import held, looked_after_child, meeting
from iro_tracker.rules.metrics.tests.builders import ep, snap

pytestmark = pytest.mark.django_db
TODAY = date(2019, 6, 3)


def record_with(iro, local_id, on, ha, sent=None):
    child = looked_after_child(local_id, date(2010, 1, 1), iro)
    review = held(child, on, iro)
    record = meeting(review, iro, "You like school.")
    question = QAQuestion.objects.get(code="health_assessment_up_to_date")
    services.save_qa(review, {question.pk: (ha, "")}, user=iro)
    if sent:
        version = letters.finalise(letters.create_letter(record, user=iro), user=iro)
        letters.record_sent(version, sent_on=sent, method="post", user=iro)
    return record


@time_machine.travel(TODAY)
def test_qa_extra_gives_the_annual_report_its_quality_assurance_figures(allocated_iro):
    # Held Thu 17 Jan 2019: the letter is due Thu 24 Jan.
    record_with(allocated_iro, "R1", date(2019, 1, 17), "yes", sent=date(2019, 1, 24))
    record_with(allocated_iro, "R2", date(2019, 1, 17), "no", sent=date(2019, 1, 25))
    record_with(allocated_iro, "R3", date(2019, 4, 10), "yes")  # next reporting year
    extra = qa_extra()
    assert set(extra) == {EXTRA_KEY}
    snapshot = snap([ep("R1", date(2018, 12, 20))], extra=extra)
    figures = snapshot.extra_for(EXTRA_KEY, 2018)
    assert figures["reviews_with_outcome_record"] == 2
    assert figures["health_assessment_up_to_date"]["yes_percent"] == 50.0
    assert figures["letters"]["within_timescale"] == 1
    assert figures["letters"]["late"] == 1
    assert snapshot.extra_for(EXTRA_KEY, 2019)["reviews_with_outcome_record"] == 1


@time_machine.travel(TODAY)
def test_qa_rows_run_a_fixed_number_of_queries(allocated_iro, django_assert_max_num_queries):
    for i in range(6):
        record_with(allocated_iro, f"Q{i}", date(2019, 1, 17), "yes")
    with django_assert_max_num_queries(3):
        rows = qa_rows()
    assert len(rows) == 6 and rows[0].answers == {"health_assessment_up_to_date": "yes"}


@time_machine.travel(TODAY)
def test_the_dashboard_gets_the_same_figures_for_any_period(allocated_iro):
    record_with(allocated_iro, "D1", date(2019, 5, 1), "no")
    figures = qa_dashboard(date(2019, 5, 1), date(2019, 5, 31))
    assert figures["health_assessment_up_to_date"] == {
        "yes": 0,
        "no": 1,
        "not_applicable": 0,
        "yes_percent": 0.0,
    }
