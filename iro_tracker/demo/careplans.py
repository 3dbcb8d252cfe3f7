"""How one period of care unfolds, drawn when it starts: legal status, placements, the end.

``routes`` decides the broad plan; this module turns its changes into SSDA903-shaped
episodes: a new episode at every change of legal status or placement, the
reason for new episode (RNE) worked out from what changed, the reason for the placement
change on the episode that ends, and a reason ceased (REC) that suits the age and placement
(the DfE validation rules on REC, LS and PLACE are respected, e.g. A5/A6 only under a
placement order, E17 only at 18, E45/E46 only from a foster placement).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field, replace
from datetime import date

from iro_tracker.demo.sampling import ONE_DAY, age_on, days, pick, weights
from iro_tracker.rules.codes import FOSTER_PLACEMENTS, TEMPORARY_PLACEMENTS

# Supported accommodation became regulated on 28 Oct 2023: H5 placements became K3.
SUPPORTED_ACCOMMODATION_FROM = date(2023, 10, 28)
RELATIVE_FOSTER = frozenset({"U1", "U2", "U3"})

_PROVIDERS = {
    place: weights(table)
    for places, table in (
        ("U1 U2 U3", "PR1 1"),
        ("U4 U6", "PR1 0.6 PR4 0.4"),
        ("U5", "PR1 0.7 PR4 0.3"),
        ("K2", "PR4 0.7 PR1 0.25 PR5 0.05"),
        ("R1", "PR4 1"),
        ("H5 K3", "PR4 0.6 PR5 0.3 PR1 0.1"),
        ("S1", "PR4 0.6 PR5 0.4"),
        ("R2", "PR3 1"),
        ("P1", "PR0 1"),
        ("A5 A6", "PR1 0.6 PR2 0.15 PR5 0.25"),
    )
    for place in places.split()
}
# National shares of reasons for a placement change (903, 2024), planned moves first.
_MOVE_REASONS = weights(
    "CARPL 0.36 OTHER 0.2 CREQB 0.14 CREQO 0.1 CHILD 0.06 LAREQ 0.04 STAND 0.03 CLOSE 0.03"
    " ALLEG 0.02 APPRR 0.01"
)
# (code, weight, fewest and most days away) for a temporary move from foster carers.
_TEMPORARY = (
    ("T3", 0.45, 7, 21),
    ("T4", 0.25, 2, 7),
    ("T0", 0.15, 7, 21),
    ("T1", 0.1, 2, 14),
    ("T2", 0.05, 7, 14),
)


@dataclass
class Segment:
    """The child's state from ``start`` until the next segment (one 903 episode)."""

    start: date
    ls: str
    place: str
    provider: str
    carer: int
    reason: str = ""  # REASON_PLACE_CHANGE for the episode this segment follows


@dataclass
class PeriodPlan:
    """One period of care as drawn: its segments, end date, REC and category of need."""

    start: date
    end: date
    rec: str
    cin: str
    route: str
    segments: list[Segment]
    moves: list[date] = field(default_factory=list)  # changes that can bring a review forward

    def episodes(self) -> list[tuple]:
        """``(decom, dec, rne, ls, place, provider, rec, reason_place_change)`` per episode."""
        rows = []
        for i, seg in enumerate(self.segments):
            last = i == len(self.segments) - 1
            dec = self.end if last else self.segments[i + 1].start
            rec = self.rec if last else "X1"
            reason = "" if last else self.segments[i + 1].reason
            rows.append(
                (
                    seg.start,
                    dec,
                    _rne(self.segments[i - 1] if i else None, seg),
                    seg.ls,
                    seg.place,
                    seg.provider,
                    rec,
                    reason,
                )
            )
        return rows


def _rne(before: Segment | None, seg: Segment) -> str:
    if before is None:
        return "S"
    ls_changed = before.ls != seg.ls
    carer_changed = before.carer != seg.carer
    place_changed = before.place != seg.place or before.provider != seg.provider
    if ls_changed:
        return "B" if carer_changed else "U" if place_changed else "L"
    return "P" if carer_changed else "T"


def is_foster(place: str) -> bool:
    """True for a foster placement (U1-U6)."""
    return place in FOSTER_PLACEMENTS


def semi_independent(day: date) -> str:
    """The code for semi-independent accommodation on ``day``: H5, then K3."""
    return "K3" if day >= SUPPORTED_ACCOMMODATION_FROM else "H5"


