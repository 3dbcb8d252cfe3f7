"""The day-by-day simulation behind the demo local authority (no Django).

Days are processed in order from ``START`` and every random draw comes from one stream in
that order, so what happened by any date never depends on how far the simulation runs: the
generator simply stops at its ``until`` date. The simulation starts in 1988 so that every
child in care from April 2012 has their whole history (every review its predecessor).

Arrivals are steered towards a target number of children in care (report §6.1: 606 at
31 March 2018, 627 in November 2018, 610 at 31 March 2019, roughly stable since), with
separate targets for unaccompanied children (27 at 31 March 2019) and short-break children.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable
from datetime import date, timedelta

from iro_tracker.demo import reviewing, routes
from iro_tracker.demo.allocation import Allocator
from iro_tracker.demo.population import (
    BME_SHARE,
    DISABLED_SHARE,
    Child,
    People,
    short_breaks,
)
from iro_tracker.demo.population import uasc_age as draw_uasc_age
from iro_tracker.demo.sampling import (
    ONE_DAY,
    Smoothed,
    age_on,
    birthday,
    pick,
    poisson,
)
from iro_tracker.demo.staffing import build_chairs, build_other_logins
from iro_tracker.rules.calendar import add_months
from iro_tracker.rules.timescales import next_review_due

START = date(1988, 4, 1)

# (date, children in care) - interpolated between points (report §6.1 for 2017-2019).
TARGET_LAC = (
    (date(1988, 4, 1), 0),
    (date(1990, 4, 1), 560),
    (date(2012, 4, 1), 585),
    (date(2016, 3, 31), 575),
    (date(2017, 11, 15), 582),
    (date(2018, 3, 31), 606),
    (date(2018, 11, 15), 627),
    (date(2019, 3, 31), 610),
    (date(2021, 3, 31), 615),
    (date(2024, 3, 31), 622),
    (date(2040, 1, 1), 620),
)
TARGET_UASC = (
    (date(1988, 4, 1), 0),
    (date(2012, 4, 1), 9),
    (date(2016, 3, 31), 18),
    (date(2017, 3, 31), 25),
    (date(2019, 3, 31), 27),
    (date(2022, 3, 31), 38),
    (date(2040, 1, 1), 42),
)
TARGET_SHORT_BREAKS = ((date(1988, 4, 1), 6), (date(2012, 4, 1), 12), (date(2040, 1, 1), 16))
RESPONSE_DAYS = 40  # how fast arrivals close a gap between the children in care and the target
UASC_RESPONSE_DAYS = 25
MEAN_FAMILY = 1.23  # children per arrival, with brothers and sisters arriving together
RETURN_RECS = frozenset({"E4A", "E4B", "E13", "E41"})
_EVENT_ORDER = {"leave": 0, "return": 1, "review": 2, "book": 3, "close": 4}
BOOKING_LEAD_DAYS = 56


def target(points, day: date) -> float:
    """The value on ``day`` of a path given as (date, value) points."""
    for (d0, v0), (d1, v1) in zip(points, points[1:], strict=False):
        if d0 <= day <= d1:
            return v0 + (v1 - v0) * (day - d0).days / (d1 - d0).days
    return points[-1][1]


class Simulation:
    """The authority from 1988: children, their periods of care, IROs and reviews."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.chairs = build_chairs(self.rng)
        self.other_logins = build_other_logins(self.rng)
        self.people = People(self.rng)
        self.reviewer = reviewing.Reviewer(self.rng)
        self.eighteen = routes.Eighteen(self.rng)
        self.routes = routes.Routes(self.rng)
        self.children: list[Child] = []
        self.events: list[tuple] = []
        self.counter = 0
        self.in_care: dict[str, set[int]] = {"lac": set(), "uasc": set(), "sb": set()}
        self.leaving = Smoothed(180, start=0.45)
        self.returning = Smoothed(180, start=0.0)
        self.leaving_uasc = Smoothed(180, start=0.02)
        self.families: dict[int, list[Child]] = {}
        self.iros = Allocator(self.rng, self.chairs, self.families)
        self.lac_points = [(d, v - target(TARGET_UASC, d)) for d, v in TARGET_LAC]
        self.bme = 0
        self.known = 0
        self.disabled_in_care: dict[int, Child] = {}
        self.today = START

    # --- the loop ---------------------------------------------------------------------

    def run(self, until: date, progress: Callable[[date], None] | None = None) -> None:
        """Simulate every day from ``START`` to ``until`` (both included)."""
        day = START
        while day <= until:
            self.today = day
            self.iros.staff_changes(day, self.children)
            left_today = self._events(day)
            self.leaving.add(left_today[0])
            self.leaving_uasc.add(left_today[1])
            self.returning.add(left_today[2])
            self._arrivals(day)
            if progress and day.day == 1:
                progress(day)
            day += ONE_DAY

    def _push(self, day: date, kind: str, child: Child, token: int = 0) -> None:
        self.counter += 1
        heapq.heappush(self.events, (day, _EVENT_ORDER[kind], self.counter, kind, child, token))

    def _events(self, day: date) -> tuple[int, int, int]:
        left = [0, 0, 0]
        while self.events and self.events[0][0] == day:
            _, _, _, kind, child, token = heapq.heappop(self.events)
            if kind == "leave":
                left[child.uasc] += 1
                self._leave(child, day)
            elif kind == "return":
                left[2] += 1
                self._start_period(child, day, returning=True)
            elif kind == "review" and token == child.token:
                self._review(child, day)
            elif kind == "book" and token == child.token and child.in_care:
                self._book(child, day)
            elif kind == "close":
                self.iros.end(child, day)
                self.in_care["sb"].discard(child.idx)
        return left[0], left[1], left[2]

    # --- arrivals ---------------------------------------------------------------------

    def _rate(self, key, points, smoothed: Smoothed, day: date, response=RESPONSE_DAYS) -> float:
        gap = target(points, day) - len(self.in_care[key])
        return max(0.0, smoothed.value + gap / response)

    def _arrivals(self, day: date) -> None:
        rng = self.rng
        # Children who return to care arrive on their own; new arrivals fill the rest.
        lac = self._rate("lac", self.lac_points, self.leaving, day) - self.returning.value
        for _ in range(poisson(rng, max(0.0, lac) / MEAN_FAMILY)):
            self._family_arrives(day)
        uasc = self._rate("uasc", TARGET_UASC, self.leaving_uasc, day, UASC_RESPONSE_DAYS)
        for _ in range(poisson(rng, uasc)):
            family = self.people.new_family()
            dob = self.people.dob_for_age(day, draw_uasc_age(rng))
            child = self._new_child(dob, family, uasc=True)
            self._start_period(child, day)
        gap = target(TARGET_SHORT_BREAKS, day) - len(self.in_care["sb"])
        if rng.random() < max(0.0, gap) / 60:
            self._short_breaks_start(day)

    def _family_arrives(self, day: date) -> None:
        rng = self.rng
        low, high = self.people.entry_age()
        age = rng.randint(low, high)
        family = self.people.new_family()
        size = 1
        if age < 14 and rng.random() < 0.22:  # brothers and sisters coming into care together
            size = pick(rng, ((2, 0.65), (3, 0.25), (4, 0.1)))
        ages = [age] + [
            min(15, max(0, age + rng.choice((-1, 1)) * rng.randint(1, 4))) for _ in range(size - 1)
        ]
        route = self.routes.choose(max(ages))
        ethnicity = None  # brothers and sisters share the first child's
        for a in ages:
            dob = self.people.dob_for_age(day, a)
            child = self._new_child(dob, family, can_be_disabled=a >= 4, ethnicity=ethnicity)
            ethnicity = child.ethnicity
            child_route = route
            if child.disabled:
                child_route = self.routes.choose(a, disabled=True)
            elif route == "adoption" and a >= 5:
                child_route = "long"
            self._start_period(child, day, route=child_route)

    def _new_child(self, dob, family, *, uasc=False, can_be_disabled=True, ethnicity=None):
        n = len(self.in_care["lac"]) + len(self.in_care["uasc"])
        child = self.people.child(
            dob=dob,
            family=family,
            uasc=uasc,
            can_be_disabled=can_be_disabled,
            ethnicity=ethnicity,
            bme_gap=BME_SHARE * self.known - self.bme,
            # Those leaving within 4 months still count today: aim a little under.
            disabled_gap=(DISABLED_SHARE - 0.002) * n - self._disabled_staying(),
        )
        self.children.append(child)
        self.families.setdefault(child.family, []).append(child)
        return child

    def _disabled_staying(self) -> int:
        # Disabled children in care who will still be in 4 months: steering on them fills
        # the places of those about to turn 18 before they go.
        soon = self.today + timedelta(days=120)
        return sum(c.period.end > soon for c in self.disabled_in_care.values())

    def _count(self, child: Child, sign: int) -> None:
        if child.ethnicity not in ("NOBT", "REFU"):
            self.known += sign
            self.bme += sign * (child.ethnicity != "WBRI")
        if child.disabled and sign > 0:
            self.disabled_in_care[child.idx] = child
        elif child.disabled:
            self.disabled_in_care.pop(child.idx, None)

    # --- periods of care --------------------------------------------------------------

    def _start_period(self, child: Child, day: date, *, route: str = "", returning=False):
        rng = self.rng
        if not route:
            age = age_on(child.dob, day)
            route = self.routes.choose(age, disabled=child.disabled, returning=returning)
        plan = routes.plan_period(
            rng,
            dob=child.dob,
            start=day,
            route=route,
            uasc=child.uasc,
            disabled=child.disabled,
        )
        child.periods.append(plan)
        child.in_care = True
        child.held = []
        self.in_care["uasc" if child.uasc else "lac"].add(child.idx)
        self._count(child, 1)
        self._push(plan.end, "leave", child)
        previous = child.allocations[-1][0] if child.allocations else None
        self.iros.allocate(child, day, previous=previous)
        self._plan_review(child, day)

    def _leave(self, child: Child, day: date) -> None:
        child.in_care = False
        child.token += 1  # the next review booked will not happen
        self.in_care["uasc" if child.uasc else "lac"].discard(child.idx)
        self._count(child, -1)
        self.iros.end(child, day)
        plan = child.period
        if plan.rec == routes.AT_18:
            plan.rec = self.eighteen.rec(plan.segments[-1].place, child.disabled)
        age = age_on(child.dob, day)
        # Some children who go home come back into care (a new period, RNE S).
        if plan.rec in RETURN_RECS and age < 16 and self.rng.random() < 0.16:
            back = day + timedelta(days=self.rng.randint(60, 900))
            if back < birthday(child.dob, 18) - timedelta(days=90):
                self._push(back, "return", child)

    def _short_breaks_start(self, day: date) -> None:
        rng = self.rng
        family = self.people.new_family()
        dob = self.people.dob_for_age(day, rng.randint(6, 14))
        child = self._new_child(dob, family, can_be_disabled=False)
        child.disabled, child.short_breaks = True, True
        child.disability_detail = rng.choice(
            ("Severe learning disability", "Complex health needs", "Autism spectrum condition")
        )
        child.breaks, child.breaks_end = short_breaks(rng, day, dob)
        child.series_lapses = add_months(child.breaks[-1][1], 12)
        child.in_care = True
        self.in_care["sb"].add(child.idx)
        self.iros.allocate(child, day, previous=None)
        # The IRO stays allocated while rules.schedule still expects reviews of the series.
        self._push(child.series_lapses + ONE_DAY, "close", child)
        self._plan_review(child, day)

    # --- reviews ----------------------------------------------------------------------

    def _plan_review(self, child: Child, today: date) -> None:
        """Work out when the next review is due; book it now if brought forward by a move,
        else about 8 weeks before it is due (so late decisions run in due-date order)."""
        start = child.series_start()
        due = next_review_due(start, child.held, short_break=child.short_breaks).date
        earliest = max(
            start + timedelta(days=7), child.allocations[-1][1] + ONE_DAY, today + ONE_DAY
        )
        child.token += 1
        child.planned = None
        child.due = due
        child.earliest = earliest
        if child.held and not child.short_breaks:
            booking = self.reviewer.bring_forward(due, earliest, child.period.moves)
            if booking is not None:
                self._booked(child, booking)
                return
        book_day = max(today, due - timedelta(days=BOOKING_LEAD_DAYS))
        if book_day == today:
            self._book(child, today)
        else:
            self._push(book_day, "book", child, child.token)

    def _book(self, child: Child, day: date) -> None:
        booking = self.reviewer.book(
            child.due, child.earliest, first=not child.held, short_break=child.short_breaks
        )
        self._booked(child, booking)

    def _booked(self, child: Child, booking) -> None:
        child.planned = booking
        self._push(booking.held, "review", child, child.token)

    def _review(self, child: Child, day: date) -> None:
        ends = child.breaks_end if child.short_breaks else child.period.end
        if not child.in_care or day >= ends:
            return
        chair = child.chair
        if self.rng.random() < 0.03:  # the IRO is away: another chair steps in
            chair = self.iros.choose(child, day, exclude=child.chair)
        start = child.series_start()
        record = self.reviewer.hold(
            day,
            child.planned,
            dob=child.dob,
            disabled=child.disabled,
            period_start=start,
            chair=chair,
            lac=not child.short_breaks,
        )
        child.reviews.append(record)
        child.held.append(day)
        if self.rng.random() < 0.003 and not self.iros.siblings(child):
            self.iros.one_off_change(child, day + ONE_DAY)
        self._plan_review(child, day)
