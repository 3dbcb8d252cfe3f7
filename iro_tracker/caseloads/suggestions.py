"""Which IRO to allocate a child to: a ranked list with the reason for each place.

The order (issue 6; RULES.md "siblings normally share an IRO"; IRO Handbook on continuity):

1. the IRO of a brother or sister (their sibling group, ``conferences.SiblingGroup``);
2. the IRO the child had before, in an earlier period of care or allocation;
3. a chair leading on the child's needs: children with disabilities, or unaccompanied
   asylum-seeking children (``SpecialistLead`` codes below);
4. everyone else.

Within each tier the lowest looked-after caseload per FTE comes first. Only IROs in post and
with an FTE are suggested; a manager still decides (``children.services.allocate_iro``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from iro_tracker.accounts.models import User
from iro_tracker.caseloads.services import BAND_LABELS, caseload_rows
from iro_tracker.children.models import Allocation
from iro_tracker.conferences.siblings import siblings_of
from iro_tracker.rules.calendar import format_date

# Lead codes by need. The demo names its disability lead "disabilities"; either is accepted.
DISABILITY_LEADS = frozenset({"disability", "disabilities"})
UASC_LEADS = frozenset({"uasc"})
SIBLING, PREVIOUS, LEAD, OTHER = 0, 1, 2, 3


@dataclass(frozen=True)
class Suggestion:
    user: User
    rank: int
    reasons: tuple[str, ...]
    lac_per_fte: float | None = None


def _previous(child, on: date) -> dict[int, str]:
    reasons: dict[int, str] = {}
    ended = (
        Allocation.objects.filter(child=child, end_date__isnull=False, end_date__lt=on)
        .select_related("iro")
        .order_by("-end_date")
    )
    for a in ended:
        reasons.setdefault(
            a.iro_id,
            f"Was {child.display_name}'s IRO from {format_date(a.start_date)} to"
            f" {format_date(a.end_date)}",
        )
    return reasons


def _siblings(child) -> dict[int, str]:
    reasons: dict[int, str] = {}
    sibs = siblings_of(child)
    current = Allocation.objects.filter(child__in=sibs, end_date__isnull=True).select_related(
        "child"
    )
    for a in current:
        reasons.setdefault(a.iro_id, f"IRO of {a.child.display_name}, a brother or sister")
    return reasons


def _leads(child, on: date) -> set[str]:
    wanted: set[str] = set()
    if child.disabled:
        wanted |= DISABILITY_LEADS
    if child.is_uasc_on(on):
        wanted |= UASC_LEADS
    return wanted


def suggest_iro(child, on: date | None = None) -> list[Suggestion]:
    """Every IRO who could take ``child`` on ``on`` (default today), best first, each with
    the reasons for their place. Rank 1 is the suggestion; the child's current IRO, if any,
    is left out."""
    on = on or timezone.localdate()
    rows = {
        r.chair.pk: r
        for r in caseload_rows(on, upcoming=False)
        if r.chair.is_active and r.chair.is_iro and r.chair.fte
    }
    leads_by_chair: dict[int, list[str]] = {}
    wanted = _leads(child, on)
    if wanted:
        through = User.specialist_leads.through.objects.filter(
            user_id__in=list(rows), specialistlead__code__in=wanted
        ).select_related("specialistlead")
        for link in through:
            leads_by_chair.setdefault(link.user_id, []).append(
                f"Leads on {link.specialistlead.name[:1].lower()}{link.specialistlead.name[1:]}"
            )
    siblings = _siblings(child)
    previous = _previous(child, on)
    # A suggestion is for a change: the IRO the child has now is not one.
    current = set(
        Allocation.objects.filter(child=child, end_date__isnull=True).values_list("iro", flat=True)
    )
    ranked = []
    for pk, row in rows.items():
        if pk in current:
            continue
        reasons = []
        tier = OTHER
        if pk in siblings:
            reasons.append(siblings[pk])
            tier = SIBLING
        if pk in previous:
            reasons.append(previous[pk])
            tier = min(tier, PREVIOUS)
        if pk in leads_by_chair:
            reasons += leads_by_chair[pk]
            tier = min(tier, LEAD)
        per_fte = row.lac_per_fte
        low, high = row.band
        reasons.append(
            f"{per_fte:g} looked-after children per FTE ({BAND_LABELS[row.status].lower()}"
            f" {low}-{high})"
        )
        ranked.append((tier, per_fte, row.chair.last_name, pk, row.chair, tuple(reasons)))
    ranked.sort(key=lambda item: item[:4])
    return [
        Suggestion(user=chair, rank=i, reasons=reasons, lac_per_fte=per_fte)
        for i, (_, per_fte, _, _, chair, reasons) in enumerate(ranked, start=1)
    ]
