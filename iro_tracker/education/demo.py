"""Demo Personal Education Plans and school contacts for the synthetic authority.

``load(seed, until)`` runs after the demo children are loaded and is deterministic. About
60% of first PEPs are held within 10 working days; later PEPs are held in most terms; the
IRO judges most of them (60% good, 30% requires improvement, 10% inadequate).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date, timedelta

from iro_tracker.health.demo import (
    DemoChild,
    Planned,
    end_of,
    is_new,
    periods_for,
    read_children,
    rng_for,
    write,
)
from iro_tracker.rules.calendar import add_working_days
from iro_tracker.rules.education import age_on, term_of

FROM_AGE, TO_AGE = 3, 17
QUALITY = (("good", 0.6), ("requires_improvement", 0.3), ("inadequate", 0.1))
NOT_JUDGED = 0.15
TERM_HELD = 0.88


def _quality(rng: random.Random) -> dict:
    if rng.random() < NOT_JUDGED:
        return {}
    u, total = rng.random(), 0.0
    for code, share in QUALITY:
        total += share
        if u < total:
            return {"quality": code, "judged_on": None}
    return {"quality": QUALITY[-1][0], "judged_on": None}


def plan(seed: int, children: Iterable[DemoChild], until: date) -> list[Planned]:
    found: list[Planned] = []
    for child in children:
        for period in periods_for(child, until):
            rng = rng_for(seed, child, f"education:{period.start.isoformat()}")
            end = end_of(period, until)
            held: list[date] = []
            if is_new(period):
                u = rng.random()
                days = rng.randint(3, 10) if u < 0.6 else rng.randint(11, 30) if u < 0.9 else None
                if days is not None:
                    held.append(add_working_days(period.start, days))
            # Then one PEP in most school terms.
            term = term_of(held[0] if held else max(period.start, date(2012, 4, 1)))
            while True:
                term = term_of(term.end + timedelta(days=1))
                if term.start > end:
                    break
                if rng.random() < TERM_HELD:
                    held.append(term.start + timedelta(days=rng.randint(10, 60)))
            for day in held:
                if day > end or not FROM_AGE <= age_on(child.dob, day) <= TO_AGE:
                    continue
                quality = _quality(rng)
                if quality:
                    quality["judged_on"] = day + timedelta(days=rng.randint(1, 20))
                    if quality["judged_on"] > until:
                        quality = {}
                found.append(
                    Planned(
                        "PersonalEducationPlan", {"child_id": child.pk, "held_on": day, **quality}
                    )
                )
                if rng.random() < 0.3:
                    found.append(
                        Planned(
                            "EducationContact",
                            {
                                "child_id": child.pk,
                                "contact_on": day - timedelta(days=rng.randint(1, 10)),
                                "with_whom": rng.choice(("school", "virtual_school")),
                            },
                        )
                    )
    return _one_per_date(found)


def _one_per_date(planned: list[Planned]) -> list[Planned]:
    # Two periods of care can put two PEPs on one date: the model allows one per date.
    seen, kept = set(), []
    for p in planned:
        key = (p.model, p.fields["child_id"], p.fields.get("held_on"))
        if p.model == "PersonalEducationPlan" and key in seen:
            continue
        seen.add(key)
        kept.append(p)
    return kept


def load(seed: int, until: date) -> int:
    """Plan and write the demo PEPs and contacts. Returns the number of records written."""
    from django.db import transaction

    from iro_tracker.education.models import EducationContact, PersonalEducationPlan

    models = {"PersonalEducationPlan": PersonalEducationPlan, "EducationContact": EducationContact}
    with transaction.atomic():
        return write(plan(seed, read_children(), until), models)
