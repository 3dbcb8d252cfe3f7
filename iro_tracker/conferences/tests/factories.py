"""Short ways to record child protection activity in tests, through the real services."""

from __future__ import annotations

from datetime import date

from iro_tracker.conferences import services
from iro_tracker.conferences.models import Kind, Outcome


def make_cpa(user):
    """Make ``user`` a chair of child protection conferences too (the dual role)."""
    user.is_cpa = True
    user.save(update_fields=["is_cpa"])
    return user


def initial(
    children,
    held_on: date,
    chair,
    *,
    sd: date,
    s47: date | None = None,
    outcome: str = Outcome.PLAN_STARTED,
    category: str = "neglect",
    late_reason: str = "",
    user=None,
):
    details = services.ConferenceDetails(
        kind=Kind.INITIAL,
        held_on=held_on,
        chair=chair,
        strategy_discussion_on=sd,
        s47_started_on=s47,
        late_reason=late_reason,
    )
    outcomes = [services.ChildOutcome(c, outcome, category) for c in children]
    return services.record_conference(details, outcomes, user=user or chair)


def review(outcomes, held_on: date, chair, *, late_reason: str = "", user=None):
    """``outcomes``: [(child, outcome, category)]."""
    details = services.ConferenceDetails(
        kind=Kind.REVIEW, held_on=held_on, chair=chair, late_reason=late_reason
    )
    items = [services.ChildOutcome(c, o, cat) for c, o, cat in outcomes]
    return services.record_conference(details, items, user=user or chair)
