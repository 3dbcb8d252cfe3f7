"""Small sampling tools for the demo generator (no Django).

The report's figures for one year are small counts (88 late reviews split six ways, 27 UASC),
so plain coin flips would miss them by more than the figures themselves vary. Where a
proportion must hold in any year, the generator uses error diffusion (``Quota``) and smooth
weighted round robin (``RoundRobin``) over events in date order: the choice of *which* review
or child still comes from the simulation, but the share in any run of events stays close to
the target.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Hashable, Sequence
from datetime import date, timedelta

from iro_tracker.rules.calendar import is_working_day

ONE_DAY = timedelta(days=1)


def pick(rng: random.Random, options: Sequence[tuple[object, float]]):
    """One item from ``(item, weight)`` pairs, with probability proportional to its weight."""
    total = sum(w for _, w in options)
    x = rng.random() * total
    for item, weight in options:
        x -= weight
        if x < 0:
            return item
    return options[-1][0]


def weights(text: str) -> tuple[tuple[str, float], ...]:
    """``"A 0.5 B 0.3"`` as ``(("A", 0.5), ("B", 0.3))``: compact tables for ``pick``."""
    parts = text.split()
    return tuple((parts[i], float(parts[i + 1])) for i in range(0, len(parts), 2))


def poisson(rng: random.Random, lam: float) -> int:
    """A Poisson-distributed count with mean ``lam`` (Knuth's method; ``lam`` is small here)."""
    if lam <= 0:
        return 0
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def days(n: float) -> timedelta:
    """``n`` days, rounded to whole days."""
    return timedelta(days=round(n))


def next_working_day(d: date) -> date:
    """``d`` if it is a working day, else the first working day after it."""
    while not is_working_day(d):
        d += ONE_DAY
    return d


def previous_working_day(d: date) -> date:
    """``d`` if it is a working day, else the last working day before it."""
    while not is_working_day(d):
        d -= ONE_DAY
    return d


def birthday(dob: date, years: int) -> date:
    """The date a child born on ``dob`` turns ``years`` (29 Feb birthdays fall on 1 Mar)."""
    try:
        return dob.replace(year=dob.year + years)
    except ValueError:
        return date(dob.year + years, 3, 1)


def age_on(dob: date, d: date) -> int:
    """Age in whole years on ``d``."""
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def financial_year(d: date) -> int:
    """The year an April-to-March year starts in (2018 for 2018-19)."""
    return d.year if d.month >= 4 else d.year - 1


class Quota:
    """Error diffusion: say yes to a share ``p`` of calls, so any run of calls is close to it.

    Each call adds its own probability to a running balance and says yes when the balance
    reaches one half, so over any stretch of calls the yes count differs from the sum of
    the probabilities by less than one.
    """

    def __init__(self, start: float = 0.0):
        self.balance = start

    def take(self, p: float) -> bool:
        """Yes or no for a case whose own probability is ``p``."""
        self.balance += p
        if self.balance >= 0.5:
            self.balance -= 1.0
            return True
        return False


class RoundRobin:
    """Smooth weighted round robin: each key comes up in proportion to its weight, evenly
    spread, so any run of picks matches the weights to within one or two of each key.

    A pick can exclude keys that do not fit the case at hand; their credit carries over so
    they come up at the next case that fits.
    """

    def __init__(self, weights: dict[Hashable, float]):
        self.weights = dict(weights)
        self.total = sum(self.weights.values())
        self.current = dict.fromkeys(self.weights, 0.0)

    def pick(self, fits: Callable[[Hashable], bool] = lambda key: True) -> Hashable:
        for key, weight in self.weights.items():
            self.current[key] += weight
        candidates = [k for k in self.weights if fits(k)] or list(self.weights)
        chosen = max(candidates, key=lambda k: self.current[k])
        self.current[chosen] -= self.total
        return chosen


class Smoothed:
    """An exponentially weighted moving average of a daily count (e.g. children leaving)."""

    def __init__(self, days: float, start: float = 0.0):
        self.alpha = 1.0 / days
        self.value = start

    def add(self, count: float) -> None:
        """Take in the next day's count."""
        self.value += self.alpha * (count - self.value)
