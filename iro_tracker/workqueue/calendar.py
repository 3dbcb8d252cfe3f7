"""An iCalendar feed (RFC 5545) of each IRO's booked meetings, written by hand.

Sources plug in like work-queue providers: a source is a callable ``(user, today) ->
list[CalendarEvent]``, registered once from an ``AppConfig.ready`` with
``calendar.register_source(source)``. Reviews are built in; child protection conferences join
when that app registers its own source.

Feeds end up in third-party calendar services, so an event carries as little as it can: the
child's initials and local identifier, never the full name, and a link that needs a sign-in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db.models import Q
from django.urls import reverse

from iro_tracker.reviews.models import Review, Status
from iro_tracker.workqueue import conf

PRODID = "-//IRO Tracker//Safeguarding Unit calendar//EN"
PAST_DAYS = 90  # booked meetings this far back stay in the feed, for the IRO's own record


@dataclass(frozen=True)
class CalendarEvent:
    """An all-day event (reviews are booked by date, not time)."""

    uid: str  # stable across feeds, so a calendar updates the event instead of duplicating it
    day: date
    summary: str
    description: str = ""
    url: str = ""


Source = Callable[[object, date], list[CalendarEvent]]
_sources: list[Source] = []


def register_source(source: Source) -> Source:
    if source not in _sources:
        _sources.append(source)
    return source


def events_for(user, today: date) -> list[CalendarEvent]:
    events: list[CalendarEvent] = []
    for source in _sources:
        events.extend(source(user, today))
    return sorted(events, key=lambda e: (e.day, e.uid))


def initials(child) -> str:
    parts = [p for p in (child.first_name, child.last_name) if p]
    return "".join(p[0].upper() for p in parts) or "?"


def review_events(user, today: date) -> list[CalendarEvent]:
    """Reviews booked with ``user`` as chair, or for their children when no chair is set."""
    mine = Q(chair=user) | Q(
        chair__isnull=True, child__allocations__iro=user, child__allocations__end_date__isnull=True
    )
    reviews = (
        Review.objects.filter(mine, status=Status.SCHEDULED, child__archived=False)
        .filter(scheduled_date__gte=today - timedelta(days=PAST_DAYS))
        .select_related("child")
        .distinct()
        .order_by("scheduled_date", "pk")
    )
    base = conf.site_url()
    return [
        CalendarEvent(
            uid=f"review-{r.pk}@iro-tracker",
            day=r.scheduled_date,
            summary=f"LAC review: {initials(r.child)} ({r.child.local_id})",
            description="Looked-after child's review. Details in IRO Tracker (sign-in needed).",
            url=base + reverse("children:detail", args=[r.child_id]),
        )
        for r in reviews
    ]


# --- RFC 5545 ------------------------------------------------------------------------------


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets, continuing with CRLF and a space (§3.1).

    Never splits a UTF-8 character: the octets are counted per character.
    """
    out, current, size = [], "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        limit = 75 if not out else 74  # a continuation line starts with one space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += ch
        size += width
    out.append(current)
    return "\r\n ".join(out)


def _day(d: date) -> str:
    return d.strftime("%Y%m%d")


def render(events: list[CalendarEvent], *, name: str, now: datetime) -> str:
    """The whole VCALENDAR: CRLF line ends, folded lines, all-day events."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape(event.uid)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_day(event.day)}",
            # DTEND is exclusive: an all-day event ends at the start of the next day.
            f"DTEND;VALUE=DATE:{_day(event.day + timedelta(days=1))}",
            f"SUMMARY:{escape(event.summary)}",
            "TRANSP:OPAQUE",
        ]
        if event.description:
            lines.append(f"DESCRIPTION:{escape(event.description)}")
        if event.url:
            lines.append(f"URL;VALUE=URI:{event.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
