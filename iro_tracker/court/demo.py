"""Demo care proceedings and legal status discussions, calibrated to the seed report (§7).

Proceedings follow the children's own episodes: a set is issued when a child (or a sibling
group arriving together) first comes under an interim care order (903 LS C1), and is
decided when that order gives way to another status or the child leaves care. The 903
episode starts when the sealed order is received, a few days after the hearing, so the
final order is dated up to 3 weeks before it.

Calibration (§7.1): 91 sets issued in 2017-18 and 93 in 2018-19, and 48% then 20% decided
within 26 weeks, exactly; other years record about the same share of interim orders. The
mean length, about 30-31 weeks, follows from the episodes. ``load(seed,
until)`` runs after the demo children are loaded and is deterministic.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from iro_tracker.health.demo import DemoChild, periods_for, read_children, reporting_year, rng_for
from iro_tracker.rules.legal import legal_status_watch

ISSUED = {2017: 91, 2018: 93}  # seed report §7.1
WITHIN_26_WEEKS = {2017: 0.48, 2018: 0.20}  # seed report §7.1, by year decided
LIMIT = timedelta(weeks=26)
RECORDED_SHARE = 0.86  # other years: about the share the calibration years need
COURTS = ("Family Court at Brighton", "Family Court at Hastings", "Family Court at Lewes")
ENDED_BY = {  # the 903 reason a period ended while the interim order was in force
    "E41": "child_arrangements_order",
    "E45": "child_arrangements_order",
    "E46": "child_arrangements_order",
    "E43": "sgo",
    "E44": "sgo",
    "E4A": "supervision_order",
    "E4B": "no_order",
}
NEXT_STATUS = {"C2": "care_order", "E1": "placement_order"}


@dataclass
class Case:
    start: date  # the first day under the interim care order
    decided: date | None
    outcome: str
    children: list[DemoChild]


def _cases(children: Iterable[DemoChild], until: date) -> list[Case]:
    """One case per child's first interim care order in a period; siblings coming into care
    the same week share one."""
    cases: list[Case] = []
    open_by_family: dict[tuple, Case] = {}
    found = []
    for child in children:
        for period in periods_for(child, until):
            episodes = list(period.episodes)
            first = next((i for i, e in enumerate(episodes) if e.ls == "C1"), None)
            if first is None:
                continue
            start = episodes[first].decom
            after = next((e for e in episodes[first:] if e.ls != "C1"), None)
            if after is not None:
                decided, outcome = after.decom, NEXT_STATUS.get(after.ls, "withdrawn")
            elif period.end is not None and period.end <= until:
                last = episodes[-1]
                decided, outcome = period.end, ENDED_BY.get(last.rec, "withdrawn")
            else:
                decided, outcome = None, ""
            found.append((start, child, decided, outcome))
    for start, child, decided, outcome in sorted(found, key=lambda f: (f[0], f[1].local_id)):
        case = open_by_family.get(child.family)
        if case is not None and abs((start - case.start).days) <= 7:
            case.children.append(child)
            continue
        case = Case(start, decided, outcome, [child])
        cases.append(case)
        open_by_family[child.family] = case
    return cases


def plan(seed: int, children: Iterable[DemoChild], until: date) -> list[dict]:
    """The proceedings to record: dicts of fields plus ``children`` (their pks)."""
    by_year: dict[int, list[tuple[date, Case]]] = defaultdict(list)
    for case in _cases(children, until):
        # Issued in the days before the interim order took effect (usually the same week).
        lag = rng_for(seed, case.children[0], f"court-issued:{case.start.isoformat()}")
        issued = case.start - timedelta(days=lag.randint(0, 3))
        by_year[reporting_year(issued)].append((issued, case))
    planned = []
    for year, cases in sorted(by_year.items()):
        rng = random.Random(f"{seed}:court:{year}")
        want = ISSUED.get(year, round(len(cases) * RECORDED_SHARE))
        for issued, case in sorted(rng.sample(cases, min(want, len(cases))), key=lambda c: c[0]):
            crng = rng_for(seed, case.children[0], f"court:{case.start.isoformat()}")
            fields = {
                "issued_on": issued,
                "court": crng.choice(COURTS),
                "interim_hearing_on": case.start,
                "children": [c.pk for c in case.children],
            }
            if case.decided is not None:
                decided = max(issued, case.decided - timedelta(days=crng.randint(0, 21)))
                fields.update(concluded_on=decided, final_hearing_on=decided, outcome=case.outcome)
                if crng.random() < 0.85:
                    contribution = decided - timedelta(days=crng.randint(7, 35))
                    fields["iro_contribution_on"] = max(issued, contribution)
            planned.append(fields)
    _calibrate_lengths(seed, planned)
    return planned


def _calibrate_lengths(seed: int, planned: list[dict]) -> None:
    """Make exactly the seed's share of the year's decided proceedings fall within 26 weeks.

    The shortest proceedings are the ones brought within (most already are); the rest are
    kept just over. Every date stays within a few weeks of the child's episodes.
    """
    by_year: dict[int, list[dict]] = defaultdict(list)
    for fields in planned:
        if fields.get("concluded_on"):
            by_year[reporting_year(fields["concluded_on"])].append(fields)
    for year, share in WITHIN_26_WEEKS.items():
        rng = random.Random(f"{seed}:court-length:{year}")
        decided = sorted(by_year.get(year, []), key=lambda f: f["concluded_on"] - f["issued_on"])
        within = round(share * len(decided))
        for index, fields in enumerate(decided):
            limit = fields["issued_on"] + LIMIT
            if index < within:
                day = min(fields["concluded_on"], limit - timedelta(days=rng.randint(0, 10)))
            else:
                day = max(fields["concluded_on"], limit + timedelta(days=rng.randint(1, 10)))
            fields["concluded_on"] = fields["final_hearing_on"] = day
            if fields.get("iro_contribution_on") and fields["iro_contribution_on"] > day:
                fields["iro_contribution_on"] = day


def plan_discussions(seed: int, children: Iterable[DemoChild], today: date) -> list[dict]:
    """About half of the children on the legal status watch today have had it discussed."""
    found = []
    for child in children:
        item = legal_status_watch(child.episodes, today)
        if item is None:
            continue
        rng = rng_for(seed, child, "legal-discussion")
        if rng.random() >= 0.5:
            continue
        outcome = "status_right"
        plan_text = ""
        if item.kind == "placement_order_not_placed" and rng.random() < 0.3:
            outcome, plan_text = "revoke_placement_order", "Application to revoke to be made."
        elif rng.random() < 0.4:
            outcome, plan_text = "plan_to_change", "Social worker to seek legal advice."
        found.append(
            {
                "child_id": child.pk,
                "discussed_on": today - timedelta(days=rng.randint(1, 40)),
                "with_whom": "Social worker",
                "outcome": outcome,
                "plan": plan_text,
                "legal_status": "V2" if item.kind == "s20" else "E1",
            }
        )
    return found


def load(seed: int, until: date) -> int:
    """Plan and write the demo proceedings and discussions. Returns the records written."""
    from django.db import transaction

    from iro_tracker.children.models import Source
    from iro_tracker.court.models import CareProceedings, LegalStatusDiscussion
    from iro_tracker.health.demo import bulk_with_history

    children = read_children()
    planned = plan(seed, children, until)
    with transaction.atomic():
        rows = bulk_with_history(
            CareProceedings,
            [
                CareProceedings(
                    source=Source.DEMO, **{k: v for k, v in p.items() if k != "children"}
                )
                for p in planned
            ],
        )
        through = CareProceedings.children.through
        through.objects.bulk_create(
            [
                through(careproceedings_id=row.pk, child_id=pk)
                for row, p in zip(rows, planned, strict=True)
                for pk in p["children"]
            ],
            batch_size=2000,
        )
        talks = bulk_with_history(
            LegalStatusDiscussion,
            [LegalStatusDiscussion(**d) for d in plan_discussions(seed, children, until)],
        )
    return len(rows) + len(talks)
