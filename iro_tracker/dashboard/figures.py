"""The Safeguarding Unit dashboard's figures, each with the children behind it.

Every figure is the length of a list of ``Item``s (one per child, or one per review or
conference for a count of meetings), kept under a key such as ``"reviews.overdue"`` or
``"caseload.12.lac"``. The page shows ``len(items[key])`` and links to the list page for the
key, which shows the same items: a figure and its list cannot disagree.

``compute`` reads the database in a fixed number of queries (eleven for the unit, fewer for
one chair's slice) whatever the number of children, then counts in Python. Definitions:

- Reviews due: pending (not yet held) reviews of children not archived; overdue when the due
  date is before today, due in the next 4 weeks when from today to 28 days on.
- Conferences due: each child's next conference (``conferences.queries.conference_dues``):
  an initial conference after a strategy discussion, or their plan's next review.
- Timeliness: the reporting year to date (1 April to today). Looked-after reviews (not short
  breaks) held on or before their due date, as on the summary page; children at initial and
  review conferences held on or before the date the conference was due for them.
- Participation: reviews held this year of children 4 or over (PN1-PN7); took part: PN1-PN6.
- Caseloads: ``caseloads.services`` on today's date.
- Without an IRO: children in care today (any care episode open, short breaks included, as
  they have reviews too) with no current allocation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q

from iro_tracker.caseloads.services import CaseloadRow, caseload_members, caseload_rows
from iro_tracker.children.models import Allocation, CareEpisode
from iro_tracker.conferences.models import ConferenceChild, Kind
from iro_tracker.conferences.queries import conference_dues
from iro_tracker.dashboard import extras
from iro_tracker.reviews.models import Review, Status
from iro_tracker.rules.calendar import format_date
from iro_tracker.rules.codes import PARTICIPATED, PARTICIPATION_ELIGIBLE, SHORT_BREAK_LEGAL_STATUSES
from iro_tracker.rules.metrics.snapshot import ReportingYear, percent

SOON_DAYS = 28
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
KIND_LABELS = {Kind.INITIAL: "Initial conference", Kind.REVIEW: "Review conference"}


@dataclass(frozen=True)
class Item:
    """One child behind a figure: when (a due or held date) and what."""

    child_id: int
    when: date | None
    note: str


@dataclass
class Month:
    key: str  # "2025-01"
    label: str  # "Jan 2025"
    reviews_held: int = 0
    reviews_late: int = 0
    conference_children: int = 0
    conference_children_late: int = 0

    @property
    def reviews_on_time_percent(self) -> float | None:
        return percent(self.reviews_held - self.reviews_late, self.reviews_held)

    @property
    def conferences_on_time_percent(self) -> float | None:
        return percent(
            self.conference_children - self.conference_children_late, self.conference_children
        )


@dataclass
class Figures:
    today: date
    year: ReportingYear
    chair_id: int | None
    items: dict[str, list[Item]] = field(default_factory=dict)
    months: list[Month] = field(default_factory=list)
    caseloads: list[CaseloadRow] = field(default_factory=list)
    # The page rendered from these figures, kept with them (``dashboard.views``).
    html: str | None = None

    def count(self, key: str) -> int:
        return len(self.items.get(key, ()))

    def percent(self, part: str, whole: str) -> float | None:
        return percent(self.count(part), self.count(whole))

    def add(self, key: str, item: Item) -> None:
        self.items.setdefault(key, []).append(item)

    def declare(self, *keys: str) -> None:
        for key in keys:
            self.items.setdefault(key, [])


def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


def _due_note(what: str, due: date, today: date) -> str:
    if due < today:
        return f"{what} due {format_date(due)}, {_days((today - due).days)} overdue"
    return f"{what} due {format_date(due)}"


def _reviews_due(f: Figures, chair) -> None:
    pending = Review.objects.filter(
        status__in=(Status.DUE, Status.SCHEDULED),
        child__archived=False,
        due_date__lte=f.today + timedelta(days=SOON_DAYS),
    )
    if chair is not None:
        pending = pending.filter(
            child__allocations__iro=chair, child__allocations__end_date__isnull=True
        )
    for child_id, due, sequence in pending.order_by().values_list(
        "child_id", "due_date", "sequence"
    ):
        what = f"Review {sequence}" if sequence else "Review"
        key = "reviews.overdue" if due < f.today else "reviews.due_4_weeks"
        f.add(key, Item(child_id, due, _due_note(what, due, f.today)))


def _conferences_due(f: Figures, chair) -> None:
    soon = f.today + timedelta(days=SOON_DAYS)
    for due in conference_dues(chair=chair).values():
        if due.due > soon:
            continue
        key = "conferences.overdue" if due.due < f.today else "conferences.due_4_weeks"
        note = _due_note(KIND_LABELS[due.kind], due.due, f.today)
        f.add(key, Item(due.child_id, due.due, note))


def _month(f: Figures, d: date) -> Month:
    # The reporting year starts in April: April is month 0, the next March month 11.
    return f.months[(d.year - f.year.year) * 12 + d.month - 4]


def _timeliness(f: Figures, chair) -> None:
    start = f.year.start
    # Held and adjourned reviews are the ones with a date held. Filtering on the date, not
    # the status, lets the database use the index on it.
    held = Review.objects.filter(
        kind="lac", held_date__gte=start, held_date__lte=f.today, child__archived=False
    ).exclude(status=Status.CANCELLED)
    if chair is not None:
        held = held.filter(chair=chair)
    rows = held.order_by().values_list("child_id", "held_date", "due_date", "participation")
    for child_id, on, due, code in rows:
        month = _month(f, on)
        if due is not None:
            month.reviews_held += 1
            f.add("timeliness.reviews_held", Item(child_id, on, f"Review held {format_date(on)}"))
            f.add(f"month.{month.key}.reviews_held", Item(child_id, on, "Review held"))
            if on > due:
                note = f"Review held {format_date(on)}, {_days((on - due).days)} late"
                month.reviews_late += 1
                f.add("timeliness.reviews_late", Item(child_id, on, note))
                f.add(f"month.{month.key}.reviews_late", Item(child_id, on, note))
        if code in PARTICIPATION_ELIGIBLE:
            f.add("participation.eligible", Item(child_id, on, f"Review {format_date(on)}: {code}"))
            if code in PARTICIPATED:
                f.add("participation.took_part", Item(child_id, on, f"Review: {code}"))
    rows = ConferenceChild.objects.filter(
        conference__held_on__gte=start, conference__held_on__lte=f.today, child__archived=False
    )
    if chair is not None:
        rows = rows.filter(conference__chair=chair)
    values = rows.order_by().values_list(
        "child_id", "conference__held_on", "conference__kind", "due_date", "s47_due_date"
    )
    for child_id, on, kind, due, s47_due in values:
        if due is None:  # transfer-in: no timescale
            continue
        month = _month(f, on)
        label = KIND_LABELS[kind]
        late = on > due
        note = f"{label} {format_date(on)}" + (f", {_days((on - due).days)} late" if late else "")
        month.conference_children += 1
        f.add(f"month.{month.key}.conference_children", Item(child_id, on, note))
        if late:
            month.conference_children_late += 1
            f.add(f"month.{month.key}.conference_children_late", Item(child_id, on, note))
        prefix = "timeliness.icpc" if kind == Kind.INITIAL else "timeliness.rcpc"
        f.add(f"{prefix}_children", Item(child_id, on, note))
        if not late:
            f.add(f"{prefix}_on_time", Item(child_id, on, note))
        if kind == Kind.INITIAL and s47_due is not None:
            f.add("timeliness.icpc_s47_children", Item(child_id, on, note))
            if on <= s47_due:
                f.add("timeliness.icpc_s47_on_time", Item(child_id, on, note))


def _population(f: Figures, chair, members) -> None:
    """Children looked after now, on a plan now, both, and in care without an IRO."""
    today = f.today
    open_episodes = (
        CareEpisode.objects.filter(decom__lte=today, child__archived=False)
        .filter(Q(dec__isnull=True) | Q(dec__gt=today))
        .order_by()
        .values_list("child_id", "ls")
    )
    in_care, looked_after = set(), set()
    for child_id, ls in open_episodes:
        in_care.add(child_id)
        if ls not in SHORT_BREAK_LEGAL_STATUSES:
            looked_after.add(child_id)
    on_plan = {c for (pk, kind), ids in members.items() if kind == "cp" for c in ids}
    if chair is not None:
        mine = set(members.get((chair.pk, "lac"), ())) | set(members.get((chair.pk, "cp"), ()))
        looked_after &= set(members.get((chair.pk, "lac"), ()))
        on_plan &= set(members.get((chair.pk, "cp"), ()))
        both = mine & looked_after & on_plan
    else:
        both = looked_after & on_plan
        allocated = set(
            Allocation.objects.filter(end_date__isnull=True)
            .order_by()
            .values_list("child_id", flat=True)
        )
        for child_id in sorted(in_care - allocated):
            f.add("children.no_iro", Item(child_id, None, "In care with no IRO allocated"))
    for child_id in sorted(looked_after):
        f.add("children.looked_after", Item(child_id, None, "Looked after today"))
    for child_id in sorted(on_plan):
        f.add("children.on_plan", Item(child_id, None, "On a child protection plan"))
    for child_id in sorted(both):
        f.add("children.both", Item(child_id, None, "Looked after and on a plan"))


def _caseloads(f: Figures, chair, members) -> None:
    f.caseloads = caseload_rows(
        f.today, chair=chair, upcoming=False, meetings=False, members=members
    )
    for row in f.caseloads:
        name = str(row.chair)
        for kind, key, label in (
            ("lac", row.lac_key, "Looked after"),
            ("cp", row.cp_key, "On a plan"),
        ):
            note = f"{label}, {name}"
            f.items[key] = [
                Item(child_id, None, note) for child_id in members.get((row.chair.pk, kind), ())
            ]


def compute(today: date, chair=None) -> Figures:
    """Every figure on the dashboard for the unit, or for ``chair``'s slice (their children,
    the plans they chair, the meetings they chaired and their own caseload)."""
    year = ReportingYear(today.year if today.month >= 4 else today.year - 1)
    f = Figures(today=today, year=year, chair_id=chair.pk if chair else None)
    d = year.start
    while d <= today:
        f.months.append(Month(f"{d.year}-{d.month:02d}", f"{MONTHS[d.month - 1]} {d.year}"))
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    f.declare(*KEYS)
    if chair is None:
        f.declare("children.no_iro")
    for month in f.months:
        f.declare(*(f"month.{month.key}.{name}" for name in MONTH_FIGURES))
    members = caseload_members(today)
    _reviews_due(f, chair)
    _conferences_due(f, chair)
    _timeliness(f, chair)
    _population(f, chair, members)
    _caseloads(f, chair, members)
    _feature_tiles(f, chair)
    return f


def _feature_tiles(f: Figures, chair) -> None:
    """Figures other features register (health, court work, issues): a chair sees only the
    children allocated to them."""
    mine = None
    if chair is not None:
        mine = set(
            Allocation.objects.filter(iro=chair, end_date__isnull=True).values_list(
                "child_id", flat=True
            )
        )
    for tile in extras.tiles():
        found = tile.items(f.today)
        for key in tile.labels:
            f.declare(key)
            for item in found.get(key, ()):
                if mine is None or item["child_id"] in mine:
                    f.add(key, Item(**item))


KEYS = (
    "reviews.overdue",
    "reviews.due_4_weeks",
    "conferences.overdue",
    "conferences.due_4_weeks",
    "timeliness.reviews_held",
    "timeliness.reviews_late",
    "timeliness.icpc_children",
    "timeliness.icpc_on_time",
    "timeliness.icpc_s47_children",
    "timeliness.icpc_s47_on_time",
    "timeliness.rcpc_children",
    "timeliness.rcpc_on_time",
    "participation.eligible",
    "participation.took_part",
    "children.looked_after",
    "children.on_plan",
    "children.both",
)
MONTH_FIGURES = ("reviews_held", "reviews_late", "conference_children", "conference_children_late")
