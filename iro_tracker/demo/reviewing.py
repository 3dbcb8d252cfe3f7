"""When each review is booked and how it goes: timeliness, late reasons, participation,
documents (no Django).

Due dates come from ``rules.timescales.next_review_due``, the function the product's
schedule uses, so the loader's recomputation agrees with every date booked here. Shares the
report gives for 2018-19 are held in every year by error diffusion over reviews in the order
they are booked: 94.6% on or before the due date and the 88 late reviews split as §5.3 says
(21 scheduling errors, 17 of them one day late; 13 in the child's best interests; 34
essential party unable to attend; 2 travel; 11 unit capacity or reallocation; 7 practice
issues), and 86% of children aged 4 or over taking part (§5.1).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from iro_tracker.demo.records import ReviewRecord
from iro_tracker.demo.sampling import (
    Quota,
    RoundRobin,
    Smoothed,
    age_on,
    financial_year,
    next_working_day,
    pick,
    previous_working_day,
    weights,
)
from iro_tracker.rules.calendar import add_working_days, is_working_day, subtract_working_days

# Share of reviews held late, by the April-to-March year of the due date (5.4% in 2018-19).
# 2018's share is set above 5.4% because a few late bookings are never held (the child
# leaves care first) and brought-forward reviews are never late.
LATE_SHARE = dict(
    zip(
        range(2012, 2024),
        (0.085, 0.08, 0.075, 0.07, 0.065, 0.06, 0.066, 0.05, 0.062, 0.056, 0.052, 0.05),
        strict=True,
    )
)
PARTICIPATION_SHARE = 0.86

# (late reason code, weight in §5.3, fewest and most days late)
_LATE = {
    "SCHEDULING/1": ("SCHEDULING", 17, 1, 1),
    "SCHEDULING": ("SCHEDULING", 4, 2, 6),
    "BEST_INTERESTS": ("BEST_INTERESTS", 13, 5, 35),
    "PARTY_UNAVAILABLE": ("PARTY_UNAVAILABLE", 34, 2, 21),
    "TRAVEL": ("TRAVEL", 2, 2, 10),
    "CAPACITY": ("CAPACITY", 11, 3, 28),
    "PRACTICE": ("PRACTICE", 7, 5, 30),
}
_NOTES = {
    "SCHEDULING": ("The due date was miscounted when the review was booked.",),
    "BEST_INTERESTS": (
        "Moved so that the young person could sit an exam.",
        "Held once the new placement had settled.",
    ),
    "PARTY_UNAVAILABLE": (
        "Social worker off sick on the day.",
        "Birth parent could not attend; rearranged at their request.",
        "Foster carer unwell.",
    ),
    "TRAVEL": ("Placement out of county; the IRO could not travel on the planned day.",),
    "CAPACITY": ("Reallocated to a new IRO; first date they had.",),
    "PRACTICE": ("Care plan not ready; review rearranged.",),
}
_ADJOURNED = (
    "Care plan not available for the review.",
    "Essential information about the placement missing.",
)
# How children who took part did so (PN1 attended and spoke for themselves most often).
_TAKING_PART = {
    "young": weights("PN1 0.35 PN2 0.05 PN3 0.25 PN4 0.15 PN5 0.05 PN6 0.15"),
    "middle": weights("PN1 0.55 PN2 0.07 PN3 0.03 PN4 0.08 PN5 0.07 PN6 0.2"),
    "older": weights("PN1 0.5 PN2 0.05 PN3 0.02 PN4 0.05 PN5 0.1 PN6 0.28"),
    "disabled": weights("PN1 0.2 PN2 0.15 PN3 0.4 PN4 0.1 PN6 0.15"),
}
# Days early for a review held on time: (range, weight); a first review is due so soon
# after care begins that it is rarely held much before its date.
_EARLY_FIRST = (((0, 0), 0.25), ((1, 3), 0.35), ((4, 8), 0.3), ((9, 14), 0.1))
_EARLY = (((0, 3), 0.22), ((4, 10), 0.38), ((11, 18), 0.28), ((19, 25), 0.12))
EXTRA_REVIEW_CHANCE = 0.8  # of significant changes well before the next review is due
OTHER_EXTRA_REVIEW_CHANCE = 0.06  # of other reviews: brought forward for another event


@dataclass(frozen=True)
class Booking:
    """A review booked for ``held`` (due ``due``), with the reason if it will be late."""

    held: date
    due: date
    late_reason: str = ""
    note: str = ""


class Reviewer:
    """Books and holds every review, keeping the running shares in date order."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.late = Quota()
        self.reasons = RoundRobin({key: v[1] for key, v in _LATE.items()})
        self.absent = Quota()
        self.absent_weight = Smoothed(400, start=1.0)

    def bring_forward(self, due: date, earliest: date, moves: list[date]) -> Booking | None:
        """A review brought forward by a placement move well before the next one is due;
        the clock restarts from it (reg 33, RULES.md "brought-forward review")."""
        rng = self.rng
        move = next((m for m in moves if earliest + timedelta(10) < m < due - timedelta(45)), None)
        if move is not None and rng.random() < EXTRA_REVIEW_CHANCE:
            when = next_working_day(move + timedelta(days=rng.randint(14, 35)))
            return Booking(max(when, next_working_day(earliest)), due)
        # Other significant events (a school move, a change in contact) now and then.
        if rng.random() < OTHER_EXTRA_REVIEW_CHANCE:
            when = next_working_day(earliest + timedelta(days=rng.randint(60, 100)))
            if when < due - timedelta(days=30):
                return Booking(when, due)
        return None

    def book(self, due: date, earliest: date, *, first: bool, short_break: bool) -> Booking:
        """Book the review due on ``due``, not before ``earliest``: on time (a few days to
        a few weeks early) or, for the report's share, late with a reason."""
        rng = self.rng
        if not short_break and self.late.take(LATE_SHARE.get(financial_year(due), 0.05)):
            key = self.reasons.pick(
                lambda k: k != "SCHEDULING/1" or is_working_day(due + timedelta(days=1))
            )
            reason, _, low, high = _LATE[key]
            when = due + timedelta(days=rng.randint(low, high))
            if key != "SCHEDULING/1":
                when = next_working_day(when)
            note = rng.choice(_NOTES[reason]) if rng.random() < 0.5 else ""
            return Booking(when, due, reason, note)
        if first:
            early = pick(rng, _EARLY_FIRST)
        else:
            early = pick(rng, _EARLY)
        when = previous_working_day(due - timedelta(days=rng.randint(*early)))
        if when < earliest:
            when = min(next_working_day(earliest), due)
        return Booking(when, due)

    def hold(
        self,
        day: date,
        booking: Booking,
        *,
        dob: date,
        disabled: bool,
        period_start: date,
        chair,
        lac: bool,
    ) -> ReviewRecord:
        """The review held on ``day``: participation, documents, any adjournment."""
        rng = self.rng
        late = day > booking.due
        adjourned = completed = None
        adjourned_reason = ""
        if rng.random() < 0.004:
            adjourned, adjourned_reason = day, rng.choice(_ADJOURNED)
            completed = add_working_days(day, rng.randint(5, 24))
        return ReviewRecord(
            child="",
            held=day,
            participation=self._participation(day, dob, disabled, lac),
            chair=chair,
            late_reason=booking.late_reason if late else "",
            late_reason_note=booking.note if late else "",
            care_plan_received=self._received(day, period_start, 0.8, 0.12),
            pre_meeting_report_received=self._received(day, period_start, 0.74, 0.14),
            adjourned_on=adjourned,
            adjourned_reason=adjourned_reason,
            completed_date=completed,
        )

    def _participation(self, day: date, dob: date, disabled: bool, lac: bool) -> str:
        age = age_on(dob, day)
        if age < 4:
            return "PN0"  # 903: under 4 at the time of the review
        # Older young people are the likeliest to stay away; the weights are rescaled so
        # that 14% of all children aged 4+ do, whatever the age mix.
        weight = 0.5 if age < 11 else 1.0 if age < 16 else 1.8
        if lac:
            self.absent_weight.add(weight)
            share = (1 - PARTICIPATION_SHARE) * weight / self.absent_weight.value
            absent = self.absent.take(min(share, 0.9))
        else:
            absent = self.rng.random() < 0.1
        if absent:
            return "PN7"
        band = "disabled" if disabled else "young" if age < 8 else "middle" if age < 16 else "older"
        return pick(self.rng, _TAKING_PART[band])

    def _received(self, day: date, start: date, on_time: float, late: float) -> date | None:
        """When a document reached the IRO: mostly 3+ working days before (on time)."""
        rng = self.rng
        r = rng.random()
        if r < on_time:
            received = subtract_working_days(day, rng.randint(3, 10))
        elif r < on_time + late:
            received = subtract_working_days(day, rng.randint(0, 2))
        else:
            return None
        return max(received, start)
