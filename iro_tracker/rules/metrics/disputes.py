"""The IRO's challenge function in figures: issues resolution, documents, oversight (no Django).

Three kinds of figure, each over plain records that ``disputes.reporting`` reads from the
database (tests build them by hand):

- **Issues resolution** (IRO Handbook ch. 6; RULES.md): over issues *raised* in the period,
  how many, by theme, by the highest stage reached, how the formal ones did against the
  20-working-day timescale, their outcomes; and Cafcass referrals *made* in the period.
- **Documents** (LAC-15): a review is compliant when its care plan and pre-meeting report both
  arrived on or before the documents due date (3 working days before the meeting). Counted
  over reviews meeting in the period whose due date has passed; by team and by social worker,
  with a *pattern* flagged for a social worker with 3 or more failures in the 6 months to the
  period's end (both settings; seed report §4.8 "a continued pattern of non-compliance").
- **Oversight** (LAC-13, seed report §9.10-9.11): a *cycle* runs from one held review to the
  next in the same period of care. It needs a midway meeting, and, for a child aged 5 or more
  when the cycle began, an IRO contact with the child. "Between" is strict: an event on either
  review's own day belongs to that review, not to the time between. A cycle is counted in the
  period its closing review falls in, and belongs to the IRO allocated on that day.

Percentages are to 1 dp rounded half up (``snapshot.percent``); None when nothing counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from iro_tracker.rules.calendar import add_months
from iro_tracker.rules.metrics.snapshot import AllocationRecord, ReportingYear, percent
from iro_tracker.rules.settings import DEFAULT, RuleSettings
from iro_tracker.rules.timescales import documents_due

INFORMAL = "Informal"
NOT_RECORDED = "Not recorded"

# --- the input rows ----------------------------------------------------------------------


@dataclass(frozen=True)
class IssueRecord:
    """One issue. ``highest_stage`` is the position of the highest stage reached (0 if it
    never left informal resolution); ``theme`` and ``outcome`` are codes.
    """

    child_id: str
    theme: str
    raised_on: date
    highest_stage: int = 0
    automatic: bool = False
    formal_started_on: date | None = None
    resolution_due: date | None = None
    closed_on: date | None = None
    outcome: str = ""
    cafcass_referred_on: date | None = None


@dataclass(frozen=True)
class DocumentRecord:
    """A booked review's meeting date and when each document reached the IRO."""

    child_id: str
    meeting: date
    care_plan: date | None
    pre_meeting_report: date | None
    team: str = ""
    social_worker: str = ""


@dataclass(frozen=True)
class CycleReview:
    """A held looked-after review; ``period_start`` says which period of care it is in."""

    child_id: str
    held: date
    period_start: date | None


@dataclass(frozen=True)
class ContactRecord:
    child_id: str
    on: date
    method: str
    seen_alone: bool | None = None


@dataclass(frozen=True)
class MidwayRecord:
    child_id: str
    on: date


@dataclass(frozen=True)
class ChallengeData:
    """Everything the annual report's ``issues_resolution`` section is computed from.

    ``themes``, ``outcomes`` and ``stages`` give the code lists in report order: code to
    label, and stage position to name. ``as_of`` is the day the data was read.
    """

    as_of: date
    issues: tuple[IssueRecord, ...] = ()
    documents: tuple[DocumentRecord, ...] = ()
    dobs: Mapping[str, date] = field(default_factory=dict)
    reviews: tuple[CycleReview, ...] = ()
    contacts: tuple[ContactRecord, ...] = ()
    midways: tuple[MidwayRecord, ...] = ()
    allocations: tuple[AllocationRecord, ...] = ()
    themes: Mapping[str, str] = field(default_factory=dict)
    outcomes: Mapping[str, str] = field(default_factory=dict)
    stages: Mapping[int, str] = field(default_factory=dict)
    pattern_count: int = 3
    pattern_months: int = 6
    contact_min_age: int = 5


def _within(d: date | None, start: date, end: date) -> bool:
    return d is not None and start <= d <= end


def _ordered(counts: Mapping[str, int], order: Iterable[str]) -> dict[str, int]:
    """Every key of ``order`` (zeros too, so a table has all its rows), then any others."""
    keys = list(dict.fromkeys(order))
    keys += sorted(k for k in counts if k not in keys)
    return {k: counts.get(k, 0) for k in keys}


# --- issues resolution -------------------------------------------------------------------


