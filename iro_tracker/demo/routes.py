"""The broad plan for a period of care, by age at the start (no Django).

Routes typical of each starting age: return home, adoption, special guardianship, long-term
care to 18, an unaccompanied young person's stay to 18. ``Routes`` deals the routes of
children starting care in turn by weight and ``Eighteen`` decides, on the day, why young
people leave at 18, so that any year has the report's shares whatever the seed.
"""

from __future__ import annotations

import random
from datetime import date

from iro_tracker.demo.careplans import (
    RELATIVE_FOSTER,
    SUPPORTED_ACCOMMODATION_FROM,
    Builder,
    PeriodPlan,
    in_care,
    is_foster,
    lognormal_days,
    semi_independent,
)
from iro_tracker.demo.sampling import Quota, RoundRobin, birthday, days, pick, weights

AT_18 = ""  # REC decided on the 18th birthday, by ``Eighteen``
FORMAL_AT_18 = 0.82  # report §8.3
STAYING_PUT_OF_FORMAL = 0.36  # 30% of all: "more than a quarter" stayed put (§8.4)


def _cin(rng: random.Random, uasc: bool, disabled: bool) -> str:
    if uasc:
        return "N8"
    if disabled and rng.random() < 0.6:
        return "N2"
    return pick(rng, weights("N1 0.62 N5 0.13 N4 0.1 N3 0.05 N6 0.06 N8 0.03 N7 0.01"))


_ROUTES = (  # (youngest age in the band, route weights) for children starting care
    (0, weights("adoption 0.45 home 0.26 sgo 0.17 long 0.12")),
    (1, weights("adoption 0.24 home 0.33 sgo 0.21 long 0.22")),
    (5, weights("home 0.35 sgo 0.14 long 0.51")),
    (10, weights("home 0.36 sgo 0.04 long 0.6")),
    (16, weights("home 0.3 long 0.7")),
)


