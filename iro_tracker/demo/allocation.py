"""Who each child's IRO is, and why it changes (no Django).

Every child is allocated an IRO within 5 working days of coming into care (report §4.5):
their brother's or sister's IRO (§4.6), else the IRO they had before if they come back into
care, else a chair leading on their needs (disabilities, UASC, travelling community), else
the least loaded chair for their FTE. Changes are few and each has a reason: an IRO leaving,
a new IRO taking over part of the busiest caseloads, a one-off request.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from iro_tracker.demo.population import TRAVELLER_ETHNICITIES, Child
from iro_tracker.demo.sampling import ONE_DAY, pick
from iro_tracker.demo.staffing import DISABILITIES, TRAVELLERS, UASC, Chair
from iro_tracker.rules.calendar import add_working_days

_REASON_LEFT = "Previous IRO left the Safeguarding Unit."
_REASON_REBALANCE = "Caseload rebalanced when a new IRO joined the unit."
_REASONS_ONE_OFF = (
    "Conflict of interest: the IRO knows the child's carers.",
    "The young person asked for a different IRO.",
    "Placement moved out of county: an IRO who covers that area.",
)
# Working days from coming into care to the IRO's appointment: all within 5 (§4.5).
_DAYS_TO_ALLOCATE = ((0, 0.3), (1, 0.3), (2, 0.2), (3, 0.1), (4, 0.06), (5, 0.04))


class Allocator:
    """Keeps each chair's current caseload and every child's allocation history."""

    def __init__(self, rng: random.Random, chairs: list[Chair], families: dict[int, list]):
        self.rng = rng
        self.chairs = chairs
        self.families = families
        self.joins = {c.start: c for c in chairs}
        self.leaves = {c.end + ONE_DAY: c for c in chairs if c.end}

    def available(self, day: date) -> list[Chair]:
        """Chairs who can take a new child on ``day``."""
        # Nobody takes new children in their last month.
        soon = day + timedelta(days=30)
        return [c for c in self.chairs if c.employed_on(day) and c.employed_on(soon)]

    def choose(self, child: Child, day: date, exclude=None) -> Chair:
        """A lead for the child's needs if not overloaded, else one of the least loaded."""
        chairs = [c for c in self.available(day) if c is not exclude]
        ratio = {c.number: (len(c.load) + 1) / float(c.fte) for c in chairs}
        lead = (
            UASC
            if child.uasc
            else DISABILITIES
            if child.disabled
            else TRAVELLERS
            if child.ethnicity in TRAVELLER_ETHNICITIES
            else None
        )
        if lead:
            leads = sorted(
                (c for c in chairs if lead in c.leads_on(day)), key=lambda c: ratio[c.number]
            )
            mean = sum(ratio.values()) / len(ratio)
            if leads and ratio[leads[0].number] <= 1.4 * mean:
                return leads[0]
        ranked = sorted(chairs, key=lambda c: (ratio[c.number], c.number))
        return pick(self.rng, list(zip(ranked[:3], (0.6, 0.3, 0.1), strict=False)))

    def allocate(self, child: Child, day: date, previous: Chair | None) -> None:
        """Appoint an IRO within 5 working days: a brother's or sister's IRO, else the IRO
        the child had before, else a lead for their needs, else the least loaded."""
        sibling = next(
            (other.chair for other in self.siblings(child) if other.chair is not None), None
        )
        available = self.available(day)
        reason = ""
        if sibling in available:
            chair = sibling
        elif previous in available:
            chair, reason = previous, "Returned to care: the same IRO as before."
        else:
            chair = self.choose(child, day)
            if previous is not None:
                reason = "Returned to care: the previous IRO has left the unit."
        start = add_working_days(day, pick(self.rng, _DAYS_TO_ALLOCATE))
        child.allocations.append([chair, start, None, reason])
        child.chair = chair
        chair.load.add(child.idx)

    def siblings(self, child: Child) -> list[Child]:
        """The child's brothers and sisters in care now."""
        return [o for o in self.families[child.family] if o is not child and o.in_care]

    def end(self, child: Child, day: date) -> None:
        """End the child's current allocation on ``day`` (they left care)."""
        if child.chair is not None:
            child.allocations[-1][2] = max(day, child.allocations[-1][1])
            child.chair.load.discard(child.idx)
            child.chair = None

    def reallocate(self, child: Child, chair: Chair, day: date, reason: str) -> None:
        """Change the child's IRO from ``day``, the old allocation ending the day before."""
        current = child.allocations[-1]
        if day <= current[1]:
            day = current[1] + ONE_DAY
        current[2] = day - ONE_DAY
        child.chair.load.discard(child.idx)
        child.allocations.append([chair, day, None, reason])
        child.chair = chair
        chair.load.add(child.idx)

    def staff_changes(self, day: date, children: list[Child]) -> None:
        """An IRO leaving hands their children on; one joining takes some over."""
        leaver = self.leaves.get(day)
        if leaver is not None:
            by_id = {c.idx: c for c in children if c.chair is leaver}
            for idx in sorted(by_id):
                child = by_id[idx]
                if child.chair is leaver:  # a brother or sister may have moved it already
                    chair = self.choose(child, day, exclude=leaver)
                    for member in [child, *self._family_with(child, leaver)]:
                        self.reallocate(member, chair, day, _REASON_LEFT)
        joiner = self.joins.get(day)
        if joiner is not None and day > date(1990, 4, 1):
            self._rebalance(joiner, day, children)

    def _family_with(self, child: Child, chair: Chair) -> list[Child]:
        return [o for o in self.families[child.family] if o is not child and o.chair is chair]

    def _rebalance(self, joiner: Chair, day: date, children: list[Child]) -> None:
        """A new IRO takes over some children from the busiest IROs (about 45% of an
        average caseload), whole families at a time."""
        others = [c for c in self.chairs if c.employed_on(day) and c is not joiner]
        average = sum(len(c.load) for c in others) / float(sum(c.fte for c in others))
        wanted = int(0.45 * average * float(joiner.fte))
        by_chair = {c.number: [] for c in others}
        for child in children:
            if child.chair in others and not (child.uasc or child.disabled):
                by_chair[child.chair.number].append(child)
        moved = 0
        for donor in sorted(others, key=lambda c: -len(c.load) / float(c.fte)):
            while moved < wanted and len(donor.load) / float(donor.fte) > average:
                candidates = [c for c in by_chair[donor.number] if c.chair is donor]
                if not candidates:
                    break
                child = self.rng.choice(candidates)
                for member in [child, *self._family_with(child, donor)]:
                    self.reallocate(member, joiner, day, _REASON_REBALANCE)
                    moved += 1

    def one_off_change(self, child: Child, day: date) -> None:
        """A change of IRO for a reason of its own (rare)."""
        reason = self.rng.choice(_REASONS_ONE_OFF)
        self.reallocate(child, self.choose(child, day, exclude=child.chair), day, reason)
