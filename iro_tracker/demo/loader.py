"""Write a generated demo authority into an empty database, fast.

Everything goes in with ``bulk_create`` in one transaction, with a change-history row per
object ("Demo data loaded"). Each review's kind, period, sequence, due date and explanation
come from the same ``rules.schedule.schedule_reviews`` call that
``reviews.scheduling.refresh_schedules`` makes, and each child still in care gets the one pending
review that function would keep, so calling it afterwards changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from iro_tracker.accounts.models import SpecialistLead, Team, User
from iro_tracker.children.models import Allocation, CareEpisode, Child, Source
from iro_tracker.demo.generator import population_0_17
from iro_tracker.demo.records import Demo
from iro_tracker.reporting.models import PopulationEstimate
from iro_tracker.reviews.models import Kind, Review, Status
from iro_tracker.reviews.scheduling import explain
from iro_tracker.rules.schedule import SHORT_BREAKS, HeldReview, schedule_reviews

# Shown by `iro demo` to whoever runs it: a demo database's shared password, not a secret.
DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105
SCHEDULE_AHEAD_DAYS = 42  # reviews due within 6 weeks are booked, with a date and a chair
HISTORY_REASON = "Demo data loaded"
BATCH = 2000
LONDON = ZoneInfo("Europe/London")

Step = Callable[[str, int], None]
STEPS = ("Staff", "Children", "Care episodes", "IRO allocations", "Reviews")


class DatabaseNotEmpty(Exception):
    """The database already holds children: the demo only loads into an empty one."""


@dataclass(frozen=True)
class LoadResult:
    """How many rows of each kind were written."""

    users: int
    children: int
    episodes: int
    allocations: int
    reviews: int


def refresh_statistics() -> None:
    """After a bulk load, give PostgreSQL's planner row counts to plan with.

    Autovacuum would analyse the new tables within minutes of the commit, but the report
    printed straight after the load (and a test's load, which never commits) would be planned
    as if the tables were nearly empty: nested loops over tens of thousands of rows. ANALYZE
    may run inside a transaction and sees its own rows.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def database_has_data() -> bool:
    """True when any child is recorded (the demo never mixes with real or other data)."""
    return Child.objects.exists()


@transaction.atomic
def load_demo(demo: Demo, *, step: Step | None = None) -> LoadResult:
    """Write ``demo`` into the database. ``step(label, count)`` reports progress."""
    if database_has_data():
        raise DatabaseNotEmpty("The database already has children.")
    step = step or (lambda label, count: None)
    taken = set(
        User.objects.filter(username__in=[s.username for s in demo.staff]).values_list(
            "username", flat=True
        )
    )
    if taken:
        raise DatabaseNotEmpty(f"Demo usernames already in use: {', '.join(sorted(taken))}.")
    teams = {name: Team.objects.get_or_create(name=name)[0] for name in demo.teams}
    users = _users(demo, teams)
    step("Staff", len(users))
    children = _bulk(Child, [_child(c, teams) for c in demo.children])
    ids = {c.local_id: c for c in children}
    step("Children", len(children))
    episodes = _bulk(CareEpisode, [_episode(e, ids) for e in demo.episodes])
    step("Care episodes", len(episodes))
    allocations = _bulk(
        Allocation,
        [
            Allocation(
                child=ids[a.child],
                iro=users[a.iro],
                start_date=a.start,
                end_date=a.end,
                reason=a.reason,
            )
            for a in demo.allocations
        ],
    )
    step("IRO allocations", len(allocations))
    reviews = _bulk(Review, _reviews(demo, ids, episodes, allocations, users))
    _population_estimates(demo)
    step("Reviews", len(reviews))
    return LoadResult(len(users), len(children), len(episodes), len(allocations), len(reviews))


def _population_estimates(demo: Demo) -> None:
    PopulationEstimate.objects.bulk_create(
        [
            PopulationEstimate(
                year=year,
                population_0_17=population_0_17(year),
                source="Demo data (invented)",
            )
            for year in range(2012, demo.until.year + 1)
        ]
    )


def _bulk(model, objects: list) -> list:
    """bulk_create with a history row per object (simple-history's own bulk helper)."""
    created = model.objects.bulk_create(objects, batch_size=BATCH)
    model.history.bulk_history_create(
        created, batch_size=BATCH, default_change_reason=HISTORY_REASON
    )
    return created


def _aware(day: date) -> datetime:
    return datetime.combine(day, time(9), tzinfo=LONDON)


def _users(demo: Demo, teams: dict[str, Team]) -> dict[str, User]:
    leads = {
        code: SpecialistLead.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in demo.leads
    }
    # One hash for every demo login: hashing is deliberately slow and the password is shared.
    password = make_password(DEMO_PASSWORD)
    users = _bulk(
        User,
        [
            User(
                username=s.username,
                first_name=s.first_name,
                last_name=s.last_name,
                email=f"{s.username}@example.org",
                role=s.role,
                is_iro=s.is_iro,
                is_cpa=s.is_cpa,
                fte=s.fte,
                is_active=s.active,
                password=password if s.active else make_password(None),
                date_joined=_aware(s.start),
                started_on=s.start,
                left_on=s.end,
            )
            for s in demo.staff
        ],
    )
    by_name = {u.username: u for u in users}
    Leads, Links = User.specialist_leads.through, User.team_links.through
    Leads.objects.bulk_create(
        [
            Leads(user=by_name[s.username], specialistlead=leads[code])
            for s in demo.staff
            for code in s.leads
        ]
    )
    Links.objects.bulk_create(
        [
            Links(user=by_name[s.username], team=teams[name])
            for s in demo.staff
            for name in s.team_links
        ]
    )
    return by_name


def _child(c, teams: dict[str, Team]) -> Child:
    return Child(
        local_id=c.local_id,
        first_name=c.first_name,
        last_name=c.last_name,
        date_of_birth=c.dob,
        sex=c.sex,
        ethnicity=c.ethnicity,
        upn=c.upn,
        disabled=c.disabled,
        disability_detail=c.disability_detail,
        uasc=c.uasc,
        uasc_ceased=c.uasc_ceased,
        team=teams[c.team],
        social_worker=c.social_worker,
        source=Source.DEMO,
    )


def _episode(e, ids: dict[str, Child]) -> CareEpisode:
    return CareEpisode(
        child=ids[e.child],
        decom=e.decom,
        dec=e.dec,
        rne=e.rne,
        ls=e.ls,
        cin=e.cin,
        place=e.place,
        place_provider=e.place_provider,
        rec=e.rec,
        reason_place_change=e.reason_place_change,
        source=Source.DEMO,
    )


def _reviews(demo: Demo, ids, episodes, allocations, users) -> list[Review]:
    by_child: dict[int, list] = defaultdict(list)
    for episode in episodes:
        by_child[episode.child_id].append(episode)
    held: dict[str, list] = defaultdict(list)
    for r in demo.reviews:
        held[r.child].append(r)
    current = {a.child_id: a.iro for a in allocations if a.end_date is None}
    booked = {n.child: n.booked for n in demo.next_reviews}
    horizon = demo.until + timedelta(days=SCHEDULE_AHEAD_DAYS)
    reviews: list[Review] = []
    for local_id, child in ids.items():
        rows = held.get(local_id, [])
        # Exactly the call refresh_schedule makes (same history setting, same "today").
        schedule = schedule_reviews(
            by_child[child.pk],
            [HeldReview(i, r.held) for i, r in enumerate(rows)],
            history_from=settings.IRO_HISTORY_COMPLETE_FROM,
            today=demo.until,
        )
        for place in schedule.reviews:
            r = rows[place.key]
            reviews.append(
                Review(
                    child=child,
                    kind=_kind(place.kind),
                    period_start=place.period_start,
                    sequence=place.sequence,
                    due_date=place.due.date if place.due else None,
                    due_explanation=explain(place),
                    held_date=r.held,
                    status=Status.HELD,
                    participation=r.participation,
                    chair=users[r.chair],
                    late_reason=r.late_reason,
                    late_reason_note=r.late_reason_note,
                    care_plan_received=r.care_plan_received,
                    pre_meeting_report_received=r.pre_meeting_report_received,
                    adjourned_on=r.adjourned_on,
                    adjourned_reason=r.adjourned_reason,
                    completed_date=r.completed_date,
                    source=Source.DEMO,
                )
            )
        nxt = schedule.next
        if nxt is None:
            continue
        pending = Review(
            child=child,
            kind=_kind(nxt.kind),
            period_start=nxt.period_start,
            sequence=nxt.sequence,
            due_date=nxt.due.date,
            due_explanation=nxt.due.explanation,
            status=Status.DUE,
            source=Source.DEMO,
        )
        when = booked.get(local_id)
        if nxt.due.date <= horizon and when is not None and child.pk in current:
            pending.status = Status.SCHEDULED
            pending.scheduled_date = when
            pending.chair = current[child.pk]
        reviews.append(pending)
    return reviews


def _kind(kind: str) -> str:
    # As refresh_schedule maps it: anything not a short-break review is a looked-after one.
    return Kind.SHORT_BREAKS if kind == SHORT_BREAKS else Kind.LOOKED_AFTER
