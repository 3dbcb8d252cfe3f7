"""The child protection and caseload figures for the annual report's ``Snapshot.extra``.

``cp_extra(years)`` reads the conferences, plans and caseloads once and returns, for each
reporting year, what the report shows beside the looked-after figures:

- ``extra["child_protection"][year]``: ``rules.metrics.cp.cp_report`` (conferences and
  children by type, initial conferences within 15 working days on both bases, review
  conferences on time, plans started, ended, lasting 2 years or more, repeat plans).
- ``extra["service"][year]``: keys the report's ``service`` section adds to its own (see
  ``rules.metrics.annual._service``): ``conferences_chaired`` (which also makes conference
  chairs count in ``chair_fte`` and conferences in ``meetings_per_chair``) and the caseloads
  on 31 March: ``cp_children``, ``combined_caseload``, ``combined_per_fte``,
  ``chairs_within_band``, ``chairs_above_band``, ``chairs_below_band``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from iro_tracker.caseloads.services import caseload_rows
from iro_tracker.conferences.models import ChildProtectionPlan, ConferenceChild
from iro_tracker.rules.metrics.cp import CpConferenceChild, CpPlan, caseload_summary, cp_report
from iro_tracker.rules.metrics.snapshot import ReportingYear

SERVICE_KEYS = (
    "cp_children",
    "combined_caseload",
    "combined_per_fte",
    "chairs_within_band",
    "chairs_above_band",
    "chairs_below_band",
)


def cp_records() -> tuple[list[CpConferenceChild], list[CpPlan]]:
    """Every conference row and plan as the plain records ``rules.metrics.cp`` reads."""
    rows = [
        CpConferenceChild(
            conference_id=str(conference),
            child_id=local_id,
            kind=kind,
            held=held,
            outcome=outcome,
            plan_id=str(plan) if plan else None,
            strategy_discussion=sd,
            s47_start=s47,
            chair_id=str(chair),
        )
        for conference, local_id, kind, held, outcome, plan, sd, s47, chair in (
            ConferenceChild.objects.filter(child__archived=False).values_list(
                "conference_id",
                "child__local_id",
                "conference__kind",
                "conference__held_on",
                "outcome",
                "plan_id",
                "conference__strategy_discussion__held_on",
                "conference__strategy_discussion__s47_started_on",
                "conference__chair_id",
            )
        )
    ]
    plans = [
        CpPlan(str(pk), local_id, start, end, category)
        for pk, local_id, start, end, category in ChildProtectionPlan.objects.filter(
            child__archived=False
        ).values_list("pk", "child__local_id", "start_date", "end_date", "category")
    ]
    return rows, plans


def cp_extra(years: Iterable[int]) -> dict[str, dict[int, dict[str, Any]]]:
    """What to put in ``Snapshot.extra`` for reporting ``years`` (e.g. ``[2017, 2018]`` for
    a report beside the year before). Child ids are local ids, as in the rest of the report.
    """
    rows, plans = cp_records()
    child_protection: dict[int, dict[str, Any]] = {}
    service: dict[int, dict[str, Any]] = {}
    for year in years:
        figures = cp_report(rows, plans, year)
        child_protection[year] = figures
        caseloads = caseload_summary(
            [r.as_record() for r in caseload_rows(ReportingYear(year).end, upcoming=False)]
        )
        service[year] = {
            "conferences_chaired": figures["conferences"]["total"],
            "cp_children": caseloads["cp_children"],
            "combined_caseload": caseloads["combined_caseload"],
            "combined_per_fte": caseloads["combined_per_fte"],
            "chairs_within_band": caseloads["chairs_within_band"],
            "chairs_above_band": caseloads["chairs_above_band"],
            "chairs_below_band": caseloads["chairs_below_band"],
        }
    return {"child_protection": child_protection, "service": service}
