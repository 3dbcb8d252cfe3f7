"""What `iro demo` prints: the seed report's figures counted from the database, and the
demo logins.

The figures are queried back from the database after the load (not taken from the
generator's own bookkeeping), so they show that what was written is what the report says.
"""

from __future__ import annotations

import time
from datetime import date

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn
from rich.table import Table

from iro_tracker.accounts.models import Role, User
from iro_tracker.children.models import Allocation, CareEpisode, Child
from iro_tracker.demo.figures import (
    AllocationRow,
    ChildRow,
    Figures,
    ReviewRow,
    Snapshot,
    compute_figures,
)
from iro_tracker.demo.generator import CALIBRATION_YEAR, generate
from iro_tracker.demo.loader import DEMO_PASSWORD, STEPS, LoadResult, load_demo
from iro_tracker.demo.simulation import START
from iro_tracker.reviews.models import Review, Status
from iro_tracker.rules.codes import LATE_REASON
from iro_tracker.rules.periods import EpisodeRow

# The seed report's own figures (§1.6, §2.4, §4.1, §5.1, §5.3, §6, §8.1).
REPORT_LATE = {
    "SCHEDULING": 21,
    "BEST_INTERESTS": 13,
    "PARTY_UNAVAILABLE": 34,
    "TRAVEL": 2,
    "CAPACITY": 11,
    "PRACTICE": 7,
}
ROLE_ORDER = {Role.MANAGER: 0, Role.BUSINESS_SUPPORT: 1, Role.READ_ONLY: 2, Role.CHAIR: 3}


def snapshot_from_database() -> Snapshot:
    """Every child, episode, held review, allocation and IRO, read with five queries."""
    episodes: dict[str, list[EpisodeRow]] = {}
    for child_id, *fields in CareEpisode.objects.values_list(
        "child_id", "decom", "dec", "rne", "ls", "place", "rec"
    ):
        episodes.setdefault(str(child_id), []).append(EpisodeRow(*fields))
    return Snapshot(
        children=[
            ChildRow(str(pk), *fields)
            for pk, *fields in Child.objects.values_list(
                "pk", "date_of_birth", "sex", "ethnicity", "disabled", "uasc", "uasc_ceased"
            )
        ],
        episodes=episodes,
        reviews=[
            ReviewRow(str(child_id), *fields)
            for child_id, *fields in Review.objects.filter(status=Status.HELD).values_list(
                "child_id", "held_date", "kind", "due_date", "late_reason", "participation"
            )
        ],
        allocations=[
            AllocationRow(str(child_id), *fields)
            for child_id, *fields in Allocation.objects.values_list(
                "child_id", "iro__username", "start_date", "end_date"
            )
        ],
        fte=dict(User.objects.filter(is_iro=True).values_list("username", "fte")),
    )


def figures_from_database(today: date) -> tuple[Figures, Figures]:
    """The calibration year's figures and the same counts for the year to ``today``."""
    snap = snapshot_from_database()
    year = compute_figures(snap, *CALIBRATION_YEAR)
    now = compute_figures(snap, date(today.year - 1, today.month, 1), today)
    return year, now


def _row(table: Table, label: str, demo, report: str) -> None:
    table.add_row(label, str(demo), report)


def print_figures(console: Console, year: Figures, now: Figures) -> None:
    """The counts the issue asks for, beside the report's."""
    table = Table(title="Demo authority, 1 April 2018 to 31 March 2019 (from the database)")
    table.add_column("Figure")
    table.add_column("Demo", justify="right")
    table.add_column("Seed report", justify="right")
    _row(table, "Children looked after during the year", year.looked_after_during, "784")
    _row(table, "Looked after at 31 March 2019", year.looked_after_at_end, "610")
    _row(table, "Net change on the year", f"{year.net_change:+d}", "+4")
    _row(table, "IROs at 31 March 2019 (headcount)", year.iro_headcount, "")
    _row(table, "IRO full-time equivalent", year.iro_fte.normalize(), "12.3")
    _row(table, "Looked-after children per IRO FTE", year.lac_per_fte, "about 50 *")
    _row(table, "In foster placements (U1-U6)", f"{year.foster_pct}%", "78%")
    _row(table, "Reviews held", year.reviews_held, "1,629")
    _row(table, "Reviews on time", f"{year.on_time_pct}%", "94.6%")
    _row(table, "Reviews late", year.late, "88")
    for code, count in REPORT_LATE.items():
        demo = year.late_by_reason.get(code, 0)
        _row(table, f"  late: {LATE_REASON.label(code).lower()}", demo, str(count))
    _row(table, "Children aged 4+ taking part in their review", f"{year.participation_pct}%", "86%")
    _row(table, "BME (of known ethnicity)", f"{year.bme_pct}%", "21%")
    _row(table, "Disabled", f"{year.disabled_pct}%", "3%")
    _row(table, "UASC at 31 March 2019", year.uasc_at_end, "27")
    _row(table, "18-year-old leavers with formal arrangements", f"{year.formal_at_18_pct}%", "82%")
    _row(table, "18-year-old leavers staying put (E17)", f"{year.staying_put_pct}%", "> 25%")
    conferences, children = cp_figures(CALIBRATION_START, CALIBRATION_END)
    _row(table, "Child protection conferences", conferences, "1,211")
    _row(table, "  about children (child's plans)", children, "2,366")
    console.print(table)
    console.print(
        "* Looked-after children only. The report's combined caseloads averaged 101 because"
        " most chairs also chair child protection conferences (see the Caseloads page)."
    )
    console.print(
        f"On {now.year_end:%-d %b %Y}: {now.looked_after_at_end} children looked after,"
        f" {now.iro_headcount} IROs ({now.iro_fte.normalize()} FTE), {now.lac_per_fte} per FTE."
    )


