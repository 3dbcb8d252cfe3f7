"""Chairs' caseloads on any date (IRO Handbook ch. 7; RULES.md "Caseloads").

A chair's caseload on a date: the looked-after children allocated to them that day (short
breaks left out, as from every looked-after count), the children on a child protection plan
whose latest conference by then they chaired, both together, and the looked-after children per
FTE against the 50-70 band. Beside it, the meetings they chaired in the 12 months to that date
and the meetings in the next 90 days (reviews booked or due for their children, and review
conferences due for the plans they chair; siblings due together count as one conference).

Every figure comes from a handful of grouped queries, whatever the number of chairs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import BigIntegerField, Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from iro_tracker.accounts.models import Role, User
from iro_tracker.children.models import Allocation, CareEpisode
from iro_tracker.conferences.models import ChildProtectionPlan, Conference, ConferenceChild
from iro_tracker.reviews.models import Review, Status
from iro_tracker.rules.calendar import add_months
from iro_tracker.rules.codes import SHORT_BREAK_LEGAL_STATUSES
from iro_tracker.rules.metrics.cp import ChairCaseload, band_status
from iro_tracker.rules.metrics.snapshot import ratio
from iro_tracker.rules.settings import DEFAULT as RULES

UPCOMING_DAYS = 90
BAND_LABELS = {"within": "Within band", "above": "Above band", "below": "Below band"}


@dataclass
class CaseloadRow:
    chair: User
    lac: int = 0
    cp: int = 0
    reviews_12_months: int = 0
    conferences_12_months: int = 0
    upcoming_reviews: int = 0
    upcoming_conferences: int = 0
    band: tuple[int, int] = field(default=RULES.caseload_band)

    @property
    def fte(self) -> Decimal:
        return self.chair.fte

    @property
    def combined(self) -> int:
        return self.lac + self.cp

    @property
    def lac_per_fte(self) -> float | None:
        return ratio(self.lac, self.fte) if self.fte else None

    @property
    def combined_per_fte(self) -> float | None:
        return ratio(self.combined, self.fte) if self.fte else None

    @property
    def meetings_12_months(self) -> int:
        return self.reviews_12_months + self.conferences_12_months

    @property
    def meetings_per_fte(self) -> float | None:
        return ratio(self.meetings_12_months, self.fte) if self.fte else None

    @property
    def upcoming(self) -> int:
        return self.upcoming_reviews + self.upcoming_conferences

    @property
    def status(self) -> str | None:
        """ "within", "above" or "below" the band; None without an FTE."""
        return band_status(self.lac, self.fte, self.band)

    @property
    def status_label(self) -> str:
        return BAND_LABELS.get(self.status, "No FTE recorded")

    @property
    def lac_key(self) -> str:
        """The dashboard figure listing these looked-after children."""
        return f"caseload.{self.chair.pk}.lac"

    @property
    def cp_key(self) -> str:
        return f"caseload.{self.chair.pk}.cp"

    def as_record(self) -> ChairCaseload:
        return ChairCaseload(
            str(self.chair.pk), float(self.fte), self.lac, self.cp, self.meetings_12_months
        )


def looked_after_on(on: date):
    """An ``Exists`` for "the outer row's child is looked after on ``on``" (no short breaks)."""
    return Exists(
        CareEpisode.objects.filter(child=OuterRef("child"), decom__lte=on)
        .filter(Q(dec__isnull=True) | Q(dec__gt=on))
        .exclude(ls__in=SHORT_BREAK_LEGAL_STATUSES)
    )


def lac_allocations_on(on: date):
    """Allocations in force on ``on`` of children looked after that day."""
    return (
        Allocation.objects.filter(start_date__lte=on, child__archived=False)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .filter(looked_after_on(on))
    )


def cp_plans_on(on: date):
    """Plans open on ``on``, each annotated with ``cp_chair``: the chair of its latest
    conference held by then (today, the plan's ``chair``)."""
    latest = ConferenceChild.objects.filter(
        plan=OuterRef("pk"), conference__held_on__lte=on
    ).order_by("-conference__held_on", "-conference_id")
    return (
        ChildProtectionPlan.objects.filter(start_date__lte=on, child__archived=False)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=on))
        .annotate(cp_chair=Subquery(latest.values("conference__chair")[:1]))
    )