class Routes:
    """The broad plan for each period of care, by age at the start. For children starting
    care for the first time the routes are dealt in turn by weight (smooth round robin), so
    each year has its share of adoptions and of the rest whatever the seed."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.dealers = [RoundRobin(dict(table)) for _, table in _ROUTES]

    def choose(self, age: int, *, disabled: bool = False, returning: bool = False) -> str:
        """The route for a child starting (or coming back into) care at ``age``."""
        if disabled:
            return "long" if self.rng.random() < 0.85 else "home"
        band = max(i for i, (low, _) in enumerate(_ROUTES) if age >= low)
        if returning:  # back in care after going home: no new adoption plan
            route = pick(self.rng, _ROUTES[band][1])
            return "long" if route == "adoption" else route
        return self.dealers[band].pick()


def plan_period(
    rng: random.Random, *, dob: date, start: date, route: str, uasc: bool, disabled: bool
) -> PeriodPlan:
    """Draw the whole period of care starting on ``start``: episodes, end date and REC."""
    b = Builder(rng, dob, disabled)
    end18 = birthday(dob, 18)
    cin = _cin(rng, uasc, disabled)
    age = b.age(start)
    if uasc:
        return _uasc(b, start, end18, cin)
    if route == "adoption":
        return _adoption(b, start, end18, cin)
    if route == "sgo":
        return _sgo(b, start, end18, cin)
    if route == "home":
        return _home(b, start, end18, cin, age)
    return _long(b, start, end18, cin, age)


def _enter(b: Builder, start: date, ls: str, place: str) -> date:
    """Start the period; a few care-proceedings cases begin under an emergency order."""
    if ls == "C1" and b.rng.random() < 0.1:
        b.start(start, "L2", place)
        later = start + days(b.rng.randint(2, 8))  # an EPO lasts at most 8 days (rule 362)
        b.legal(later, "C1")
        return later
    b.start(start, ls, place)
    return start


def _first_placement(b: Builder, start: date, route: str) -> str:
    age = b.age(start)
    if route == "sgo" or (age < 12 and b.rng.random() < 0.15):
        return "U3" if b.rng.random() < 0.8 else "U6"
    if route == "adoption":
        return "U5" if b.rng.random() < 0.25 else "U6"
    if age < 10:
        return "U6"
    return b.placement_for(start)


def _supported(start: date, end: date) -> list[tuple[date, str, str]]:
    if start < SUPPORTED_ACCOMMODATION_FROM < end:
        return [(SUPPORTED_ACCOMMODATION_FROM, "supported", "")]
    return []


def _care_order(b: Builder, t: date) -> list[tuple[date, str, str]]:
    """Interim care order to full care order at the end of proceedings (about 30 weeks)."""
    return [(t + days(b.rng.randint(150, 300)), "ls", "C2")]


def _home(b: Builder, start: date, end18: date, cin: str, age: int) -> PeriodPlan:
    rng = b.rng
    young = age < 10
    ls = "C1" if rng.random() < (0.6 if young else 0.25) else "V2"
    place = _first_placement(b, start, "home")
    t = _enter(b, start, ls, place)
    length = lognormal_days(rng, 500 if young else 300, 0.75, 14, 1600)
    end = min(start + length, end18)
    fixed = _supported(start, end)
    if ls == "C1":
        fixed += _care_order(b, t)
        if length.days > 150 and rng.random() < 0.6:
            fixed.append((start + days(length.days * rng.uniform(0.4, 0.75)), "parents", ""))
    in_care(b, t, end, fixed)
    if end == end18:
        rec = AT_18
    elif b.now.place == "P1":
        rec = pick(rng, weights("E4A 0.8 E41 0.1 E13 0.1"))
    elif b.now.ls == "V2":
        options = [("E4A", 0.55), ("E4B", 0.15), ("E13", 0.22), ("E8", 0.03)]
        if b.age(end) >= 15:
            options += [("E9", 0.02), ("E6", 0.03)]
        rec = pick(rng, options)
    else:
        rec = pick(rng, weights("E4A 0.6 E41 0.2 E13 0.2"))
    return b.plan(start, end, rec, cin, "home")


def _adoption(b: Builder, start: date, end18: date, cin: str) -> PeriodPlan:
    rng = b.rng
    t = _enter(b, start, "C1", _first_placement(b, start, "adoption"))
    order = t + days(rng.randint(180, 330))  # care and placement orders together
    fixed = [(order, "ls", "E1")]
    if rng.random() < 0.9:
        placed = order + days(rng.randint(45, 200))
        end = placed + days(rng.randint(240, 420))
        fixed.append((placed, "adoptive", ""))
        in_care(b, t, end, fixed)
        return b.plan(start, end, pick(rng, weights("E11 0.65 E12 0.35")), cin, "adoption")
    # No adopters found: the placement order is revoked and the child stays in care.
    revoked = order + days(rng.randint(300, 500))
    fixed += [(revoked, "ls", "C2"), (revoked + days(rng.randint(30, 200)), "long_term", "")]
    return _long_tail(b, start, t, end18, cin, fixed, "adoption")


def _sgo(b: Builder, start: date, end18: date, cin: str) -> PeriodPlan:
    rng = b.rng
    t = _enter(b, start, "C1", _first_placement(b, start, "sgo"))
    end = min(start + days(rng.randint(240, 800)), end18 - days(30))
    fixed = _care_order(b, t)
    in_care(b, t, end, fixed)
    if b.now.place in RELATIVE_FOSTER:
        rec = pick(rng, weights("E45 0.85 E47 0.15"))
    elif is_foster(b.now.place):
        rec = pick(rng, weights("E46 0.45 E48 0.25 E47 0.3"))
    else:
        rec = "E47"
    return b.plan(start, end, rec, cin, "sgo")


def _long(b: Builder, start: date, end18: date, cin: str, age: int) -> PeriodPlan:
    rng = b.rng
    s20 = age >= 10 and rng.random() < 0.5
    t = _enter(b, start, "V2" if s20 else "C1", _first_placement(b, start, "long"))
    fixed = [] if s20 else _care_order(b, t)
    home = None
    if fixed and age < 13 and rng.random() < 0.25:
        home = fixed[0][0] + days(rng.randint(30, 500))
    elif fixed:
        fixed.append((fixed[0][0] + days(rng.randint(30, 200)), "long_term", ""))
    return _long_tail(b, start, t, end18, cin, fixed, "long", home)


def _long_tail(b, start, t, end18, cin, fixed, route, home=None) -> PeriodPlan:
    rng = b.rng
    # Some leave before 18: home, special guardianship with their carers, another LA.
    early = start + days(60 + rng.expovariate(1 / 30) * 365.25)
    end = early if early < end18 - days(60) else end18
    if home is not None:  # placed with parents under the care order, then discharged
        fixed.append((home, "parents", ""))
        end = min(end, home + days(rng.randint(180, 900)))
    sixteen = birthday(b.dob, 16)
    if sixteen < end and rng.random() < 0.32:
        fixed.append((sixteen + days(rng.randint(60, 540)), "semi", ""))
    fixed += _supported(start, end)
    in_care(b, t, end, fixed)
    place = b.now.place
    if end < end18 and place == "P1":
        rec = pick(rng, weights("E4A 0.85 E41 0.15"))
    elif end < end18:
        options = [("E4A", 0.4), ("E41", 0.08), ("E13", 0.12), ("E3", 0.05)]
        if is_foster(place):
            options += [("E46" if place not in RELATIVE_FOSTER else "E45", 0.35)]
        rec = pick(rng, options)
    else:
        rec = AT_18
    return b.plan(start, end, rec, cin, route)


class Eighteen:
    """Why young people stop being looked after on their 18th birthday, decided on the day
    in date order so that any year has the report's shares: 82% with formal arrangements
    (E17 staying put, E5 supported independent living, E7 adult social care), more than a
    quarter staying put with their foster carers."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.formal = Quota()
        self.staying_put = 0.0  # E17 owed: only a young person in foster care can stay put

    def rec(self, place: str, disabled: bool) -> str:
        """The REC for a young person turning 18 in placement ``place``."""
        if not self.formal.take(FORMAL_AT_18):
            return pick(self.rng, (("E6", 0.35), ("E13", 0.4), ("E8", 0.25)))
        self.staying_put = min(3.0, self.staying_put + STAYING_PUT_OF_FORMAL)
        if is_foster(place) and self.staying_put >= 0.5:
            self.staying_put -= 1.0
            return "E17"
        return "E7" if disabled else "E5"


def _uasc(b: Builder, start: date, end18: date, cin: str) -> PeriodPlan:
    rng = b.rng
    place = semi_independent(start) if b.age(start) >= 16 and rng.random() < 0.6 else "U6"
    b.start(start, "V2", place)
    end = end18
    rec = AT_18
    if rng.random() < 0.05:  # age assessment found them to be an adult, or went missing
        end = min(end18, start + days(rng.randint(30, 200)))
        rec = "E15" if rng.random() < 0.6 else "E8"
    fixed = _supported(start, end)
    if place == "U6" and birthday(b.dob, 16) < end and rng.random() < 0.6:
        fixed.append((birthday(b.dob, 16) + days(rng.randint(30, 300)), "semi", ""))
    in_care(b, start, end, fixed)
    return b.plan(start, end, rec, cin, "uasc")
