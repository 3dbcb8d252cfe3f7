"""Care proceedings against the 26-week limit, and the legal statuses the IRO should question.

**26 weeks** (Children Act 1989 s32(1)(a)(ii), as amended in 2014): proceedings should be
decided within 26 weeks. Length is counted as the national statistics count it, whole days
from issue to the final order divided by 7: proceedings issued on a Monday and decided on
the Monday 26 weeks later took 26.0 weeks and are within 26 weeks; a day later is not.

**Legal status watch** (seed report §7.3-7.4): a child accommodated under section 20 (legal
status V2) for more than 6 months, or with a placement order (E1) and not placed for
adoption after 12 months, is listed for the IRO to discuss with the social work team
before the next review. Both periods are settings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from iro_tracker.rules.calendar import add_months, format_date
from iro_tracker.rules.periods import EpisodeLike, is_short_break
from iro_tracker.rules.settings import DEFAULT, RuleSettings
from iro_tracker.rules.timescales import Due

SECTION_20 = "V2"
PLACEMENT_ORDER = "E1"
PLACED_FOR_ADOPTION = frozenset({"A3", "A4", "A5", "A6"})

S20 = "s20"
NOT_PLACED = "placement_order_not_placed"

# How care proceedings ended (issue 9). Kept as code and label like the 903 lists.
OUTCOMES = (
    ("care_order", "Care order"),
    ("placement_order", "Placement order"),
    ("sgo", "Special guardianship order"),
    ("child_arrangements_order", "Child arrangements order"),
    ("supervision_order", "Supervision order"),
    ("no_order", "No order"),
    ("withdrawn", "Withdrawn"),
)
OUTCOME_CODES = tuple(code for code, _ in OUTCOMES)


# --- care proceedings ------------------------------------------------------------------


def proceedings_deadline(issued: date, *, settings: RuleSettings = DEFAULT) -> Due:
    """The date 26 weeks after the proceedings were issued."""
    weeks = settings.care_proceedings_weeks
    due = issued + timedelta(weeks=weeks)
    text = f"Due {format_date(due)}: {weeks} weeks after the proceedings were issued on"
    return Due(due, f"{text} {format_date(issued)}.", "care-proceedings-26-weeks")


def length_in_weeks(issued: date, concluded: date) -> float:
    """Weeks from issue to the final order, to 1 dp rounded half up."""
    value = Decimal((concluded - issued).days) / 7
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def within_limit(issued: date, concluded: date, *, settings: RuleSettings = DEFAULT) -> bool:
    """True if the proceedings were decided within 26 weeks (on the 26-week day itself too)."""
    return concluded <= proceedings_deadline(issued, settings=settings).date


# --- legal status watch -----------------------------------------------------------------


@dataclass(frozen=True)
class WatchItem:
    """A child whose legal status should be discussed before the next review."""

    kind: str  # S20 or NOT_PLACED
    since: date  # when the status (unbroken) began
    listed_from: date  # when the set time passed
    explanation: str


def current_episode(episodes: Iterable[EpisodeLike], today: date) -> EpisodeLike | None:
    """The care episode open on ``today`` (the latest-starting, if the data has two)."""
    open_now = [
        e
        for e in episodes
        if not is_short_break(e) and e.decom <= today and (e.dec is None or e.dec > today)
    ]
    return max(open_now, key=lambda e: e.decom) if open_now else None


def _status_since(episodes: list[EpisodeLike], current: EpisodeLike, keep) -> date:
    """The start of the unbroken run of episodes, ending with ``current``, that ``keep``.

    The run stops at a gap, at a new period of care (RNE ``S``) or at another status.
    """
    ordered = sorted((e for e in episodes if not is_short_break(e)), key=lambda e: e.decom)
    first = current
    for e in reversed(ordered[: ordered.index(current)]):
        if first.rne == "S" or e.dec != first.decom or not keep(e):
            break
        first = e
    return first.decom


def legal_status_watch(
    episodes: Iterable[EpisodeLike], today: date, *, settings: RuleSettings = DEFAULT
) -> WatchItem | None:
    """The reason the child's legal status is to be discussed on ``today``, or None."""
    episodes = list(episodes)
    current = current_episode(episodes, today)
    if current is None:
        return None
    if current.ls == SECTION_20:
        since = _status_since(episodes, current, lambda e: e.ls == SECTION_20)
        months = settings.s20_watch_months
        listed = add_months(since, months)
        if today >= listed:
            return WatchItem(
                S20,
                since,
                listed,
                f"Accommodated under section 20 since {format_date(since)}: more than"
                f" {months} months (from {format_date(listed)}). Is it still the right status?",
            )
    if current.ls == PLACEMENT_ORDER and current.place not in PLACED_FOR_ADOPTION:
        since = _status_since(episodes, current, lambda e: e.ls == PLACEMENT_ORDER)
        months = settings.placement_order_watch_months
        listed = add_months(since, months)
        if today >= listed:
            return WatchItem(
                NOT_PLACED,
                since,
                listed,
                f"Placement order since {format_date(since)} and not placed for adoption after"
                f" {months} months (from {format_date(listed)}). Is adoption still the plan?",
            )
    return None


def discussed_since(last_review: date | None, period_start: date) -> date:
    """Discussions on or after this date count for the next review.

    The IRO discusses the status once between reviews: after the last review held in the
    period, or since the period began when none has been held yet.
    """
    return max(last_review, period_start) if last_review else period_start
