"""What `iro demo` prints: the product's annual report for 2018-19 beside the seed report's
figures, and the demo logins.

The figures are the product's own: read back from the database after the load with
``reporting.snapshot.build_snapshot`` and computed by ``rules.metrics`` (through
``reporting.document.year_figures``, as the annual report page does), so the table shows
that what was written makes the report the seed report describes. The line after it is the
Caseloads page on the last simulated day (``caseloads.services``).
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn
from rich.table import Table

from iro_tracker.accounts.models import Role, User
from iro_tracker.caseloads.services import caseload_rows
from iro_tracker.demo.generator import CALIBRATION_YEAR, generate
from iro_tracker.demo.loader import (
    DEMO_PASSWORD,
    STEPS,
    LoadResult,
    load_demo,
    refresh_statistics,
)
from iro_tracker.demo.simulation import START
from iro_tracker.reporting import blocks as b
from iro_tracker.reporting.document import year_figures
from iro_tracker.reporting.snapshot import build_snapshot
from iro_tracker.rules.codes import LATE_REASON
from iro_tracker.rules.metrics.cp import caseload_summary
from iro_tracker.rules.metrics.snapshot import percent, ratio

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


def figures_from_database(today: date) -> tuple[dict[str, Any], dict[str, Any]]:
    """The product's annual report for 1 April 2018 to 31 March 2019 (``year_figures``: the
    report's figures with its grouped tables), and the chairs' caseloads on ``today``
    (``rules.metrics.cp.caseload_summary`` of the Caseloads page's rows)."""
    report = year_figures(build_snapshot(year=CALIBRATION_YEAR), CALIBRATION_YEAR)
    rows = caseload_rows(today, upcoming=False, meetings=False)
    return report, caseload_summary(r.as_record() for r in rows)


def print_figures(console: Console, report: dict[str, Any], now: dict[str, Any], today: date):
    """The annual report's figures the seed report gives, beside the seed report's."""
    lac, service, reviews = report["children_looked_after"], report["service"], report["reviews"]
    ceased, cp = report["ceased"], report["child_protection"]
    foster = percent(report["groups"]["placements"]["foster"], lac["at_year_end"])
    table = Table(title="Demo authority's annual report, 1 April 2018 to 31 March 2019")
    table.add_column("Figure")
    table.add_column("Annual report", justify="right")
    table.add_column("Seed report", justify="right")
    rows = [
        ("Children looked after during the year", b.count(lac["during_year"]), "784"),
        ("Looked after at 31 March 2019", b.count(lac["at_year_end"]), "610"),
        ("Net change on the year", b.signed(lac["net_change"]), "+4"),
        ("Looked after per 10,000 children aged 0-17", b.count(lac["rate_per_10000"]), "57"),
        ("IROs at 31 March 2019 (headcount)", b.count(service["iro_headcount"]), ""),
        ("IRO full-time equivalent", b.decimal(service["iro_fte"], 2), "12.3"),
        ("Looked-after children per IRO FTE", b.decimal(service["lac_per_fte"]), "about 50 *"),
        (
            "Combined caseload (LAC and CP) per chair FTE",
            b.decimal(service["combined_per_fte"]),
            "101",
        ),
        ("In foster placements (U1-U6)", b.percent(foster), "78%"),
        ("Reviews held", b.count(reviews["held"]), "1,629"),
        ("Reviews on time", b.percent(reviews["on_time_percent"]), "94.6%"),
        ("Reviews late", b.count(reviews["late"]), "88"),
        *(
            (
                f"  late: {LATE_REASON.label(code).lower()}",
                b.count(reviews["late_reasons"].get(code, 0)),
                str(count),
            )
            for code, count in REPORT_LATE.items()
        ),
        (
            "Children aged 4+ taking part in their review",
            b.percent(report["participation"]["percent"]),
            "86%",
        ),
        ("BME (of known ethnicity)", b.percent(report["bme_percent"]), "21%"),
        ("Disabled", b.percent(report["disability_percent"]), "3%"),
        ("UASC at 31 March 2019", b.count(lac["uasc_at_year_end"]), "27"),
        (
            "18-year-old leavers with formal arrangements",
            b.percent(ceased["formal_arrangements_percent"]),
            "82%",
        ),
        (
            "18-year-old leavers staying put (E17)",
            b.percent(ceased["staying_put_percent"]),
            "> 25%",
        ),
        (
            "Child protection conferences",
            b.count(cp["conferences"]["total"]),
            "1,211",
        ),
        (
            "  about children (child's plans)",
            b.count(cp["children_at_conferences"]["total"]),
            "2,366",
        ),
    ]
    for row in rows:
        table.add_row(*row)
    console.print(table)
    console.print(
        "* Looked-after children only; the combined caseload adds the child protection"
        " children of the chairs who also chair conferences (see the Caseloads page)."
    )
    lac_now, fte_now = now["lac_allocated_to_chairs"], now["chair_fte_at_year_end"]
    console.print(
        f"On {today:%-d %b %Y} (Caseloads page): {b.count(lac_now)} looked-after children"
        f" allocated to {now['chairs']} chairs ({b.decimal(fte_now, 2)} FTE),"
        f" {b.decimal(ratio(lac_now, fte_now))} per FTE."
    )


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
    refresh_statistics()
    report, now = figures_from_database(until)
    print_figures(console, report, now, until)
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
