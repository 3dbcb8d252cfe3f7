"""One of everything a page can be about, for the tests that visit every URL.

Built through the domain functions, as of ``TODAY``: the conftest child (allocated to
``allocated_iro``, who also chairs its child protection conferences) with a held review, its
outcome record, a decision and a letter, a conference and plan, an open enquiry, an issue, a
PEP, care proceedings, an SSDA903 import run and a calendar token.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

TODAY = "2019-07-01 09:00 +0100"
YEAR = 2018


@dataclass
class Scene:
    child: object
    pending: object
    held: object
    decision: object
    letter: object
    conference: object
    plan: object
    enquiry: object
    issue: object
    pep: object
    proceedings: object
    run: object
    token: str
    chair: object


def build(personas, child, tmp_path) -> Scene:
    from iro_tracker.conferences.services import record_strategy_discussion
    from iro_tracker.conferences.tests.factories import initial, make_cpa
    from iro_tracker.court.services import Proceedings, save_proceedings
    from iro_tracker.disputes.models import Theme
    from iro_tracker.disputes.services import raise_issue
    from iro_tracker.education.services import record_pep
    from iro_tracker.outcomes.tests.factories import full_record, held, letter_for
    from iro_tracker.reviews.models import Status
    from iro_tracker.ssda903.loader import load_903
    from iro_tracker.ssda903.tests.test_loader import YEAR_2018, write_return
    from iro_tracker.workqueue.services import issue_calendar_token

    iro, manager = personas["allocated_iro"], personas["manager"]
    make_cpa(iro)
    review = held(child, date(2019, 1, 15), iro)
    record = full_record(review, iro)
    letter = letter_for(record, iro)
    conference = initial([child], date(2019, 2, 1), iro, sd=date(2019, 1, 20))
    plan = child.cp_plans.get()
    discussion = record_strategy_discussion(
        [child], held_on=date(2019, 6, 3), s47_started_on=None, user=manager
    )
    issue = raise_issue(
        child,
        theme=Theme.CARE_PLAN,
        summary="No plan.",
        raised_on=date(2019, 2, 1),
        responder="SW",
        user=iro,
    )
    pep = record_pep(child, held_on=date(2019, 3, 1), user=iro)
    proceedings = save_proceedings(
        None, [child], Proceedings(issued_on=date(2019, 1, 5)), user=manager
    )
    run = load_903([write_return(tmp_path / "y2018", YEAR_2018)], user=manager, year=2018).run
    return Scene(
        child=child,
        pending=child.reviews.get(status__in=[Status.DUE, Status.SCHEDULED]),
        held=review,
        decision=record.decisions.first(),
        letter=letter,
        conference=conference,
        plan=plan,
        enquiry=discussion.enquiry_children.get(),
        issue=issue,
        pep=pep,
        proceedings=proceedings,
        run=run,
        token=issue_calendar_token(iro),
        chair=iro,
    )
