"""The demo Safeguarding Unit: its chairs over the years, the other demo logins, the teams.

The roster is fixed (only the names are drawn at random) so that the unit matches the seed
report whatever the seed: 9.6 FTE at 31 March 2018, 11.3 FTE from September 2018 and 12.3 FTE
(13 chairs) from February 2019 (report §2.4 and §4.2), one chair leading on disabilities, two
on asylum-seeking children and one on the travelling community (§2.6). Before 2012 the unit is
a few long-gone chairs, who exist only so that old reviews have a chair.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from iro_tracker.demo import names

TEAMS = (
    "Locality North",
    "Locality Central",
    "Locality South",
    "Looked After Children North",
    "Looked After Children South",
    "Children with Disabilities",
    "Through Care",
    "Adoption and Permanence",
    "Unaccompanied Young People",
)

DISABILITIES = "disabilities"
UASC = "uasc"
TRAVELLERS = "travelling-community"
LEADS = {
    DISABILITIES: "Children with disabilities",
    UASC: "Unaccompanied asylum-seeking children",
    TRAVELLERS: "Travelling community",
}


@dataclass
class Chair:
    """One IRO/CPA over their time in the unit (``end`` is their last day, None = staying)."""

    number: int
    fte: Decimal
    start: date
    end: date | None
    is_cpa: bool = True
    leads: tuple[tuple[str, date | None, date | None], ...] = ()
    team_links: tuple[str, ...] = ()
    first_name: str = ""
    last_name: str = ""
    sex: str = "F"
    load: set[int] = field(default_factory=set)  # children currently allocated

    def employed_on(self, day: date) -> bool:
        """True if ``day`` is between their first and last day in the unit."""
        return self.start <= day and (self.end is None or day <= self.end)

    def leads_on(self, day: date) -> set[str]:
        """The specialist leads they hold on ``day``."""
        return {
            code
            for code, since, until in self.leads
            if (since is None or since <= day) and (until is None or day <= until)
        }


def _d(text: str) -> date:
    return date.fromisoformat(text)


# The travelling-community lead passes on when its first holder retires.
_TRAVELLER_HANDOVER = _d("2023-01-09")

# (FTE, first day, last day, chairs CP conferences too, leads, team links)
_ROSTER = (
    # Long gone before the history the demo shows in full.
    ("1.0", "1986-01-06", "2001-03-30", True, (), ()),
    ("1.0", "1986-01-06", "2006-08-31", True, (), ()),
    ("0.6", "1987-05-01", "2008-12-19", True, (), ()),
    ("1.0", "1987-09-01", "2011-03-31", True, (), ()),
    ("1.0", "1988-02-01", "2013-08-30", True, (), ("Locality South",)),
    ("1.0", "1990-04-02", "2004-03-31", True, (), ()),
    ("0.8", "1994-01-04", "2014-03-31", True, (), ("Locality Central",)),
    ("1.0", "1997-04-01", "2012-05-25", True, (), ()),
    ("1.0", "2003-03-03", "2014-12-19", True, (), ("Through Care",)),
    ("1.0", "2005-05-03", "2016-08-31", True, (), ("Looked After Children South",)),
    # The unit at 31 March 2019: 13 chairs, 12.3 FTE.
    (
        "1.0",
        "2004-04-05",
        None,
        True,
        ((DISABILITIES, None, None),),
        ("Children with Disabilities",),
    ),
    ("1.0", "2006-09-04", None, True, ((UASC, None, None),), ("Unaccompanied Young People",)),
    ("0.8", "2008-01-07", "2022-12-23", True, ((TRAVELLERS, None, None),), ("Locality South",)),
    ("1.0", "2009-05-05", None, True, (), ("Looked After Children North",)),
    ("1.0", "2010-10-04", None, False, (), ("Adoption and Permanence",)),
    ("0.8", "2012-06-04", "2021-07-30", True, (), ("Locality Central",)),
    ("1.0", "2014-04-01", None, True, (), ("Through Care",)),
    ("1.0", "2015-01-05", None, True, (), ("Looked After Children South",)),
    ("1.0", "2016-09-05", None, True, ((UASC, None, None),), ("Locality North",)),
    ("1.0", "2017-02-06", None, True, (), ("Locality Central",)),
    ("1.0", "2018-05-08", None, True, (), ("Looked After Children North",)),
    ("0.7", "2018-09-03", None, True, (), ("Locality South",)),
    ("1.0", "2019-02-04", None, True, (), ("Looked After Children South",)),
    # Replacements since, keeping the unit at 13 chairs and 12.3 FTE.
    ("0.8", "2021-09-06", None, True, (), ("Locality Central",)),
    (
        "0.8",
        "2023-01-09",
        None,
        True,
        ((TRAVELLERS, _TRAVELLER_HANDOVER, None),),
        ("Locality South",),
    ),
)


def build_chairs(rng: random.Random) -> list[Chair]:
    """The unit's chairs, oldest first, with invented names."""
    chairs = []
    for number, (fte, start, end, cpa, leads, links) in enumerate(_ROSTER, start=1):
        sex = "F" if rng.random() < 0.7 else "M"  # most IROs are women
        first, last = names.full_name(rng, sex)
        chairs.append(
            Chair(
                number=number,
                fte=Decimal(fte),
                start=_d(start),
                end=_d(end) if end else None,
                is_cpa=cpa,
                leads=tuple(leads),
                team_links=tuple(links),
                first_name=first,
                last_name=last,
                sex=sex,
            )
        )
    return chairs


@dataclass(frozen=True)
class OtherLogin:
    """A demo login that is not a chair."""

    username: str
    role: str
    first_name: str
    last_name: str


def build_other_logins(rng: random.Random) -> list[OtherLogin]:
    """A manager, a business support officer and a read-only panel member."""
    logins = []
    for username, role in (
        ("manager", "manager"),
        ("support", "business_support"),
        ("panel", "read_only"),
    ):
        first, last = names.full_name(rng)
        logins.append(OtherLogin(username, role, first, last))
    return logins