def upcoming_reviews(on: date, days: int = UPCOMING_DAYS):
    """Pending reviews whose meeting (booked, else due) falls in the ``days`` from ``on``,
    annotated with ``who``: the booked chair, else the child's current IRO."""
    current_iro = Allocation.objects.filter(child=OuterRef("child"), end_date__isnull=True)
    return (
        Review.objects.filter(status__in=(Status.DUE, Status.SCHEDULED), child__archived=False)
        .annotate(
            when=Coalesce("scheduled_date", "due_date"),
            who=Coalesce(
                "chair_id",
                Subquery(current_iro.values("iro_id")[:1]),
                output_field=BigIntegerField(),
            ),
        )
        .filter(when__gte=on, when__lte=on + timedelta(days=days))
    )


def upcoming_conferences(on: date, days: int = UPCOMING_DAYS):
    """Open plans whose next review conference is due in the ``days`` from ``on``."""
    return ChildProtectionPlan.objects.filter(
        end_date__isnull=True,
        child__archived=False,
        next_review_due__gte=on,
        next_review_due__lte=on + timedelta(days=days),
    )


def caseload_members(on: date) -> dict[tuple[int, str], list[int]]:
    """The children in each chair's caseload on ``on``: ``(chair pk, "lac" or "cp")`` to
    child ids, sorted. The counts and the lists behind them come from here, so they agree."""
    members: dict[tuple[int, str], set[int]] = {}
    for iro, child in lac_allocations_on(on).order_by().values_list("iro", "child"):
        members.setdefault((iro, "lac"), set()).add(child)
    for chair, child in cp_plans_on(on).order_by().values_list("cp_chair", "child"):
        if chair is not None:
            members.setdefault((chair, "cp"), set()).add(child)
    return {key: sorted(ids) for key, ids in members.items()}


def _chairs():
    return User.objects.filter(role=Role.CHAIR).filter(Q(is_iro=True) | Q(is_cpa=True))


def caseload_rows(
    on: date,
    *,
    chair: User | None = None,
    upcoming: bool = True,
    meetings: bool = True,
    members: dict[tuple[int, str], list[int]] | None = None,
) -> list[CaseloadRow]:
    """Every chair's caseload on ``on`` (or just ``chair``'s), by name.

    A chair appears if in post that day (``started_on``/``left_on``) and either still active
    or with a caseload or meetings to show. ``upcoming`` adds the next 90 days of meetings
    from the reviews and plans as they stand now; ``meetings`` the meetings chaired in the 12
    months to ``on``. Pass ``members`` (``caseload_members(on)``) when already fetched. Seven
    queries at most.
    """
    chairs = _chairs()
    if chair is not None:
        chairs = chairs.filter(pk=chair.pk)
    rows = {u.pk: CaseloadRow(u) for u in chairs if u.in_post_on(on)}

    if members is None:
        members = caseload_members(on)
    for (pk, kind), children in members.items():
        if pk in rows:
            setattr(rows[pk], kind, len(children))
    if meetings:
        _meetings(rows, on, narrow=chair is not None)
    if upcoming:
        _upcoming(rows, on)
    shown = [r for r in rows.values() if r.chair.is_active or r.combined or r.meetings_12_months]
    return sorted(shown, key=lambda r: (r.chair.last_name, r.chair.first_name, r.chair.pk))


def _meetings(rows: dict[int, CaseloadRow], on: date, *, narrow: bool) -> None:
    """Reviews and conferences each chair chaired in the 12 months to ``on``."""
    since = add_months(on, -12)
    # Held and adjourned reviews are those with a date held: filtering on the date (not the
    # status) lets the database use its index.
    held = Review.objects.filter(held_date__gt=since, held_date__lte=on).exclude(
        status=Status.CANCELLED
    )
    conferences = Conference.objects.filter(held_on__gt=since, held_on__lte=on)
    if narrow:
        held, conferences = (
            held.filter(chair__in=list(rows)),
            conferences.filter(chair__in=list(rows)),
        )
    for item in held.order_by().values("chair").annotate(n=Count("pk")):
        if item["chair"] in rows:
            rows[item["chair"]].reviews_12_months = item["n"]
    for item in conferences.order_by().values("chair").annotate(n=Count("pk")):
        if item["chair"] in rows:
            rows[item["chair"]].conferences_12_months = item["n"]


def _upcoming(rows: dict[int, CaseloadRow], on: date) -> None:
    """Meetings in the next 90 days: reviews by their chair (or the child's IRO), and review
    conferences by plan chair and date (siblings due together are one meeting)."""
    for pk in upcoming_reviews(on).order_by().values_list("who", flat=True):
        if pk in rows:
            rows[pk].upcoming_reviews += 1
    meetings = set(upcoming_conferences(on).order_by().values_list("chair", "next_review_due"))
    for pk, _ in meetings:
        if pk in rows:
            rows[pk].upcoming_conferences += 1
