"""Who comes into care: the children's characteristics, drawn as they arrive (no Django).

Shares come from the seed report (§6: more boys than girls, 21% BME, 3% disabled, 27 UASC)
and national patterns for ages at entry. BME and disability are steered towards the report's
shares of the children in care at the time, so the year-end figures hold whatever the seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from iro_tracker.demo import names
from iro_tracker.demo.careplans import PeriodPlan
from iro_tracker.demo.sampling import birthday, pick, weights

BME_SHARE = 0.21  # §6.4, of children with a known ethnicity
DISABLED_SHARE = 0.03  # §6.5

# The majority of BME children looked after are from other White backgrounds or of mixed
# heritage (§6.4); WIRT/WROM children are allocated to the travelling-community lead.
_BME = weights(
    "WOTH 0.3 MWBC 0.12 MWBA 0.06 MWAS 0.1 MOTH 0.12 WIRI 0.04 WIRT 0.03 WROM 0.04 BAFR 0.05"
    " BCRB 0.03 BOTH 0.02 AIND 0.01 APKN 0.01 ABAN 0.01 AOTH 0.02 CHNE 0.01 OOTH 0.02"
)
_UASC_ETHNICITY = weights("AOTH 0.4 BAFR 0.3 OOTH 0.2 WOTH 0.1")
# Age bands at entry (years, inclusive), shaped on England's starters.
_ENTRY_AGES = (((0, 0), 0.2), ((1, 4), 0.14), ((5, 9), 0.15), ((10, 15), 0.36), ((16, 17), 0.15))
_DISABILITY = (
    "Autism spectrum condition",
    "Severe learning disability",
    "Physical disability",
    "Complex health needs",
    "Sensory impairment",
)
AREAS = ("North", "Central", "South")
_UPN_CHECK = "ABCDEFGHJKLMNPQRTUVWXYZ"
TRAVELLER_ETHNICITIES = frozenset({"WIRT", "WROM"})


@dataclass
class Child:
    """One child over the whole simulation (mutable: the simulation updates it)."""

    idx: int
    local_id: str
    first_name: str
    last_name: str
    dob: date
    sex: str
    ethnicity: str
    upn: str
    disabled: bool
    disability_detail: str
    uasc: bool
    family: int
    area: str
    social_worker: str
    short_breaks: bool = False
    periods: list[PeriodPlan] = field(default_factory=list)
    breaks: list[tuple[date, date]] = field(default_factory=list)
    breaks_end: date | None = None  # the short-break arrangement ends (no more breaks)
    series_lapses: date | None = None  # 12 months after the last break (rules.schedule)
    in_care: bool = False
    held: list[date] = field(default_factory=list)  # reviews held in the current period
    reviews: list = field(default_factory=list)
    allocations: list[list] = field(default_factory=list)  # [chair, start, end, reason]
    chair: object = None
    token: int = 0
    planned: object = None  # the next review's reviewing.Booking, once booked
    due: date | None = None  # the next review's due date
    earliest: date | None = None  # and the earliest day it can be held

    @property
    def period(self) -> PeriodPlan:
        return self.periods[-1]

    def series_start(self) -> date:
        return self.breaks[0][0] if self.short_breaks else self.period.start


class People:
    """Draws new children and keeps the running shares the steering needs."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.ids: set[str] = set()
        self.count = 0
        self.families = 0

    def local_id(self) -> str:
        """A new, unique local child identifier."""
        # A letter and six digits: unique, 7 characters, nothing like a real system's ids.
        while True:
            candidate = f"{self.rng.choice('DEFGHKMNPRST')}{self.rng.randint(100000, 999999)}"
            if candidate not in self.ids:
                self.ids.add(candidate)
                return candidate

    def upn(self) -> str:
        """A well-formed UPN (check letter, then 12 digits) for the fictitious LA 999."""
        rng = self.rng
        body = f"999{rng.randint(0, 9999):04d}{rng.randint(10, 25):02d}{rng.randint(0, 999):03d}"
        total = sum(int(ch) * weight for ch, weight in zip(body, range(2, 14), strict=True))
        return _UPN_CHECK[total % 23] + body

    def entry_age(self) -> tuple[int, int]:
        """An age band (youngest, oldest) for a child starting care."""
        low, high = pick(self.rng, _ENTRY_AGES)
        return low, high

    def dob_for_age(self, day: date, age: int) -> date:
        """A date of birth for a child aged ``age`` on ``day``."""
        # Newborns come into care soon after birth: half in their first month.
        if age == 0:
            back = self.rng.randint(1, 30) if self.rng.random() < 0.5 else self.rng.randint(31, 364)
        else:
            back = self.rng.randint(0, 364)
        dob = birthday(day - timedelta(days=back), -age)
        # Come into care at least 30 days before turning 18.
        while birthday(dob, 18) - day < timedelta(days=30):
            dob += timedelta(days=30)
        return dob

    def new_family(self) -> tuple[int, str, str, str]:
        """A family: its number, surname, area and the children's social worker."""
        self.families += 1
        first, last = names.full_name(self.rng)
        return self.families, names.surname(self.rng), pick_area(self.rng), f"{first} {last}"

    def _ethnicity(self, uasc: bool, bme_gap: float) -> str:
        rng = self.rng
        if uasc:
            return pick(rng, _UASC_ETHNICITY)
        if rng.random() < 0.01:
            return "NOBT"  # not yet obtained, mostly for babies
        if rng.random() < min(0.6, max(0.02, 0.165 + 0.02 * bme_gap)):
            return pick(rng, _BME)
        return "WBRI"

    def child(
        self,
        *,
        dob: date,
        family: tuple[int, str, str, str],
        uasc: bool = False,
        bme_gap: float = 0.0,
        disabled_gap: float = 0.0,
        can_be_disabled: bool = True,
        ethnicity: str | None = None,
    ) -> Child:
        """A new child; ``*_gap`` say how many children the current population is short of
        the report's shares (positive: make this one likelier to fill the gap)."""
        rng = self.rng
        sex = "M" if rng.random() < (0.92 if uasc else 0.55) else "F"
        ethnicity = ethnicity or self._ethnicity(uasc, bme_gap)
        disabled = (
            not uasc
            and can_be_disabled
            and rng.random() < min(0.4, max(0.0, 0.02 + 0.06 * disabled_gap))
        )
        self.count += 1
        number, family_name, area, social_worker = family
        return Child(
            idx=self.count,
            local_id=self.local_id(),
            first_name=names.first_name(rng, sex, uasc),
            last_name=names.surname(rng, True) if uasc else family_name,
            dob=dob,
            sex=sex,
            ethnicity=ethnicity,
            upn=self.upn(),
            disabled=disabled,
            disability_detail=rng.choice(_DISABILITY) if disabled else "",
            uasc=uasc,
            family=number,
            area=area,
            social_worker=social_worker,
        )


def pick_area(rng: random.Random) -> str:
    """The part of the county a family lives in (its locality team)."""
    return rng.choice(AREAS)


def uasc_age(rng: random.Random) -> int:
    """Most unaccompanied children arrive aged 15-17 (report §6.1, national figures)."""
    return pick(rng, ((14, 0.08), (15, 0.27), (16, 0.42), (17, 0.23)))


def short_breaks(rng: random.Random, first: date, dob: date) -> tuple[list, date]:
    """A series of short breaks (LS V3): a night or three every few weeks, for some years,
    ending by the 18th birthday. Returns the breaks and the day the arrangement ends."""
    ends = min(birthday(dob, 18), first + timedelta(days=rng.randint(2 * 365, 8 * 365)))
    breaks = []
    day = first
    while day < ends - timedelta(days=4):
        breaks.append((day, day + timedelta(days=rng.randint(1, 3))))
        day = breaks[-1][1] + timedelta(days=rng.randint(18, 45))
    return breaks, ends
