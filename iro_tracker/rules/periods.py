"""Periods of care and short-break series built from SSDA903 episodes.

A period of care starts when the child becomes looked after and ends when they stop
(RULES.md). In 903 data a new period starts at an episode whose RNE is ``S``, or whose
DECOM is not the previous episode's DEC. Short-break episodes (legal status V3/V4, reg
48) are never part of a period of care: they are grouped into series of their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from iro_tracker.rules.calendar import add_months
from iro_tracker.rules.codes import SHORT_BREAK_LEGAL_STATUSES

# More than this many months with no short break ends a series (see short_break_series).
SHORT_BREAK_SERIES_GAP_MONTHS = 12


class EpisodeLike(Protocol):
    """Anything with the four 903 episode fields the period rules need."""

    @property
    def decom(self) -> date: ...

    @property
    def dec(self) -> date | None: ...

    @property
    def rne(self) -> str: ...

    @property
    def ls(self) -> str: ...


@dataclass(frozen=True)
class EpisodeRow:
    """A plain 903 episode, for tests and metric code that has no model instance."""

    decom: date
    dec: date | None
    rne: str
    ls: str
    place: str = ""
    rec: str = ""


@dataclass(frozen=True)
class Period:
    """A period of care (or a short-break series): consecutive episodes with no gap."""

    start: date
    end: date | None
    episodes: tuple
    start_known: bool  # first episode has RNE "S"; False when the data begins mid-period

    @property
    def is_open(self) -> bool:
        return self.end is None

    def contains(self, d: date) -> bool:
        """True if ``d`` falls in the period, both ends included."""
        return self.start <= d and (self.end is None or d <= self.end)


def is_short_break(episode: EpisodeLike) -> bool:
    """True for an episode under an agreed series of short breaks (LS V3 or V4)."""
    return episode.ls in SHORT_BREAK_LEGAL_STATUSES


def _sorted(episodes: Iterable[EpisodeLike]) -> list[EpisodeLike]:
    # A zero-length episode (DEC == DECOM) sorts before a later one starting the same day.
    return sorted(episodes, key=lambda e: (e.decom, e.dec or date.max))


def _period(episodes: list[EpisodeLike]) -> Period:
    return Period(
        start=episodes[0].decom,
        end=episodes[-1].dec,
        episodes=tuple(episodes),
        start_known=episodes[0].rne == "S",
    )


def periods_of_care(episodes: Iterable[EpisodeLike]) -> list[Period]:
    """Group a child's episodes into periods of care, oldest first.

    Short-break episodes (V3/V4) are ignored. A new period starts at an episode whose RNE
    is ``S`` or whose DECOM is not the previous episode's DEC (a gap, or the previous
    episode still open). A period ends on its last episode's DEC (None while open).
    """
    groups: list[list[EpisodeLike]] = []
    previous: EpisodeLike | None = None
    for episode in _sorted(e for e in episodes if not is_short_break(e)):
        continues = (
            previous is not None
            and episode.rne != "S"
            and previous.dec is not None
            and episode.decom == previous.dec
        )
        if continues:
            groups[-1].append(episode)
        else:
            groups.append([episode])
        previous = episode
    return [_period(group) for group in groups]


def short_break_series(episodes: Iterable[EpisodeLike]) -> list[Period]:
    """Group a child's short-break episodes (V3/V4) into series, oldest first.

    A series starts on its first break's DECOM, which is the date reg 48's first review
    runs from. Each break is its own episode with RNE ``S``, so RNE and gaps cannot mark a
    new series as they do for periods of care.
    """
    # Decision (RULES.md is silent): a series is one "agreed series of short breaks" until
    # more than 12 months pass from the end of one break to the start of the next. Reg 48
    # caps breaks at 75 days in any 12 months and the series is reviewed at least every 6
    # months, so a whole year with no break means the arrangement has lapsed and a new
    # one, with a new first review, has begun.
    groups: list[list[EpisodeLike]] = []
    latest_end: date | None = None
    for episode in _sorted(e for e in episodes if is_short_break(e)):
        lapsed = (
            not groups
            or latest_end is not None
            and episode.decom > add_months(latest_end, SHORT_BREAK_SERIES_GAP_MONTHS)
        )
        if lapsed:
            groups.append([episode])
            latest_end = episode.dec
        else:
            groups[-1].append(episode)
            # An open agreement (DEC None) keeps the series alive indefinitely.
            if latest_end is not None:
                latest_end = None if episode.dec is None else max(latest_end, episode.dec)
    return [_series(group) for group in groups]


def _series(episodes: list[EpisodeLike]) -> Period:
    ends = [e.dec for e in episodes if e.dec is not None]
    end = max(ends) if len(ends) == len(episodes) else None
    return Period(
        start=episodes[0].decom,
        end=end,
        episodes=tuple(episodes),
        start_known=episodes[0].rne == "S",
    )


def looked_after_on(episodes: Iterable[EpisodeLike], d: date) -> bool:
    """True if a non-short-break episode covers ``d`` (DECOM <= d and DEC after d or None).

    On the day an episode ceases the child no longer counts as looked after.
    """
    return any(
        not is_short_break(e) and e.decom <= d and (e.dec is None or e.dec > d) for e in episodes
    )
