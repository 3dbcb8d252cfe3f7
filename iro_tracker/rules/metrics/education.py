"""The annual report's ``education`` section: Personal Education Plans (seed report §9.12).

Definitions, for reporting year Y (1 April Y to 31 March Y+1):

- ``pep_initial_due``: periods of care that began in the year (RNE ``S``) of children aged
  3 or more, that still ran when the first PEP fell due (10 working days) or had a PEP
  before they ended; ``pep_initial_in_time``: the first PEP held by then.
- ``pep_expected_at_year_end``: children looked after on 31 March Y+1 aged 3 or more;
  ``pep_up_to_date``: a PEP held and its review not overdue on 31 March, or the first PEP
  not yet due (``rules.education.pep_status``).
- ``pep_quality``: PEPs held in the year by the IRO's judgement, ``not_judged`` when none.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from iro_tracker.rules.education import QUALITY, Pep, age_on, initial_pep_due, pep_status
from iro_tracker.rules.metrics.snapshot import ReportingYear, Snapshot, Tally, percent
from iro_tracker.rules.periods import looked_after_on

NOT_JUDGED = "not_judged"
QUALITY_KEYS = (*(code for code, _ in QUALITY), NOT_JUDGED)


@dataclass(frozen=True)
class PepRecord:
    child_id: str
    held_on: date
    quality: str = ""


def education_figures(
    snapshot: Snapshot, records: Iterable[PepRecord], year: int
) -> tuple[dict[str, Any], Tally]:
    """The ``education`` section for reporting ``year`` and the children behind each count."""
    ry = ReportingYear(year)
    settings = snapshot.settings
    by_child: dict[str, list[PepRecord]] = defaultdict(list)
    for record in records:
        by_child[record.child_id].append(record)
    t = Tally()
    t.declare(
        "education.pep_initial_due",
        "education.pep_initial_in_time",
        "education.pep_expected_at_year_end",
        "education.pep_up_to_date",
        *(f"education.pep_quality.{key}" for key in QUALITY_KEYS),
    )
    for child_id in snapshot.in_care_during(ry):
        child = snapshot.children_by_id[child_id]
        mine = sorted(by_child.get(child_id, []), key=lambda r: r.held_on)
        for record in mine:
            if ry.contains(record.held_on):
                t.add(f"education.pep_quality.{record.quality or NOT_JUDGED}", child_id)
        for period in snapshot.periods(child_id):
            if not (period.start_known and ry.contains(period.start)):
                continue
            if age_on(child.dob, period.start) < settings.pep_from_age:
                continue
            due = initial_pep_due(period.start, settings=settings).date
            first = next((r for r in mine if r.held_on >= period.start), None)
            if first is not None and period.end is not None and first.held_on > period.end:
                first = None
            if period.end is not None and period.end <= due and first is None:
                continue  # left care before the first PEP was due, with none held
            t.add("education.pep_initial_due", child_id)
            if first is not None and first.held_on <= due:
                t.add("education.pep_initial_in_time", child_id)

        episodes = snapshot.care_episodes_by_child[child_id]
        end = ry.end
        if looked_after_on(episodes, end) and age_on(child.dob, end) >= settings.pep_from_age:
            t.add("education.pep_expected_at_year_end", child_id)
            peps = [Pep(r.held_on, r.quality) for r in mine if r.held_on <= end]
            status = pep_status(child.dob, episodes, peps, end, settings=settings)
            # Not overdue: a PEP held and its review not yet due, or the first not yet due.
            waiting = status.initial_due is not None and end <= status.initial_due.date
            if not status.overdue and (status.last is not None or waiting):
                t.add("education.pep_up_to_date", child_id)

    due, in_time = t.count("education.pep_initial_due"), t.count("education.pep_initial_in_time")
    expected = t.count("education.pep_expected_at_year_end")
    up_to_date = t.count("education.pep_up_to_date")
    figures = {
        "pep_initial_due": due,
        "pep_initial_in_time": in_time,
        "pep_initial_in_time_percent": percent(in_time, due),
        "pep_expected_at_year_end": expected,
        "pep_up_to_date": up_to_date,
        "pep_up_to_date_percent": percent(up_to_date, expected),
        "pep_quality": {key: t.count(f"education.pep_quality.{key}") for key in QUALITY_KEYS},
    }
    return figures, t


def education_section(snapshot: Snapshot, records: Iterable[PepRecord], year: int) -> dict:
    """The ``education`` section alone (see ``education_figures``)."""
    return education_figures(snapshot, records, year)[0]
