"""The annual report's issues-resolution section, read from the database through the hook."""

from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from iro_tracker.disputes.models import Outcome, Stage, Theme
from iro_tracker.disputes.reporting import disputes_extra
from iro_tracker.disputes.services import escalate_issue, raise_issue, resolve_issue
from iro_tracker.reviews.models import Status
from iro_tracker.reviews.services import schedule_review
from iro_tracker.rules.metrics import Snapshot, annual_report
from iro_tracker.rules.metrics.tests.builders import child as child_record

pytestmark = pytest.mark.django_db


@time_machine.travel(date(2019, 6, 1))
def test_disputes_extra_fills_the_issues_resolution_section(child, allocated_iro):
    issue = raise_issue(
        child,
        theme=Theme.CARE_PLAN,
        summary="No plan.",
        raised_on=date(2019, 1, 7),
        responder="SW",
        user=allocated_iro,
    )
    escalate_issue(
        issue,
        stage=Stage.objects.get(name="Head of service"),
        on=date(2019, 1, 14),
        responder="HoS",
        user=allocated_iro,
    )
    resolve_issue(issue, outcome=Outcome.RESOLVED, closed_on=date(2019, 2, 1), user=allocated_iro)
    snapshot = Snapshot([child_record(child.local_id)], [], [], extra=disputes_extra())
    section = annual_report(snapshot, 2018)["issues_resolution"]
    assert section["raised"] == section["formal"] == section["resolved_within_20_working_days"] == 1
    assert section["by_theme"]["Care plan"] == 1
    assert section["highest_stage"]["Head of service"] == 1
    assert section["outcomes"]["Resolved"] == 1
    assert set(section) >= {"documentation", "oversight", "cafcass_referrals"}
    assert annual_report(snapshot, 2019)["issues_resolution"]["raised"] == 0


def test_the_check_documents_command_is_idempotent(child, support):
    with time_machine.travel(date(2019, 4, 1)):
        schedule_review(
            child.reviews.get(status=Status.DUE), scheduled_date=date(2019, 4, 24), user=support
        )
    outputs = []
    for _ in range(2):
        out = StringIO()
        with time_machine.travel(date(2019, 4, 18)):
            call_command("check_documents", stdout=out)
        outputs.append(out.getvalue().strip())
    assert outputs == [
        "Documentation issues raised: 1, closed: 0.",
        "Documentation issues raised: 0, closed: 0.",
    ]