class Builder:
    """Builds one period's segments as changes are applied in date order."""

    def __init__(self, rng: random.Random, dob: date, disabled: bool):
        self.rng, self.dob, self.disabled = rng, dob, disabled
        self.segments: list[Segment] = []
        self.moves: list[date] = []
        self.carers = 0

    @property
    def now(self) -> Segment:
        return self.segments[-1]

    def age(self, day: date) -> int:
        return age_on(self.dob, day)

    def _add(self, day: date, **changes) -> None:
        if self.segments:
            # Two changes on one day make one episode (903 rule 355: no episode under a day).
            if day <= self.now.start:
                for k, v in changes.items():
                    setattr(self.now, k, v)
                return
            base = {k: getattr(self.now, k) for k in ("ls", "place", "provider", "carer")}
            base.update(changes)
            self.segments.append(Segment(day, **base))
        else:
            self.segments.append(Segment(day, **changes))

    def start(self, day: date, ls: str, place: str) -> None:
        """The first episode of the period."""
        self.carers += 1
        self._add(day, ls=ls, place=place, provider=self.provider(place), carer=self.carers)

    def provider(self, place: str) -> str:
        return pick(self.rng, _PROVIDERS.get(place, weights("PR1 1")))

    def legal(self, day: date, ls: str) -> None:
        """A change of legal status from ``day``."""
        if ls != self.now.ls:
            self._add(day, ls=ls)
            if self.now.ls not in ("L1", "L2"):  # a final order, not the end of an EPO
                self.moves.append(day)

    def move(self, day: date, place: str, reason: str | None = None) -> None:
        """A move to new carers from ``day``, with the reason recorded for the 903."""
        self.carers += 1
        reason = reason or pick(self.rng, _MOVE_REASONS)
        if reason == "CUSTOD" and self.age(day) < 10:
            reason = "OTHER"
        self._add(day, place=place, provider=self.provider(place), carer=self.carers, reason=reason)
        self.moves.append(day)

    def convert(self, day: date, place: str) -> None:
        """Same carers, new placement type (e.g. foster care confirmed as long-term)."""
        if place != self.now.place:
            self._add(day, place=place, provider=self.now.provider, reason="PLACE")
            self.moves.append(day)

    def away(self, day: date, back: date, place: str) -> None:
        """A temporary move or hospital stay, then back to the same carers."""
        if day <= self.now.start:  # never merged into the placement it leaves
            day = self.now.start + ONE_DAY
        home = replace(self.now)
        self.carers += 1
        self._add(
            day,
            place=place,
            provider=self.provider(place),
            carer=self.carers,
            reason="" if place in TEMPORARY_PLACEMENTS else "OTHER",
        )
        self._add(back, place=home.place, provider=home.provider, carer=home.carer, reason="")

    def placement_for(self, day: date) -> str:
        """A new placement suited to the child's age on ``day``."""
        age = self.age(day)
        if age < 8:
            options = [*weights("U6 0.75 U4 0.2")]
        elif age < 11:
            options = [*weights("U6 0.75 U4 0.2 K2 0.03")]
        elif age < 16:
            options = [*weights("U6 0.55 U4 0.22 K2 0.15 R1 0.02")]
        else:
            options = [*weights("U6 0.48 U4 0.1 SEMI 0.32 K2 0.1 R1 0.02")]
        if self.disabled and age >= 8:
            options.append(("S1", 0.3))
        place = pick(self.rng, options)
        return semi_independent(day) if place == "SEMI" else place

    def plan(self, start, end, rec, cin, route) -> PeriodPlan:
        """The finished period, ending on ``end`` with reason ``rec``."""
        segments: list[Segment] = []
        for seg in self.segments:
            if seg.start >= end:
                break
            same = segments and all(
                getattr(segments[-1], k) == getattr(seg, k)
                for k in ("ls", "place", "provider", "carer")
            )
            if not same:  # a change undone on the same day is no change
                segments.append(seg)
        return PeriodPlan(start, end, rec, cin, route, segments, [m for m in self.moves if m < end])


def lognormal_days(rng: random.Random, median: float, sigma: float, low: int, high: int):
    """A length of stay in days: log-normal around ``median``, kept within low-high."""
    return days(min(high, max(low, median * math.exp(rng.gauss(0, sigma)))))


def in_care(b: Builder, t: date, end: date, fixed: list[tuple[date, str, str]]) -> None:
    """Placement moves, temporary moves and hospital stays from ``t`` until ``end``, with the
    fixed changes (legal status, long-term match, semi-independence) applied on their dates.
    """
    rng = b.rng
    fixed = sorted(f for f in fixed if t < f[0] < end)
    settled = False  # placed for adoption or with parents: no more moves
    while True:
        age = b.age(t)
        moving = 0.0 if settled else (0.18 if age < 11 else 0.42)
        temporary = 0.45 if is_foster(b.now.place) and not settled else 0.0
        hospital = 0.03 if age >= 11 and not settled else 0.0
        rate = moving + temporary + hospital
        nxt = t + days(rng.expovariate(rate) * 365.25) if rate else end
        nxt = max(nxt, b.now.start + ONE_DAY)  # never a temporary move on the first day
        while fixed and fixed[0][0] <= nxt and fixed[0][0] < end:
            day, kind, arg = fixed.pop(0)
            settled = _apply(b, day, kind, arg) or settled
            t = max(t, day)
            nxt = max(nxt, t)
        if nxt >= end - days(14) or rate == 0:
            if not fixed:
                return
            t = nxt
            continue
        t = nxt
        if settled:
            continue
        what = pick(rng, (("move", moving), ("temporary", temporary), ("hospital", hospital)))
        if what == "move":
            b.move(t, b.placement_for(t))
        elif what == "temporary":
            code, _, low, high = pick(rng, [(x, x[1]) for x in _TEMPORARY])
            back = t + days(rng.randint(low, high))
            if back < end - days(7) and not (fixed and fixed[0][0] <= back):
                b.away(t, back, code)
                t = back
        else:
            back = t + days(rng.randint(30, 150))
            if back < end - days(7) and not (fixed and fixed[0][0] <= back):
                b.away(t, back, "R2")
                t = back


def _apply(b: Builder, day: date, kind: str, arg: str) -> bool:
    """Apply a fixed change; True when the child is now settled for good."""
    if kind == "ls":
        b.legal(day, arg)
    elif kind == "long_term" and b.now.place in ("U6", "U3"):
        b.convert(day, "U1" if b.now.place == "U3" else "U4")
    elif kind == "semi" and b.now.place not in ("H5", "K3", "S1", "R2") and b.age(day) >= 16:
        b.move(day, semi_independent(day), reason="CARPL")
    elif kind == "supported" and b.now.place == "H5":
        b.convert(day, "K3")
    elif kind == "adoptive":
        if b.now.place == "U5":
            b.convert(day, "A5")
        else:
            b.move(day, "A6", reason="CARPL")
        return True
    elif kind == "parents":
        b.move(day, "P1", reason="CARPL")
        return True
    return False
