"""The health overview page: this year's figures beside last year's, and who is overdue."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, Q

from iro_tracker.children.models import Allocation, CareEpisode, Child
from iro_tracker.health.reporting import health_records
from iro_tracker.health.status import assessments_overdue
from iro_tracker.reporting.snapshot import build_snapshot, reporting_year_of
from iro_tracker.rules.codes import SHORT_BREAK_LEGAL_STATUSES
from iro_tracker.rules.metrics.health import health_figures

OUTCOMES = (
    ("iha_within_20_working_days", "In time"),
    ("iha_within_25_working_days", "Late, within 25 working days"),
    ("iha_refused", "Refused"),
    ("iha_not_recorded", "Not recorded"),
)


def looked_after_now(today: date):
    """Children with a care episode open today (short breaks left out), as a queryset."""
    open_now = (
        CareEpisode.objects.filter(decom__lte=today)
        .filter(Q(dec__isnull=True) | Q(dec__gt=today))
        .exclude(ls__in=SHORT_BREAK_LEGAL_STATUSES)
        .values("child_id")
    )
    return Child.objects.active().filter(pk__in=open_now)


def overview_context(user, today: date, year: int | None = None) -> dict:
    """The page's figures for reporting ``year`` (default: the year of ``today``) and the
    year before, the IHAs due in ``year``, and the children overdue today."""
    year = year or reporting_year_of(today)
    snapshot = build_snapshot(year=year, extras=False)
    records = health_records()
    this_year, tally = health_figures(snapshot, records, year)
    last_year, _ = health_figures(snapshot, records, year - 1)
    # Each IHA due this year, with how it went (the drill-down behind the figures).
    outcome_of: dict[str, str] = {}
    for key, label in reversed(OUTCOMES):
        for local_id in tally.members[f"health.{key}"]:
            outcome_of[local_id] = label
    late = set(tally.members["health.iha_due"]) - set(
        tally.members["health.iha_within_20_working_days"]
    )
    for local_id in tally.members["health.iha_due"]:
        outcome_of.setdefault(local_id, "Late, after 25 working days")
    pks = snapshot.child_pks
    names = {
        c.pk: c.display_name
        for c in Child.objects.filter(pk__in=[pks[i] for i in outcome_of if i in pks])
    }
    ihas = [
        {
            "local_id": local_id,
            "pk": pks.get(local_id),
            "name": names.get(pks.get(local_id), ""),
            "outcome": outcome,
            "late": local_id in late,
        }
        for local_id, outcome in sorted(outcome_of.items())
    ]
    current = Allocation.objects.filter(end_date__isnull=True).select_related("iro")
    children = list(
        looked_after_now(today)
        .select_related("team")
        .prefetch_related(Prefetch("allocations", queryset=current, to_attr="current"))
        .order_by("last_name", "first_name", "local_id")
    )
    overdue = assessments_overdue(children, today)
    rows = [
        {"child": c, "iro": c.current[0].iro if c.current else None, "items": overdue[c.pk]}
        for c in children
        if c.pk in overdue
    ]
    for figures in (this_year, last_year):
        # Late: done after the 20 working days (refusals and missing records apart).
        figures["late"] = (
            figures["iha_due"]
            - figures["iha_within_20_working_days"]
            - figures["iha_refused"]
            - figures["iha_not_recorded"]
        )
    return {
        "today": today,
        "year": year,
        "years": list(range(reporting_year_of(today), reporting_year_of(today) - 6, -1)),
        "this_year": this_year,
        "last_year": last_year,
        "ihas": ihas,
        "rows": rows,
    }
