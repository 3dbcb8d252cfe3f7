"""QA figures from outcome records, each worked out by hand (rules.metrics.qa's definitions)."""

from dataclasses import replace
from datetime import date

from iro_tracker.rules.metrics import annual_report
from iro_tracker.rules.metrics.qa import QARow, letter_due, qa_figures, qa_for_year
from iro_tracker.rules.metrics.suppression import suppress
from iro_tracker.rules.metrics.tests.builders import ep, snap
from iro_tracker.rules.settings import DEFAULT

D = date
AS_OF = D(2019, 6, 1)


def row(n, held, answers=None, **dates):
    return QARow(f"r{n}", f"c{n}", held, answers or {}, **dates)


def test_health_assessment_and_pep_percentages_leave_out_not_applicable_and_unanswered():
    rows = [
        row(1, D(2018, 5, 1), {"health_assessment_up_to_date": "yes", "pep_up_to_date": "yes"}),
        row(2, D(2018, 6, 1), {"health_assessment_up_to_date": "yes", "pep_up_to_date": "no"}),
        row(3, D(2018, 7, 1), {"health_assessment_up_to_date": "no"}),
        row(4, D(2018, 8, 1), {"pep_up_to_date": "not_applicable"}),
        row(5, D(2018, 9, 1)),
    ]
    figures = qa_for_year(rows, 2018, as_of=AS_OF)
    assert figures["reviews_with_outcome_record"] == 5
    assert figures["reviews_with_qa"] == 4
    assert figures["health_assessment_up_to_date"] == {
        "yes": 2,
        "no": 1,
        "not_applicable": 0,
        "yes_percent": 66.7,
    }
    assert figures["pep_up_to_date"] == {
        "yes": 1,
        "no": 1,
        "not_applicable": 1,
        "yes_percent": 50.0,
    }


def test_care_plan_quality_distribution_and_good_percent_without_not_seen():
    ratings = ["good", "good", "requires_improvement", "inadequate", "not_seen"]
    rows = [row(i, D(2018, 10, i + 1), {"care_plan_quality": r}) for i, r in enumerate(ratings)]
    figures = qa_for_year(rows, 2018, as_of=AS_OF)
    assert figures["care_plan_quality"] == {
        "good": 2,
        "requires_improvement": 1,
        "inadequate": 1,
        "not_seen": 1,
        "good_percent": 50.0,
    }
    assert figures["by_question"]["care_plan_quality"]["good"] == 2


def test_no_answers_give_none_percentages_not_zero():
    figures = qa_for_year([], 2018, as_of=AS_OF)
    assert figures["health_assessment_up_to_date"]["yes_percent"] is None
    assert figures["care_plan_quality"]["good_percent"] is None
    assert figures["letters"]["within_timescale_percent"] is None


def test_only_reviews_held_in_the_reporting_year_count():
    rows = [
        row(1, D(2018, 3, 31), {"pep_up_to_date": "yes"}),  # year before
        row(2, D(2018, 4, 1), {"pep_up_to_date": "yes"}),
        row(3, D(2019, 3, 31), {"pep_up_to_date": "no"}),
        row(4, D(2019, 4, 1), {"pep_up_to_date": "no"}),  # year after
    ]
    assert qa_for_year(rows, 2018, as_of=AS_OF)["pep_up_to_date"]["yes_percent"] == 50.0


def test_letter_due_is_five_working_days_after_the_review_skipping_easter():
    # Thu 18 Apr 2019; Good Friday 19 Apr and Easter Monday 22 Apr skipped: Mon 29 Apr.
    due = letter_due(D(2019, 4, 18))
    assert due.date == D(2019, 4, 29)
    assert due.explanation == (
        "Due 29 Apr 2019: 5 working days after the review on 18 Apr 2019, skipping"
        " 19 Apr 2019, 22 Apr 2019 (bank holidays)."
    )


def test_letters_on_the_due_date_are_in_time_and_a_day_after_late_and_unsent_awaited():
    held = D(2019, 5, 20)  # Mon; + 5 working days = Mon 27 May is a bank holiday: Tue 28 May
    rows = [
        row(1, held, letter_sent=D(2019, 5, 28)),
        row(2, held, letter_sent=D(2019, 5, 29)),
        row(3, held),  # not sent, due date not passed on 1 Jun? 28 May < 1 Jun: late
        row(4, D(2019, 5, 31)),  # due 7 Jun, not sent yet on 1 Jun: awaited
    ]
    letters = qa_figures(rows, D(2019, 5, 1), D(2019, 5, 31), as_of=AS_OF)["letters"]
    assert letters == {
        "within_timescale": 1,
        "late": 2,
        "awaiting": 1,
        "within_timescale_percent": 33.3,
        "timescale": "5 working days after the review",
    }


def test_decisions_within_5_and_records_within_20_working_days():
    # Thu 20 Dec 2018: 5 working days skipping 25, 26 Dec = Mon 31 Dec; 20 working days,
    # skipping 1 Jan too = Tue 22 Jan 2019.
    held = D(2018, 12, 20)
    rows = [
        row(1, held, decisions_circulated=D(2018, 12, 31), record_circulated=D(2019, 1, 22)),
        row(2, held, decisions_circulated=D(2019, 1, 2), record_circulated=D(2019, 1, 23)),
    ]
    figures = qa_for_year(rows, 2018, as_of=AS_OF)
    assert figures["decisions_circulated"]["within_timescale"] == 1
    assert figures["decisions_circulated"]["late"] == 1
    assert figures["records_circulated"]["within_timescale_percent"] == 50.0
    assert figures["records_circulated"]["timescale"] == "20 working days after the review"


def test_the_settings_change_the_circulation_timescale():
    held = D(2018, 12, 20)
    rows = [row(1, held, decisions_circulated=D(2019, 1, 2))]
    ten_days = replace(DEFAULT, decisions_circulation_working_days=10)
    figures = qa_for_year(rows, 2018, as_of=AS_OF, settings=ten_days)
    assert figures["decisions_circulated"]["within_timescale"] == 1
    assert figures["decisions_circulated"]["timescale"] == "10 working days after the review"


def test_letter_timescale_is_a_setting():
    rows = [row(1, D(2019, 5, 20), letter_sent=D(2019, 5, 31))]
    figures = qa_figures(rows, D(2019, 5, 1), D(2019, 5, 31), as_of=AS_OF, letter_working_days=10)
    assert figures["letters"]["within_timescale"] == 1


def test_figures_go_into_the_annual_report_through_snapshot_extra_and_are_suppressed():
    rows = [
        row(1, D(2018, 5, 1), {"health_assessment_up_to_date": "yes"}),
        row(2, D(2018, 6, 1), {"health_assessment_up_to_date": "no"}),
    ]
    figures = qa_for_year(rows, 2018, as_of=AS_OF)
    snapshot = snap([ep("c1", D(2018, 4, 1))], [], extra={"health": {2018: figures}})
    # Until the lead adds a "quality_assurance" section, "health" proves the extra contract.
    report = annual_report(snapshot, 2018)
    assert report["health"]["health_assessment_up_to_date"]["yes_percent"] == 50.0
    published = suppress({"quality_assurance": figures}, 5)["quality_assurance"]
    assert published["health_assessment_up_to_date"]["yes"] == "<5"
    assert published["health_assessment_up_to_date"]["yes_percent"] == "c"
    assert published["letters"]["timescale"] == "5 working days after the review"
