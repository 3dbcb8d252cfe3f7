"""`iro demo` loads the whole demo authority into an empty database, and only into one."""

import re
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db.models import Count, Q

from iro_tracker.accounts.models import User
from iro_tracker.children.models import Allocation, CareEpisode, Child, Source
from iro_tracker.demo.generator import CALIBRATION_YEAR
from iro_tracker.demo.loader import DEMO_PASSWORD, SCHEDULE_AHEAD_DAYS
from iro_tracker.demo.management.commands.demo import ALREADY_LOADED
from iro_tracker.demo.report import figures_from_database
from iro_tracker.demo.tests.conftest import UNTIL
from iro_tracker.reporting import blocks as b
from iro_tracker.reporting.document import year_figures
from iro_tracker.reporting.snapshot import build_snapshot
from iro_tracker.reviews.models import PENDING_STATUSES, Review, Status
from iro_tracker.reviews.services import refresh_schedule
from iro_tracker.rules.periods import EpisodeRow, looked_after_on

pytestmark = pytest.mark.django_db

REVIEW_FIELDS = (
    "pk", "status", "kind", "period_start", "sequence", "due_date", "due_explanation",
    "scheduled_date", "chair_id", "held_date", "cancelled_reason",
)  # fmt: skip


def printed(output: str, label: str) -> str:
    """The annual report column of the row called ``label`` in the printed table."""
    line = next(line for line in output.splitlines() if label in line)
    return re.split(r"\s*[│|]\s*", line.strip("│| "))[1]


def children_in_care(day: date) -> list[int]:
    episodes = {}
    for child_id, *fields in CareEpisode.objects.values_list(
        "child_id", "decom", "dec", "rne", "ls", "place", "rec"
    ):
        episodes.setdefault(child_id, []).append(EpisodeRow(*fields))
    return [pk for pk, rows in episodes.items() if looked_after_on(rows, day)]


def sample_of_children() -> list[Child]:
    """About 30 children of every kind: in care, gone home, back in care, short breaks."""
    in_care = children_in_care(UNTIL)
    returned = Child.objects.annotate(
        starts=Count("episodes", filter=Q(episodes__rne="S") & ~Q(episodes__ls="V3"))
    ).filter(starts__gt=1)
    short_breaks = Child.objects.filter(episodes__ls="V3").distinct()
    ids = (
        in_care[::60]
        + list(returned.order_by("pk").values_list("pk", flat=True)[:6])
        + list(short_breaks.order_by("pk").values_list("pk", flat=True)[:4])
        + list(
            Child.objects.exclude(pk__in=in_care).order_by("pk").values_list("pk", flat=True)[::400]
        )
    )
    return list(Child.objects.filter(pk__in=ids))


def test_demo_loads_the_authority_and_prints_its_figures_from_the_database(figures, settings):
    # The report read back is compared with the one computed from the plain records, which
    # have their whole history whatever the deployment's setting says.
    settings.IRO_HISTORY_COMPLETE_FROM = None
    out = StringIO()
    call_command("demo", "--until", UNTIL.isoformat(), stdout=out)
    output = out.getvalue()

    # What was written is what was generated: the annual report read back from the
    # database is the one computed from the generator's plain records.
    loaded = build_snapshot(year=CALIBRATION_YEAR, extras=False)
    assert year_figures(loaded, CALIBRATION_YEAR) == figures
    # The table printed is the product's annual report (with the features' sections).
    report, now = figures_from_database(UNTIL)
    lac = report["children_looked_after"]
    assert printed(output, "Children looked after during the year") == b.count(lac["during_year"])
    assert printed(output, "Looked after at 31 March 2019") == b.count(lac["at_year_end"])
    assert printed(output, "Reviews on time") == b.percent(report["reviews"]["on_time_percent"])
    assert printed(output, "UASC at 31 March 2019") == b.count(lac["uasc_at_year_end"])
    assert printed(output, "IRO full-time equivalent") == "12.30"
    conferences = report["child_protection"]["conferences"]["total"]
    assert conferences > 0
    assert printed(output, "Child protection conferences") == b.count(conferences)
    for username in ("manager", "support", "panel", "iro01", "iro13"):
        assert re.search(rf"{username}\s.*{DEMO_PASSWORD}", output)
    assert authenticate(username="iro01", password=DEMO_PASSWORD) is not None
    assert Child.objects.exclude(source=Source.DEMO).count() == 0

    # Every child in care today: one pending review and a current IRO.
    in_care = children_in_care(UNTIL)
    assert len(in_care) == now["lac_allocated_to_chairs"]
    pending = dict(
        Review.objects.filter(status__in=PENDING_STATUSES)
        .values_list("child_id")
        .annotate(n=Count("pk"))
    )
    assert all(pending.get(pk) == 1 for pk in in_care)
    current = set(Allocation.objects.current().values_list("child_id", flat=True))
    assert set(in_care) <= current

    # Reviews due within 6 weeks are booked with a date and a chair; later ones are not.
    horizon = date.fromordinal(UNTIL.toordinal() + SCHEDULE_AHEAD_DAYS)
    soon = Review.objects.filter(child_id__in=in_care, status__in=PENDING_STATUSES)
    booked = soon.filter(due_date__lte=horizon)
    assert booked.exists() and not booked.exclude(status=Status.SCHEDULED).exists()
    assert not booked.filter(Q(scheduled_date__isnull=True) | Q(chair__isnull=True)).exists()
    assert not soon.filter(due_date__gt=horizon).exclude(status=Status.DUE).exists()

    # The schedule stored is exactly what refresh_schedule works out.
    sample = sample_of_children()
    assert len(sample) >= 25
    for child in sample:
        before = list(child.reviews.order_by("pk").values_list(*REVIEW_FIELDS))
        refresh_schedule(child, as_of=UNTIL)
        assert list(child.reviews.order_by("pk").values_list(*REVIEW_FIELDS)) == before


def test_if_empty_leaves_a_database_with_children_alone():
    Child.objects.create(local_id="REAL001", date_of_birth=date(2012, 1, 1), sex="F")
    out = StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert out.getvalue().strip() == ALREADY_LOADED
    assert Child.objects.count() == 1


def test_if_empty_prints_the_demo_logins_again_when_the_demo_is_loaded():
    Child.objects.create(local_id="REAL001", date_of_birth=date(2012, 1, 1), sex="F")
    User.objects.create_user("manager", email="manager@example.org", role="manager")
    User.objects.create_user("someone", email="someone@council.example.gov.uk")
    out = StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert "Demo logins" in out.getvalue()
    assert "manager" in out.getvalue()
    assert "someone" not in out.getvalue()


def test_demo_refuses_a_database_with_children_without_if_empty():
    Child.objects.create(local_id="REAL001", date_of_birth=date(2012, 1, 1), sex="F")
    with pytest.raises(CommandError, match="already has children"):
        call_command("demo", stdout=StringIO())
    assert Child.objects.count() == 1


def test_demo_refuses_to_take_over_existing_usernames():
    User.objects.create_user(username="manager", password="not-the-demo-one")
    with pytest.raises(CommandError, match="usernames already in use: manager"):
        call_command("demo", "--until", "2019-06-01", stdout=StringIO())
    assert Child.objects.count() == 0


def test_demo_refuses_a_date_that_is_not_one():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("demo", "--until", "2020-13-01", stdout=StringIO())


def test_demo_refuses_a_date_before_its_history_begins():
    with pytest.raises(CommandError, match="on or after 2012-04-01"):
        call_command("demo", "--until", "2011-01-01", stdout=StringIO())
