"""A synthetic authority's snapshot, for benchmarks and smoke tests (not for exact figures).

``synthetic_snapshot(2500, seed=1)`` is roughly one authority: about 800 children looked
after in 2018-19 and about 20,000 reviews over 2011-2019. Same seed, same snapshot.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from iro_tracker.rules.calendar import add_months
from iro_tracker.rules.codes import ETHNICITY, LATE_REASON
from iro_tracker.rules.metrics.snapshot import (
    AllocationRecord,
    ChildRecord,
    EpisodeRecord,
    ReviewRecord,
    Snapshot,
    StaffRecord,
)

DATA_FROM = date(2011, 4, 1)
DATA_TO = date(2020, 3, 31)
_PLACES = ["U4"] * 5 + ["U6"] * 5 + ["U1", "U3", "R1", "K2", "P1", "A5", "H5", "S1"]
_LEGAL = ["C2"] * 6 + ["C1", "V2", "V2", "E1", "J1"]
_LEAVING = ["E13", "E4A", "E11", "E12", "E45", "E17", "E5", "E6", "E8", "E41"]
_ETHNIC = ["WBRI"] * 14 + ETHNICITY.codes()


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _period(rng, child_id, start, end, known, episodes, reviews, dob):
    # Episodes: contiguous, the first with RNE S when the start is in the data.
    last_day = (end or DATA_TO) - timedelta(days=1)
    cuts = sorted({_day(rng, start, last_day) for _ in range(rng.randrange(4))} - {start})
    bounds = [start, *cuts]
    for i, decom in enumerate(bounds):
        dec = bounds[i + 1] if i + 1 < len(bounds) else end
        last = i + 1 == len(bounds)
        episodes.append(
            EpisodeRecord(
                child_id=child_id,
                decom=decom,
                dec=dec,
                rne="S" if i == 0 and known else rng.choice("PLBTU"),
                ls=rng.choice(_LEGAL),
                place=rng.choice(_PLACES),
                rec=(rng.choice(_LEAVING) if last else "X1") if dec else "",
            )
        )
    # Reviews: mostly on time, a few late by up to six weeks.
    held = (
        start + timedelta(days=rng.randrange(10, 30))
        if known
        else _day(rng, start, start + timedelta(days=180))
    )
    number, late = 1, False
    stop = min(end or DATA_TO, DATA_TO)
    while held <= stop:
        age = (held - dob).days // 365
        code = "PN0" if age < 4 else rng.choice(["PN1"] * 5 + ["PN2", "PN4", "PN5", "PN6", "PN7"])
        reason = rng.choice(LATE_REASON.codes()) if late else ""
        reviews.append(ReviewRecord(child_id, held, code, reason, f"S{rng.randrange(14)}"))
        # The next review: mostly early or on time, 1 in 16 late by up to six weeks.
        late = rng.random() < 0.06
        slack = rng.randrange(1, 43) if late else -rng.randrange(0, 20)
        held = add_months(held, 3 if number == 1 else 6) + timedelta(days=slack)
        number += 1


def synthetic_snapshot(n_children: int, seed: int = 1) -> Snapshot:
    """A reproducible snapshot of ``n_children`` children (see the module docstring)."""
    rng = random.Random(seed)
    children, episodes, reviews, allocations = [], [], [], []
    for n in range(n_children):
        child_id = f"C{n:06d}"
        start = _day(rng, date(2009, 1, 1), date(2019, 12, 31))
        dob = start - timedelta(days=rng.randrange(0, 17 * 365))
        children.append(
            ChildRecord(
                child_id,
                dob,
                rng.choice("MMMFF"),
                rng.choice(_ETHNIC),
                disabled=rng.random() < 0.03,
                uasc=rng.random() < 0.04,
            )
        )
        if rng.random() < 0.06:  # short breaks only: a V3 break every month or two
            day = start
            while day <= DATA_TO and day < start + timedelta(days=900):
                stay = timedelta(days=rng.randrange(1, 4))
                episodes.append(EpisodeRecord(child_id, day, day + stay, "S", "V3", "U6", "E8"))
                day += timedelta(days=rng.randrange(25, 70))
            review = start + timedelta(days=rng.randrange(60, 95))
            while review <= min(day, DATA_TO):  # reg 48 reviews, roughly six-monthly
                reviews.append(ReviewRecord(child_id, review, "PN1"))
                review += timedelta(days=rng.randrange(150, 200))
            continue
        for _ in range(1 if rng.random() < 0.85 else 2):
            years = rng.expovariate(1 / 3.5)
            end = start + timedelta(days=int(years * 365) + 1)
            if end > DATA_TO:
                end = None
            known = start >= DATA_FROM
            if end is None or end > DATA_FROM + timedelta(days=1):  # else it predates the data
                first = max(start, DATA_FROM)
                _period(rng, child_id, first, end, known, episodes, reviews, dob)
                allocations.append(AllocationRecord(child_id, f"S{rng.randrange(14)}", first, end))
            if end is None:
                break
            start = end + timedelta(days=rng.randrange(30, 700))
            if start >= DATA_TO:
                break
    staff = [
        StaffRecord(f"S{i}", f"Chair {i}", rng.choice([1.0, 1.0, 0.8, 0.6]), i < 12, i >= 3)
        for i in range(14)
    ]
    return Snapshot(
        children,
        episodes,
        reviews,
        staff=staff,
        allocations=allocations,
        history_from=DATA_FROM,
        population_0_17=107_000 * max(1, n_children // 2500),
    )
