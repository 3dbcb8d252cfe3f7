"""The annual report's ``health`` section (seed report §6.6, §9.12-9.13; research H-1 to H-4).

Computed from a ``Snapshot`` (children, their periods of care) and the product's health
records as plain ``HealthRecord`` rows; ``health.reporting.health_extra`` builds them from
the database and hands this module to ``Snapshot.extra``.

Definitions, for reporting year Y (1 April Y to 31 March Y+1):

- ``iha_due``: periods of care that began in the year (first episode RNE ``S``) and still
  ran when the IHA fell due, 20 working days later, or whose IHA was done before they
  ended. A child who left within 20 working days with no IHA is not counted.
- ``iha_within_20_working_days``: of those, IHAs completed by the due date;
  ``iha_within_25_working_days``: completed within 25 working days (the seed reports both).
  A refusal counts in ``iha_refused``, never as an IHA done; ``iha_not_recorded`` have no
  outcome recorded.
- ``looked_after_12_months``: children looked after on 31 March Y+1 continuously since 31
  March Y or earlier (the 903 OC2 cohort). Of them: ``health_assessments_up_to_date`` (the
  next review assessment was not yet overdue on 31 March), ``dental_checks_up_to_date`` (a
  dental check in the 12 months to 31 March), ``immunisations_up_to_date`` (the latest
  immunisation record says so), and, for those aged 4 to 16 (``sdq_eligible``),
  ``sdq_completed`` (a score in the 12 months) and ``sdq_average_score``.

Each ``<x>_percent`` has ``<x>`` as its numerator, the suppression convention.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from iro_tracker.rules.calendar import add_months, add_working_days
from iro_tracker.rules.health import INITIAL, REVIEW, Assessment, iha_for_period, sdq_expected
from iro_tracker.rules.metrics.snapshot import ReportingYear, Snapshot, Tally, percent, ratio
from iro_tracker.rules.periods import looked_after_on
from iro_tracker.rules.timescales import review_health_assessment_due

IHA, RHA, DENTAL, IMMUNISATIONS, SDQ = "iha", "rha", "dental", "immunisations", "sdq"

COUNTS = (
    "iha_due",
    "iha_within_20_working_days",
    "iha_within_25_working_days",
    "iha_refused",
    "iha_not_recorded",
    "looked_after_12_months",
    "health_assessments_up_to_date",
    "dental_checks_up_to_date",
    "immunisations_up_to_date",
    "sdq_eligible",
    "sdq_completed",
)


@dataclass(frozen=True)
class HealthRecord:
    """One health record of one child, in plain form.

    ``kind`` is IHA or RHA (``on`` = completed; ``requested_on``, ``refused_on``), DENTAL
    (``on`` = checked), IMMUNISATIONS (``on`` = recorded, ``up_to_date``) or SDQ (``on`` =
    completed, ``score`` or ``reason``).
    """

    child_id: str
    kind: str
    on: date | None
    requested_on: date | None = None
    refused_on: date | None = None
    up_to_date: bool | None = None
    score: int | None = None
    reason: str = ""

    def assessment(self) -> Assessment:
        kind = INITIAL if self.kind == IHA else REVIEW
        return Assessment(kind, self.on, self.requested_on, self.refused_on, key=self)


def health_figures(
    snapshot: Snapshot, records: Iterable[HealthRecord], year: int
) -> tuple[dict[str, Any], Tally]:
    """The ``health`` section for reporting ``year`` and the children behind each count."""
    ry = ReportingYear(year)
    settings = snapshot.settings
    by_child: dict[str, list[HealthRecord]] = defaultdict(list)
    for record in records:
        by_child[record.child_id].append(record)
    t = Tally()
    t.declare(*(f"health.{key}" for key in COUNTS))

    for child_id in snapshot.in_care_during(ry):
        mine = by_child.get(child_id, [])
        assessments = [r.assessment() for r in mine if r.kind in (IHA, RHA)]
        for period in snapshot.periods(child_id):
            if period.start_known and ry.contains(period.start):
                _iha(t, child_id, period, assessments, snapshot)

    end = ry.end
    year_before = add_months(end, -12)
    scores: list[int] = []
    for child_id in snapshot.in_care_during(ry):
        episodes = snapshot.care_episodes_by_child[child_id]
        if not looked_after_on(episodes, end):
            continue
        period = next(p for p in snapshot.periods(child_id) if p.contains(end))
        if period.start > year_before:
            continue
        child = snapshot.children_by_id[child_id]
        mine = [r for r in by_child.get(child_id, []) if r.on is None or r.on <= end]
        t.add("health.looked_after_12_months", child_id)
        if _assessment_up_to_date(mine, child.dob, end, settings):
            t.add("health.health_assessments_up_to_date", child_id)
        if any(r.kind == DENTAL and r.on and year_before < r.on <= end for r in mine):
            t.add("health.dental_checks_up_to_date", child_id)
        jabs = sorted((r for r in mine if r.kind == IMMUNISATIONS and r.on), key=lambda r: r.on)
        if jabs and jabs[-1].up_to_date:
            t.add("health.immunisations_up_to_date", child_id)
        if sdq_expected(child.dob, end, settings=settings):
            t.add("health.sdq_eligible", child_id)
            sdqs = sorted(
                (
                    r
                    for r in mine
                    if r.kind == SDQ and r.score is not None and r.on and year_before < r.on
                ),
                key=lambda r: r.on,
            )
            if sdqs:
                t.add("health.sdq_completed", child_id)
                scores.append(sdqs[-1].score)

    c = {key: t.count(f"health.{key}") for key in COUNTS}
    cohort = c["looked_after_12_months"]
    figures = {
        "iha_due": c["iha_due"],
        "iha_within_20_working_days": c["iha_within_20_working_days"],
        "iha_within_20_working_days_percent": percent(
            c["iha_within_20_working_days"], c["iha_due"]
        ),
        "iha_within_25_working_days": c["iha_within_25_working_days"],
        "iha_within_25_working_days_percent": percent(
            c["iha_within_25_working_days"], c["iha_due"]
        ),
        "iha_refused": c["iha_refused"],
        "iha_not_recorded": c["iha_not_recorded"],
        "looked_after_12_months": cohort,
        **{
            key: value
            for name in (
                "health_assessments_up_to_date",
                "dental_checks_up_to_date",
                "immunisations_up_to_date",
            )
            for key, value in ((name, c[name]), (f"{name}_percent", percent(c[name], cohort)))
        },
        "sdq_eligible": c["sdq_eligible"],
        "sdq_completed": c["sdq_completed"],
        "sdq_completed_percent": percent(c["sdq_completed"], c["sdq_eligible"]),
        "sdq_average_score": ratio(sum(scores), len(scores)) if scores else None,
    }
    return figures, t


def health_section(snapshot: Snapshot, records: Iterable[HealthRecord], year: int) -> dict:
    """The ``health`` section alone (see ``health_figures``)."""
    return health_figures(snapshot, records, year)[0]


def _iha(t: Tally, child_id: str, period, assessments: list[Assessment], snapshot) -> None:
    settings = snapshot.settings
    iha = iha_for_period(period, assessments, history_from=snapshot.history_from, settings=settings)
    if iha is None:
        return
    done = iha.record.done_on if iha.record and iha.outcome in ("completed", "refused") else None
    ended_first = period.end is not None and period.end <= iha.due.date
    if ended_first and (done is None or done > period.end):
        return  # left care before the IHA was due, with none done: not counted
    t.add("health.iha_due", child_id)
    if iha.outcome == "completed":
        if done <= iha.due.date:
            t.add("health.iha_within_20_working_days", child_id)
        later = add_working_days(period.start, settings.iha_also_reported_working_days)
        if done <= later:
            t.add("health.iha_within_25_working_days", child_id)
    elif iha.outcome == "refused":
        t.add("health.iha_refused", child_id)
    else:
        t.add("health.iha_not_recorded", child_id)


def _assessment_up_to_date(records, dob: date, on: date, settings) -> bool:
    done = [r.on for r in records if r.kind in (IHA, RHA) and r.on is not None]
    if not done:
        return False
    due = review_health_assessment_due(max(done), dob, settings=settings)
    return due.date >= on
