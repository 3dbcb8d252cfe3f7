"""Work-queue items for initial health assessments (for ``iro_tracker.workqueue``).

``items(today, user)`` lists children looked after now who became looked after at least 10
working days ago (a setting: ``iha_alert_working_days``) and whose initial health
assessment has no outcome recorded yet, so the unit can prompt the social worker before
the 20-working-day deadline (seed report §6.6: "the IRO Administrative Support Officer"
resumes this). Each item is a dict with exactly the fields of ``workqueue.registry.WorkItem``,
due on the IHA's due date; ``provider`` returns ``WorkItem`` objects ready for
``registry.register(provider)``.

Who sees what: business support and managers every child, a chair their allocated
children, a read-only user nothing. The item goes once the IHA is completed or refused.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.conf import settings
from django.urls import reverse

from iro_tracker.children.models import CareEpisode
from iro_tracker.health.models import HealthAssessment
from iro_tracker.health.overview import looked_after_now
from iro_tracker.health.status import as_assessment
from iro_tracker.rules.calendar import add_working_days, format_date
from iro_tracker.rules.health import COMPLETED, REFUSED, REVIEW, iha_for_period
from iro_tracker.rules.periods import periods_of_care
from iro_tracker.rules.settings import DEFAULT as RULES

CATEGORY = "Initial health assessments to chase"


def items(today: date, user) -> list[dict]:
    """3 queries, whatever the number of children."""
    if not user.is_authenticated or user.is_read_only:
        return []
    children = looked_after_now(today)
    if user.is_chair and not (user.is_manager or user.is_business_support):
        children = children.filter(allocations__iro=user, allocations__end_date__isnull=True)
    children = list(children)
    ids = [c.pk for c in children]
    episodes: dict[int, list] = defaultdict(list)
    for e in CareEpisode.objects.filter(child_id__in=ids).order_by("decom"):
        episodes[e.child_id].append(e)
    assessments: dict[int, list] = defaultdict(list)
    for row in HealthAssessment.objects.filter(child_id__in=ids):
        assessments[row.child_id].append(as_assessment(row))
    found = []
    for child in children:
        periods = periods_of_care(episodes[child.pk])
        if not periods:
            continue
        period = periods[-1]
        mine = assessments[child.pk]
        iha = iha_for_period(period, mine, history_from=settings.IRO_HISTORY_COMPLETE_FROM)
        if iha is None or iha.outcome in (COMPLETED, REFUSED):
            continue
        if any(a.kind == REVIEW and a.done_on and a.done_on >= period.start for a in mine):
            continue  # the review schedule has taken over (as rules.health.health_status)
        alert = add_working_days(period.start, RULES.iha_alert_working_days)
        if today < alert:
            continue
        requested = iha.record.requested_on if iha.record else None
        state = f"requested {format_date(requested)}" if requested else "not yet requested"
        found.append(
            {
                "key": f"iha:{child.pk}:{period.start.isoformat()}",
                "category": CATEGORY,
                "title": f"Chase the initial health assessment for {child.display_name} ({state})",
                "due": iha.due.date,
                "explanation": iha.due.explanation,
                "url": reverse("health:iha", args=[child.pk]),
                "action": "Record the assessment",
                "child_name": child.display_name,
                "child_id": child.local_id,
            }
        )
    return found


def provider(today: date, user) -> list:
    """``items`` as ``WorkItem`` objects, for ``workqueue.registry.register``."""
    from iro_tracker.workqueue.registry import WorkItem

    return [WorkItem(**item) for item in items(today, user)]
