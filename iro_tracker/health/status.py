"""Read side: where each child's health checks stand, for one record or a whole list.

Everything is computed by ``rules.health`` from the rows; the functions for many children
run a fixed number of queries, whatever the number of children.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from iro_tracker.children.models import CareEpisode, Child
from iro_tracker.health.models import (
    DentalCheck,
    HealthAssessment,
    ImmunisationRecord,
    Kind,
    SdqScore,
)
from iro_tracker.rules.calendar import format_date
from iro_tracker.rules.health import (
    INITIAL,
    REVIEW,
    SDQ_MONTHS,
    Assessment,
    HealthStatus,
    health_status,
    sdq_expected,
    yearly_due,
)
from iro_tracker.rules.settings import DEFAULT as RULES
from iro_tracker.rules.timescales import Due


def as_assessment(row: HealthAssessment) -> Assessment:
    kind = INITIAL if row.kind == Kind.INITIAL else REVIEW
    return Assessment(kind, row.completed_on, row.requested_on, row.refused_on, key=row)


@dataclass
class ChildHealth:
    """Everything the child's record shows about health, with what is overdue."""

    status: HealthStatus
    assessments: list[HealthAssessment]
    dental: list[DentalCheck]
    dental_due: Due | None
    immunisations: ImmunisationRecord | None
    sdq: list[SdqScore]
    sdq_due: Due | None
    overdue: list[str]

    @property
    def iha(self):
        return self.status.iha

    @property
    def iha_row(self) -> HealthAssessment | None:
        iha = self.status.iha
        return iha.record.key if iha is not None and iha.record is not None else None

    @property
    def review_rows(self):
        """Review assessments, newest first, each with the due date it had."""
        return [(r.record.key, r.due, r.on_time) for r in reversed(self.status.reviews)]


def child_health(child: Child, today: date, *, episodes: Iterable | None = None) -> ChildHealth:
    """The child's health checks on ``today`` (5 queries, or 4 with ``episodes`` given)."""
    episodes = list(episodes if episodes is not None else child.episodes.order_by("decom"))
    rows = list(child.health_assessments.all())  # Meta.ordering: done, then outstanding
    status = health_status(
        child.date_of_birth,
        episodes,
        [as_assessment(r) for r in rows],
        today,
        history_from=settings.IRO_HISTORY_COMPLETE_FROM,
    )
    dental = list(child.dental_checks.order_by("-checked_on"))
    jabs = child.immunisations.order_by("-recorded_on", "-pk").first()
    sdq = list(child.sdq_scores.order_by("-completed_on"))
    overdue = list(status.overdue)
    dental_due = sdq_due = None
    period = status.period
    if status.looked_after and period is not None:
        dental_due = yearly_due(
            dental[0].checked_on if dental else None,
            period.start,
            RULES.dental_check_months,
            "dental check",
        )
        if today > dental_due.date:
            overdue.append(f"Dental check overdue: due {format_date(dental_due.date)}.")
        if sdq_expected(child.date_of_birth, today):
            scored = [s for s in sdq if s.score is not None or s.reason]
            sdq_due = yearly_due(
                scored[0].completed_on if scored else None, period.start, SDQ_MONTHS, "SDQ"
            )
            if today > sdq_due.date:
                overdue.append(f"SDQ overdue: due {format_date(sdq_due.date)}.")
    return ChildHealth(status, rows, dental, dental_due, jabs, sdq, sdq_due, overdue)


def assessments_overdue(children: Iterable[Child], today: date) -> dict[int, list[str]]:
    """For each child (by pk), the overdue health assessments: IHA and review (2 queries).

    Only the statutory assessments, not dental checks or SDQs: this is what the caseload
    and the work queue flag.
    """
    ids = [c.pk for c in children]
    by_child = {c.pk: c for c in children}
    episodes: dict[int, list] = defaultdict(list)
    for e in CareEpisode.objects.filter(child_id__in=ids).order_by("decom"):
        episodes[e.child_id].append(e)
    rows: dict[int, list[Assessment]] = defaultdict(list)
    for row in HealthAssessment.objects.filter(child_id__in=ids):
        rows[row.child_id].append(as_assessment(row))
    found: dict[int, list[str]] = {}
    for pk in ids:
        status = health_status(
            by_child[pk].date_of_birth,
            episodes[pk],
            rows[pk],
            today,
            history_from=settings.IRO_HISTORY_COMPLETE_FROM,
        )
        if status.overdue:
            found[pk] = list(status.overdue)
    return found


def annotate_caseload(rows, today: date) -> None:
    """Set ``row.health_overdue`` (a list of sentences) on each caseload row (2 queries)."""
    overdue = assessments_overdue([row.review.child for row in rows], today)
    for row in rows:
        row.health_overdue = overdue.get(row.review.child_id, [])