CALIBRATION_START, CALIBRATION_END = date(2018, 4, 1), date(2019, 3, 31)


def cp_figures(start: date, end: date) -> tuple[int, int]:
    """Conferences held between ``start`` and ``end``, and the children they were about."""
    from iro_tracker.conferences.models import Conference, ConferenceChild

    held = {"held_on__gte": start, "held_on__lte": end}
    rows = ConferenceChild.objects.filter(**{f"conference__{k}": v for k, v in held.items()})
    return Conference.objects.filter(**held).count(), rows.count()


def demo_usernames() -> list[str]:
    """The demo's login names that exist in this database (none in a real one)."""
    # Demo accounts are the only ones with example.org addresses (the loader gives them).
    demo = User.objects.filter(email__endswith="@example.org", is_active=True)
    return list(demo.values_list("username", flat=True))


def print_logins(console: Console, usernames: list[str]) -> None:
    """The demo's active logins with their role and the shared demo password."""
    table = Table(title="Demo logins")
    for column in ("Username", "Role", "Name", "Password"):
        table.add_column(column)
    users = User.objects.filter(username__in=usernames, is_active=True)
    for user in sorted(users, key=lambda u: (ROLE_ORDER.get(u.role, 9), u.username)):
        table.add_row(user.username, user.get_role_display(), user.get_full_name(), DEMO_PASSWORD)
    console.print(table)


def run_demo(console: Console, *, seed: int, until: date) -> LoadResult:
    """Generate the demo authority up to ``until``, load it, print its figures and logins."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[note]}"),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as progress:
        months = (until.year - START.year) * 12 + until.month - START.month + 1
        task = progress.add_task("Simulating", total=months, note="")
        demo = generate(
            seed, until, progress=lambda day: progress.update(task, advance=1, note=f"{day:%Y}")
        )
        writing = progress.add_task("Writing", total=len(STEPS), note="")

        def step(label: str, count: int) -> None:
            progress.update(writing, advance=1, note=f"{label}: {count:,}")

        started = time.monotonic()
        result = load_demo(demo, step=step)
    console.print(
        f"Loaded the demo authority (seed {seed}, up to {until:%-d %b %Y}) in"
        f" {time.monotonic() - started:.1f} s: {result.children:,} children,"
        f" {result.episodes:,} care episodes, {result.reviews:,} reviews,"
        f" {result.allocations:,} IRO allocations, {result.users} staff."
    )
    load_feature_activity(console, seed=seed, until=until)
    year, now = figures_from_database(until)
    print_figures(console, year, now)
    print_logins(console, [s.username for s in demo.staff])
    return result


def load_feature_activity(console: Console, *, seed: int, until: date) -> None:
    """The work each feature records beyond reviews: child protection, health, education and
    court work, each generated by its own app for the children just loaded."""
    from iro_tracker.conferences.demo import generate_cp_activity
    from iro_tracker.court.demo import load as load_court
    from iro_tracker.education.demo import load as load_education
    from iro_tracker.health.demo import load as load_health

    started = time.monotonic()
    cp = generate_cp_activity(seed, until)
    health = load_health(seed, until)
    education = load_education(seed, until)
    court = load_court(seed, until)
    console.print(
        f"Added feature activity in {time.monotonic() - started:.1f} s:"
        f" {cp.conferences:,} child protection conferences about {cp.conference_children:,}"
        f" children ({cp.plans:,} plans), {health:,} health records, {education:,} education"
        f" records, {court:,} court records."
    )
