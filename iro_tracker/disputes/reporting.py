"""Plain records for ``rules.metrics.disputes``, read from the database in a fixed number of
queries, and the annual report's hook.

The lead wires the annual report with ``Snapshot(..., extra={**disputes_extra(), ...})``:
``disputes_extra()`` returns ``{"issues_resolution": callable}``, the callable taking
``(snapshot, year)`` as ``Snapshot.extra_for`` expects. Children are identified by their
``local_id`` and staff by their database id as a string, as in ``reporting.snapshot``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Max
from django.utils import timezone

from iro_tracker.children.models import Allocation, Child
from iro_tracker.disputes import conf
from iro_tracker.disputes.models import (
    ChildContact,
    Issue,
    MidwayMeeting,
    Outcome,
    Stage,
    Theme,
)
from iro_tracker.reviews.models import Kind, Review, Status
from iro_tracker.rules.metrics.disputes import (
    ChallengeData,
    ContactRecord,
    CycleReview,
    DocumentRecord,
    IssueRecord,
    MidwayRecord,
    challenge_figures,
)
from iro_tracker.rules.metrics.snapshot import AllocationRecord


def issue_records() -> tuple[IssueRecord, ...]:
    rows = (
        Issue.objects.filter(child__archived=False)
        .annotate(highest=Max("steps__stage__position"))
        .values_list(
            "child__local_id",
            "theme",
            "raised_on",
            "highest",
            "automatic",
            "formal_started_on",
            "resolution_due",
            "closed_on",
            "outcome",
            "cafcass_referred_on",
        )
    )
    return tuple(
        IssueRecord(cid, theme, raised, highest or 0, *rest)
        for cid, theme, raised, highest, *rest in rows
    )


def document_records(child_filter: dict | None = None) -> tuple[DocumentRecord, ...]:
    """Reviews booked in IRO Tracker (with a ``scheduled_date``): only for them were the
    documents tracked. Imported 903 history has no document dates and would all fail.
    """
    rows = (
        Review.objects.filter(
            child__archived=False,
            scheduled_date__isnull=False,
            status__in=(Status.SCHEDULED, Status.HELD, Status.ADJOURNED),
            **(child_filter or {}),
        )
        .values_list(
            "child__local_id",
            "held_date",
            "scheduled_date",
            "care_plan_received",
            "pre_meeting_report_received",
            "child__team__name",
            "child__social_worker",
        )
        .order_by("pk")
    )
    return tuple(
        DocumentRecord(cid, held or booked, cp, pmr, team or "", worker.strip())
        for cid, held, booked, cp, pmr, team, worker in rows
    )


def challenge_data(as_of: date | None = None, *, children=None) -> ChallengeData:
    """Everything ``rules.metrics.disputes`` needs, for all children or for ``children`` (a
    queryset). Nine queries.
    """
    base = children if children is not None else Child.objects.active()
    ids = base.values("pk")
    return ChallengeData(
        as_of=as_of or timezone.localdate(),
        issues=issue_records() if children is None else (),
        documents=document_records() if children is None else (),
        dobs=dict(base.values_list("local_id", "date_of_birth")),
        reviews=tuple(
            CycleReview(*row)
            for row in Review.objects.filter(
                child__in=ids, status=Status.HELD, kind=Kind.LOOKED_AFTER
            ).values_list("child__local_id", "held_date", "period_start")
        ),
        contacts=tuple(
            ContactRecord(*row)
            for row in ChildContact.objects.filter(child__in=ids).values_list(
                "child__local_id", "on", "method", "seen_alone"
            )
        ),
        midways=tuple(
            MidwayRecord(*row)
            for row in MidwayMeeting.objects.filter(child__in=ids).values_list(
                "child__local_id", "held_on"
            )
        ),
        allocations=tuple(
            AllocationRecord(cid, str(iro), start, end)
            for cid, iro, start, end in Allocation.objects.filter(child__in=ids).values_list(
                "child__local_id", "iro_id", "start_date", "end_date"
            )
        ),
        themes=dict(Theme.choices),
        outcomes=dict(Outcome.choices),
        stages=dict(Stage.objects.values_list("position", "name")),
        pattern_count=conf.pattern_count(),
        pattern_months=conf.pattern_months(),
        contact_min_age=conf.contact_min_age(),
    )


def disputes_extra(as_of: date | None = None) -> dict[str, Any]:
    """What to put in ``Snapshot.extra``: the ``issues_resolution`` section for any year."""
    data = challenge_data(as_of)

    def issues_resolution(snapshot, year: int) -> dict[str, Any]:
        return challenge_figures(data, year, settings=snapshot.settings)

    return {"issues_resolution": issues_resolution}