def issues_figures(
    issues: Iterable[IssueRecord],
    start: date,
    end: date,
    *,
    as_of: date,
    themes: Mapping[str, str] | None = None,
    outcomes: Mapping[str, str] | None = None,
    stages: Mapping[int, str] | None = None,
) -> dict[str, Any]:
    """Issues raised from ``start`` to ``end`` (inclusive) and Cafcass referrals made then.

    A formal issue is ``resolved_within_20_working_days`` when its resolution was recorded on
    or before its due date, whatever the outcome (D-1: the clock stops at the recorded
    resolution); ``over_timescale`` when recorded later, or still open after the due date on
    ``as_of``; ``open_within_timescale`` otherwise.
    """
    issues = list(issues)
    themes, outcomes, stages = themes or {}, outcomes or {}, stages or {}
    cohort = [i for i in issues if _within(i.raised_on, start, end)]
    formal = [i for i in cohort if i.formal_started_on is not None]
    within = [i for i in formal if i.closed_on is not None and i.closed_on <= i.resolution_due]
    over = [i for i in formal if (i.closed_on or as_of) > i.resolution_due]
    stage_names = {0: INFORMAL, **stages}
    by_theme: dict[str, int] = defaultdict(int)
    by_stage: dict[str, int] = defaultdict(int)
    by_outcome: dict[str, int] = defaultdict(int)
    for issue in cohort:
        by_theme[themes.get(issue.theme, issue.theme)] += 1
        by_stage[stage_names.get(issue.highest_stage, f"Stage {issue.highest_stage}")] += 1
        if issue.closed_on is not None:
            by_outcome[outcomes.get(issue.outcome, issue.outcome)] += 1
    closed_formal = [i for i in formal if i.closed_on is not None]
    return {
        "raised": len(cohort),
        "informal_only": len(cohort) - len(formal),
        "formal": len(formal),
        "automatic_documentation": sum(1 for i in cohort if i.automatic),
        "by_theme": _ordered(by_theme, themes.values()),
        "highest_stage": _ordered(by_stage, [stage_names[k] for k in sorted(stage_names)]),
        "resolved_within_20_working_days": len(within),
        "resolved_within_20_working_days_percent": percent(len(within), len(closed_formal)),
        "over_timescale": len(over),
        "open_within_timescale": len(formal) - len(within) - len(over),
        "outcomes": _ordered(by_outcome, outcomes.values()),
        "open": sum(1 for i in cohort if i.closed_on is None),
        "cafcass_referrals": sum(1 for i in issues if _within(i.cafcass_referred_on, start, end)),
    }


# --- documents before the review ---------------------------------------------------------


def document_states(
    record: DocumentRecord, as_of: date, settings: RuleSettings = DEFAULT
) -> tuple[str, str] | None:
    """``("on_time"|"late"|"missing", ...)`` for the care plan and pre-meeting report, or
    None while the documents are not yet due (nothing to judge).
    """
    due = documents_due(record.meeting, settings=settings).date
    if as_of <= due:
        return None

    def state(received: date | None) -> str:
        if received is None:
            return "missing"
        return "on_time" if received <= due else "late"

    return state(record.care_plan), state(record.pre_meeting_report)


def _tally() -> dict[str, Any]:
    return {"reviews": 0, "compliant": 0, "non_compliant": 0}


def _finish(row: dict[str, Any]) -> dict[str, Any]:
    row["compliant_percent"] = percent(row["compliant"], row["reviews"])
    return row


def documentation_figures(
    records: Iterable[DocumentRecord],
    start: date,
    end: date,
    *,
    as_of: date,
    settings: RuleSettings = DEFAULT,
    pattern_count: int = 3,
    pattern_months: int = 6,
) -> dict[str, Any]:
    """Document compliance of reviews meeting from ``start`` to ``end``, overall, by team and
    by social worker, with the pattern flag (see the module docstring).
    """
    records = list(records)
    overall = _tally()
    overall.update(care_plan_not_on_time=0, pre_meeting_report_not_on_time=0)
    teams: dict[str, dict] = defaultdict(_tally)
    workers: dict[str, dict] = defaultdict(_tally)
    window_end = min(end, as_of)
    window_start = add_months(window_end, -pattern_months)
    recent: dict[str, int] = defaultdict(int)
    for record in records:
        states = document_states(record, as_of, settings)
        if states is None:
            continue
        ok = states == ("on_time", "on_time")
        worker = record.social_worker or NOT_RECORDED
        if not ok and window_start < record.meeting <= window_end:
            recent[worker] += 1
        if not _within(record.meeting, start, end):
            continue
        key = "compliant" if ok else "non_compliant"
        for row in (overall, teams[record.team or NOT_RECORDED], workers[worker]):
            row["reviews"] += 1
            row[key] += 1
        overall["care_plan_not_on_time"] += states[0] != "on_time"
        overall["pre_meeting_report_not_on_time"] += states[1] != "on_time"
    by_worker = {}
    for name in sorted(workers, key=lambda n: (-workers[n]["non_compliant"], n)):
        row = _finish(workers[name])
        row["in_pattern_window"] = recent.get(name, 0)
        # Nobody can be flagged for a pattern whose social worker is not recorded.
        row["pattern"] = name != NOT_RECORDED and recent.get(name, 0) >= pattern_count
        by_worker[name] = row
    return {
        **_finish(overall),
        "by_team": {
            n: _finish(teams[n])
            for n in sorted(teams, key=lambda n: (-teams[n]["non_compliant"], n))
        },
        "by_social_worker": by_worker,
        "pattern_window": {"start": window_start.isoformat(), "end": window_end.isoformat()},
        "patterns": [n for n, row in by_worker.items() if row["pattern"]],
    }


