"""Simulate a Safeguarding Unit's child protection work, day by day (no Django).

Calibrated to the seed report (§4.2): about 1,200 conferences a year about 2,400 children, so
about two children per conference (sibling groups), with most plans ending within a year and a
few lasting two years or more. Families arrive through a strategy discussion; the initial
conference follows within 15 working days for most children (about four in five, as nationally)
and a plan starts for most of them; reviews come 3 months later and then 6-monthly, nearly all
on time, until a review ends the plan. Some families come back within two years (repeat plans).
Some looked-after children were on a plan before they came into care: that plan ends at the
first review after they became looked after, or is still open (both timelines at once).

The same seed always gives the same activity. ``simulate`` returns plain records; the loader in
``conferences.demo`` writes them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from iro_tracker.demo import names
from iro_tracker.demo.sampling import pick, poisson, weights
from iro_tracker.rules.calendar import add_months, add_working_days, is_working_day

FAMILIES_PER_WORKING_DAY = 1.36
TRANSFER_IN = 0.03  # families arriving on a plan from another authority
SIZES = ((1, 0.42), (2, 0.27), (3, 0.16), (4, 0.09), (5, 0.04), (6, 0.02))
CATEGORIES = weights("neglect 0.49 emotional 0.36 physical 0.07 sexual 0.04 multiple 0.04")
# Chance a plan ends at its 1st, 2nd, 3rd... review conference.
END_AT_REVIEW = (0.22, 0.42, 0.55, 0.65, 0.75, 0.85)
LATE_REASONS = weights(
    "PARTY_UNAVAILABLE 0.4 BEST_INTERESTS 0.2 SCHEDULING 0.15 CAPACITY 0.15 PRACTICE 0.1"
)
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Chair:
    pk: int
    start: date
    end: date | None
    fte: float

    def available(self, d: date) -> bool:
        return self.start <= d and (self.end is None or d <= self.end)


@dataclass
class KnownChild:
    """A child already in the database (looked after), who was on a plan first."""

    pk: int
    dob: date
    care_start: date
    last_name: str


@dataclass
class NewChild:
    key: int
    first_name: str
    last_name: str
    sex: str
    dob: date
    family: int


@dataclass
class Discussion:
    key: int
    held: date
    s47: date | None
    children: list  # NewChild keys (int) or KnownChild pks ("k<pk>")


@dataclass
class Plan:
    key: int
    child: object
    start: date
    category: str
    end: date | None = None


@dataclass
class Conference:
    key: int
    kind: str
    held: date
    chair: int
    discussion: int | None
    attendees: list[dict]
    late_reason: str = ""
    # (child ref, outcome, category, plan key or None)
    rows: list[tuple] = field(default_factory=list)

    @property
    def quorate(self) -> bool:
        agencies = {a["role"] for a in self.attendees if a["attended"]} & {
            "police",
            "health",
            "education",
            "other",
        }
        return len(agencies) >= 2


@dataclass
class Activity:
    children: list[NewChild] = field(default_factory=list)
    discussions: list[Discussion] = field(default_factory=list)
    conferences: list[Conference] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    core_groups: list[tuple[int, date]] = field(default_factory=list)  # (plan key, date)
    families: list[list] = field(default_factory=list)  # child refs of families of 2 or more


class Simulation:
    def __init__(self, seed: int, chairs: list[Chair], until: date, scale: float = 1.0):
        self.rng = random.Random(f"cp-{seed}")
        self.chairs = chairs
        self.until = until
        self.rate = FAMILIES_PER_WORKING_DAY * scale
        self.out = Activity()

    # --- people -----------------------------------------------------------------------

    def _family(self, n: int, start: date) -> list[int]:
        rng = self.rng
        surname = names.surname(rng)
        number = len(self.out.families)
        # The youngest is often a baby or toddler; the others a year or few apart.
        youngest = start - timedelta(days=rng.choice((30, 200, 500, 900, 1500, 2500, 3500)))
        youngest -= timedelta(days=rng.randint(0, 300))
        keys, dob = [], youngest
        for _ in range(n):
            sex = "M" if rng.random() < 0.51 else "F"
            child = NewChild(
                len(self.out.children), names.first_name(rng, sex), surname, sex, dob, number
            )
            self.out.children.append(child)
            keys.append(child.key)
            dob -= timedelta(days=rng.randint(400, 1500))
            if dob < start - timedelta(days=17 * 365):
                break
        if len(keys) > 1:
            self.out.families.append(keys)
        return keys

    def _chair(self, d: date, previous: int | None = None) -> int:
        if previous is not None and any(c.pk == previous and c.available(d) for c in self.chairs):
            return previous  # the same chair through a plan where possible
        available = [c for c in self.chairs if c.available(d)] or self.chairs
        return pick(self.rng, [(c.pk, c.fte) for c in available])

    def _attendees(self, ages: list[int]) -> list[dict]:
        rng = self.rng
        people = [("parent", 0.85), ("parent", 0.5), ("social_worker", 0.98), ("police", 0.7)]
        people += [("health", 0.8)]
        if max(ages) >= 5:
            people.append(("education", 0.8))
        if max(ages) >= 12:
            people.append(("child", 0.35))
        return [
            {"role": role, "name": "", "attended": rng.random() < chance} for role, chance in people
        ]

    # --- a family's child protection journey ---------------------------------------------

    def _working_days_later(self, d: date, lo: int, hi: int) -> date:
        return add_working_days(d, self.rng.randint(lo, hi))

    def _journey(
        self,
        children: list,
        ages: list[int],
        sd: date,
        *,
        in_care: date | None = None,
        transfer: bool = False,
    ):
        """From the strategy discussion (or a transfer-in conference on ``sd``) to the end of
        the plan (or ``until``)."""
        rng, out = self.rng, self.out
        disc, late, held = None, False, sd
        if not transfer:
            s47 = sd if rng.random() < 0.7 else add_working_days(sd, 1)
            out.discussions.append(Discussion(len(out.discussions), sd, s47, list(children)))
            disc = out.discussions[-1].key
            late = rng.random() < 0.21
            lo, hi = (16, 26) if late else (6, 15)
            held = self._working_days_later(sd, lo, hi)
        if held > self.until:
            return  # the initial conference is still to come
        chair = self._chair(held)
        started = transfer or in_care is not None or rng.random() < 0.85
        category = pick(rng, CATEGORIES)
        kind = "transfer_in" if transfer else "initial"
        conf = Conference(len(out.conferences), kind, held, chair, disc, self._attendees(ages))
        conf.late_reason = pick(rng, LATE_REASONS) if late else ""
        out.conferences.append(conf)
        if not started:
            conf.rows = [(c, "not_needed", "", None) for c in children]
            return
        plans = []
        for c in children:
            out.plans.append(Plan(len(out.plans), c, held, category))
            plans.append(out.plans[-1])
        conf.rows = [(p.child, "plan_started", category, p.key) for p in plans]
        self._core_groups(plans, held)
        previous, number = held, 0
        while True:
            months = 3 if number == 0 else 6
            due = add_months(previous, months)
            on_time = rng.random() < 0.93
            when = (
                due - timedelta(days=rng.randint(0, 12))
                if on_time
                else due + timedelta(days=rng.randint(1, 20))
            )
            while not is_working_day(when):
                when -= ONE_DAY
            if when > self.until:
                return
            number += 1
            chair = self._chair(when, chair)
            if in_care is not None:
                ends = when >= in_care  # a plan ends once the child is looked after
            else:
                ends = rng.random() < END_AT_REVIEW[min(number, len(END_AT_REVIEW)) - 1]
            conf = Conference(
                len(out.conferences), "review", when, chair, None, self._attendees(ages)
            )
            conf.late_reason = "" if when <= due else pick(rng, LATE_REASONS)
            outcome = "plan_ended" if ends else "plan_continued"
            conf.rows = [(p.child, outcome, category, p.key) for p in plans]
            out.conferences.append(conf)
            if ends:
                for p in plans:
                    p.end = when
                if in_care is None and rng.random() < 0.1:
                    self._queue(children, ages, when + timedelta(days=rng.randint(60, 700)))
                return
            previous = when

    def _core_groups(self, plans: list[Plan], start: date, until: date | None = None) -> None:
        """The first core group (due within 10 working days) and then one every 6-8 weeks.
        Registered when the plan starts and written at the end of the run, when its end is
        known."""
        if until is None:
            self._open_plans.append((plans, start))
            return
        end = min(until, self.until)
        d = self._working_days_later(start, 4, 10 if self.rng.random() < 0.9 else 14)
        while d <= end:
            for p in plans:
                self.out.core_groups.append((p.key, d))
            d += timedelta(days=self.rng.randint(42, 56))

    def _queue(self, children, ages, day: date) -> None:
        if day <= self.until:
            self._returns.setdefault(day, []).append((children, [a + 1 for a in ages]))

    # --- running it --------------------------------------------------------------------

    def run(self, start: date, known: list[KnownChild]) -> Activity:
        self._open_plans: list = []
        self._returns: dict[date, list] = {}
        prior = {}
        for child in known:
            sd = child.care_start - timedelta(days=self.rng.randint(60, 300))
            if sd >= start:
                prior.setdefault(sd, []).append(child)
        d = start
        while d <= self.until:
            if is_working_day(d):
                for _ in range(poisson(self.rng, self.rate)):
                    n = pick(self.rng, SIZES)
                    keys = self._family(n, d)
                    ages = [(d - self.out.children[k].dob).days // 365 for k in keys]
                    self._journey(keys, ages, d, transfer=self.rng.random() < TRANSFER_IN)
            for children, ages in self._returns.pop(d, []):
                sd = d
                while not is_working_day(sd):
                    sd += ONE_DAY
                self._journey(children, ages, sd)
            for child in prior.pop(d, []):
                sd = d
                while not is_working_day(sd):
                    sd += ONE_DAY
                age = (sd - child.dob).days // 365
                if age >= 0:
                    self._journey([f"k{child.pk}"], [age], sd, in_care=child.care_start)
            d += ONE_DAY
        for plans, started in self._open_plans:
            self._core_groups(plans, started, until=plans[0].end or self.until)
        return self.out


def simulate(
    seed: int,
    until: date,
    chairs: list[Chair],
    known: list[KnownChild],
    start: date,
    scale: float = 1.0,
):
    """Child protection activity from ``start`` to ``until`` (nothing after ``until``), for an
    authority ``scale`` times the seed's size."""
    return Simulation(seed, chairs, until, scale).run(start, known)