# --- oversight between reviews -----------------------------------------------------------


@dataclass(frozen=True)
class Cycle:
    """The time between two consecutive held reviews of a child, and what happened in it."""

    child_id: str
    start: date  # the earlier review
    end: date  # the later review
    iro_id: str | None
    contact_expected: bool
    contact: bool
    seen_alone: bool
    midway: bool


def _age(dob: date, d: date) -> int:
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def _by_child(rows: Iterable[Any]) -> dict[str, list]:
    grouped: dict[str, list] = defaultdict(list)
    for row in rows:
        grouped[row.child_id].append(row)
    return grouped


def cycles(data: ChallengeData, start: date, end: date) -> list[Cycle]:
    """Every review cycle closing from ``start`` to ``end``, per child, oldest first."""
    contacts, midways = _by_child(data.contacts), _by_child(data.midways)
    allocations = _by_child(data.allocations)
    result = []
    for child_id, reviews in sorted(_by_child(data.reviews).items()):
        reviews.sort(key=lambda r: r.held)
        dob = data.dobs.get(child_id)
        for earlier, later in zip(reviews, reviews[1:], strict=False):
            if later.period_start != earlier.period_start or not _within(later.held, start, end):
                continue
            a, b = earlier.held, later.held
            seen = [c for c in contacts.get(child_id, ()) if a < c.on < b]
            iro = next((x.staff_id for x in allocations.get(child_id, ()) if x.active_on(b)), None)
            result.append(
                Cycle(
                    child_id=child_id,
                    start=a,
                    end=b,
                    iro_id=iro,
                    contact_expected=dob is not None and _age(dob, a) >= data.contact_min_age,
                    contact=bool(seen),
                    seen_alone=any(c.seen_alone for c in seen),
                    midway=any(a < m.on < b for m in midways.get(child_id, ())),
                )
            )
    return result


def oversight_summary(found: Iterable[Cycle]) -> dict[str, Any]:
    found = list(found)
    expected = [c for c in found if c.contact_expected]
    with_contact = sum(1 for c in expected if c.contact)
    with_midway = sum(1 for c in found if c.midway)
    return {
        "cycles": len(found),
        "with_midway": with_midway,
        "midway_percent": percent(with_midway, len(found)),
        "contact_expected": len(expected),
        "with_contact": with_contact,
        "contact_percent": percent(with_contact, len(expected)),
        "seen_alone": sum(1 for c in expected if c.seen_alone),
    }


def oversight_by(found: Iterable[Cycle], key: str) -> dict[str | None, dict[str, Any]]:
    """``oversight_summary`` per ``"iro_id"`` or per ``"child_id"``."""
    grouped: dict[str | None, list[Cycle]] = defaultdict(list)
    for cycle in found:
        grouped[getattr(cycle, key)].append(cycle)
    return {k: oversight_summary(v) for k, v in grouped.items()}


def oversight_figures(data: ChallengeData, start: date, end: date) -> dict[str, Any]:
    contacts = [c for c in data.contacts if _within(c.on, start, end)]
    methods: dict[str, int] = defaultdict(int)
    for contact in contacts:
        methods[contact.method] += 1
    return {
        **oversight_summary(cycles(data, start, end)),
        "contacts": len(contacts),
        "contacts_by_method": dict(sorted(methods.items())),
        "midway_meetings": sum(1 for m in data.midways if _within(m.on, start, end)),
    }


# --- the annual report's section ---------------------------------------------------------


def challenge_figures(
    data: ChallengeData, year: int, *, settings: RuleSettings = DEFAULT
) -> dict[str, Any]:
    """The ``issues_resolution`` section of the annual report for reporting ``year``."""
    ry = ReportingYear(year)
    figures = issues_figures(
        data.issues,
        ry.start,
        ry.end,
        as_of=data.as_of,
        themes=data.themes,
        outcomes=data.outcomes,
        stages=data.stages,
    )
    documents = documentation_figures(
        data.documents,
        ry.start,
        ry.end,
        as_of=data.as_of,
        settings=settings,
        pattern_count=data.pattern_count,
        pattern_months=data.pattern_months,
    )
    figures["documentation"] = {
        key: documents[key]
        for key in (
            "reviews",
            "compliant",
            "non_compliant",
            "compliant_percent",
            "care_plan_not_on_time",
            "pre_meeting_report_not_on_time",
        )
    }
    figures["documentation"]["by_team"] = documents["by_team"]
    figures["oversight"] = oversight_figures(data, ry.start, ry.end)
    return figures
