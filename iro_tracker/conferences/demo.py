"""Write the demo authority's child protection work into the database (``iro demo``).

``generate_cp_activity(seed, until)`` runs ``demo_sim`` against the chairs and looked-after
children already loaded and writes its records in bulk, each with a change-history row, with
every due date and its explanation from ``rules.timescales`` exactly as ``record_conference``
would write them. It also links looked-after brothers and sisters into sibling groups (the
demo's children sharing a surname, a social worker and a team). Deterministic for a seed.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from iro_tracker.accounts.models import Role, Team, User
from iro_tracker.children.models import CareEpisode, Child, Source
from iro_tracker.conferences import demo_sim
from iro_tracker.conferences.dues import NO_TIMESCALE, first_review_due, icpc_due_s47
from iro_tracker.conferences.models import (
    ChildProtectionPlan,
    Conference,
    ConferenceChild,
    CoreGroup,
    EnquiryChild,
    SiblingGroup,
    SiblingLink,
    StrategyDiscussion,
)
from iro_tracker.demo import names
from iro_tracker.reviews.models import Review
from iro_tracker.rules.calendar import format_date
from iro_tracker.rules.codes import SHORT_BREAK_LEGAL_STATUSES
from iro_tracker.rules.timescales import core_group_due, cp_review_due, initial_conference_due

CP_FROM = date(2015, 4, 1)  # three years before the calibration year, for repeats and trends
BEFORE_CARE = 0.12  # share of looked-after children who were on a plan first
BATCH = 2000
REASON = "Demo data loaded"


@dataclass(frozen=True)
class CpDemoResult:
    children: int
    discussions: int
    conferences: int
    conference_children: int
    plans: int
    core_groups: int
    sibling_groups: int


def _bulk(model, objects: list) -> list:
    created = model.objects.bulk_create(objects, batch_size=BATCH)
    model.history.bulk_history_create(created, batch_size=BATCH, default_change_reason=REASON)
    return created


def _chair_windows(chairs) -> list[demo_sim.Chair]:
    """Each chair's time in the unit. Without ``left_on``, a chair no longer active is taken
    to have left after the last review they chaired."""
    last = dict(
        Review.objects.filter(chair__in=chairs, held_date__isnull=False)
        .values_list("chair")
        .annotate(Max("held_date"))
    )
    windows = []
    for u in chairs.order_by("pk"):
        start = u.started_on or timezone.localtime(u.date_joined).date()
        end = u.left_on or (None if u.is_active else last.get(u.pk, start))
        windows.append(demo_sim.Chair(u.pk, start, end, float(u.fte) or 0.1))
    return windows


def _known(children, rng: random.Random, start: date) -> list[demo_sim.KnownChild]:
    starts = (
        CareEpisode.objects.filter(child__in=children)
        .exclude(ls__in=SHORT_BREAK_LEGAL_STATUSES)
        .values("child")
        .annotate(first_start=Min("decom"))
        .filter(first_start__gte=start)
    )
    first = {row["child"]: row["first_start"] for row in starts}
    known = []
    for c in children.filter(pk__in=first).order_by("pk"):
        if rng.random() < BEFORE_CARE:
            known.append(demo_sim.KnownChild(c.pk, c.date_of_birth, first[c.pk], c.last_name))
    return known


def _lac_families(children) -> list[list[int]]:
    groups: dict[tuple, list[int]] = defaultdict(list)
    rows = children.exclude(social_worker="").values_list(
        "pk", "last_name", "social_worker", "team_id"
    )
    for pk, last, worker, team in rows.order_by("pk"):
        groups[(last, worker, team)].append(pk)
    return [pks for pks in groups.values() if len(pks) > 1]


def _new_children(activity, rng: random.Random) -> dict[int, Child]:
    taken = set(Child.objects.values_list("local_id", flat=True))
    teams = list(Team.objects.filter(name__startswith="Locality").order_by("name")) or [None]
    family_team, family_worker, result = {}, {}, {}
    objects = []
    for c in activity.children:
        while True:
            local_id = f"B{rng.randint(100000, 999999)}"
            if local_id not in taken:
                taken.add(local_id)
                break
        if c.family not in family_team:
            family_team[c.family] = rng.choice(teams)
            family_worker[c.family] = " ".join(names.full_name(rng))
        objects.append(
            Child(
                local_id=local_id,
                first_name=c.first_name,
                last_name=c.last_name,
                date_of_birth=c.dob,
                sex=c.sex,
                ethnicity=rng.choice(("WBRI",) * 8 + ("WOTH", "MWBC")),
                team=family_team[c.family],
                social_worker=family_worker[c.family],
                source=Source.DEMO,
            )
        )
    for c, obj in zip(activity.children, _bulk(Child, objects), strict=True):
        result[c.key] = obj
    return result


def _ref(ref, new: dict[int, Child]) -> int:
    return int(ref[1:]) if isinstance(ref, str) else new[ref].pk


@transaction.atomic
def generate_cp_activity(
    seed: int,
    until: date,
    children=None,
    chairs=None,
    *,
    start: date = CP_FROM,
    scale: float = 1.0,
) -> CpDemoResult:
    """Child protection activity from ``start`` (1 April 2015) to ``until``, calibrated to the
    seed report (about 1,200 conferences a year about 2,400 children). ``children``: the
    looked-after children already loaded (default: every child); ``chairs``: who chairs
    conferences (default: every chair with ``is_cpa``); ``scale``: the authority's size
    against the seed's (the benchmark uses 10)."""
    children = Child.objects.all() if children is None else children
    if chairs is None:
        chairs = User.objects.filter(role=Role.CHAIR, is_cpa=True)
    rng = random.Random(f"cp-records-{seed}")
    windows = _chair_windows(chairs)
    if not windows:
        raise ValueError("No chair chairs child protection conferences (is_cpa).")
    # Read before the new children are written: the querysets are lazy.
    lac_families = _lac_families(children)
    activity = demo_sim.simulate(seed, until, windows, _known(children, rng, start), start, scale)
    new = _new_children(activity, rng)

    discussions = _bulk(
        StrategyDiscussion,
        [_discussion(d) for d in activity.discussions],
    )
    conferences = _bulk(
        Conference,
        [
            Conference(
                kind=c.kind,
                held_on=c.held,
                chair_id=c.chair,
                quorate=c.quorate,
                attendees=c.attendees,
                strategy_discussion=discussions[c.discussion] if c.discussion is not None else None,
                late_reason=c.late_reason,
                source=Source.DEMO,
            )
            for c in activity.conferences
        ],
    )
    plans, rows = _plans_and_rows(activity, new, discussions, conferences)
    answered = {
        c.discussion: conferences[c.key] for c in activity.conferences if c.discussion is not None
    }
    _bulk(
        EnquiryChild,
        [
            EnquiryChild(
                discussion=discussions[d.key],
                child_id=_ref(ref, new),
                conference=answered.get(d.key),
            )
            for d in activity.discussions
            for ref in d.children
        ],
    )
    groups = _bulk(
        CoreGroup,
        [CoreGroup(plan=plans[k], held_on=d, source=Source.DEMO) for k, d in activity.core_groups],
    )
    families = [[_ref(r, new) for r in f] for f in activity.families] + lac_families
    linked = set(SiblingLink.objects.values_list("child_id", flat=True))
    families = [f for f in families if not linked.intersection(f)]
    sibling_groups = _bulk(SiblingGroup, [SiblingGroup(name="Demo family") for _ in families])
    _bulk(
        SiblingLink,
        [
            SiblingLink(group=g, child_id=pk)
            for g, f in zip(sibling_groups, families, strict=True)
            for pk in f
        ],
    )
    return CpDemoResult(
        len(new),
        len(discussions),
        len(conferences),
        len(rows),
        len(plans),
        len(groups),
        len(families),
    )


def _discussion(d) -> StrategyDiscussion:
    due = initial_conference_due(d.held)
    s47 = icpc_due_s47(d.s47) if d.s47 else None
    return StrategyDiscussion(
        held_on=d.held,
        s47_started_on=d.s47,
        icpc_due=due.date,
        icpc_due_explanation=due.explanation,
        icpc_due_s47=s47.date if s47 else None,
        icpc_due_s47_explanation=s47.explanation if s47 else "",
        source=Source.DEMO,
    )


def _plans_and_rows(activity, new, discussions, conferences):
    """Plans with their chair and next review due, and each child's row at each conference
    with its due dates, as ``services.record_conference`` would have written them."""
    history: dict[int, list] = defaultdict(list)  # plan key -> [(held, conference)]
    for c in activity.conferences:
        for _, _, _, plan in c.rows:
            if plan is not None:
                history[plan].append(c)
    plan_objects = []
    for p in activity.plans:
        meetings = sorted(history[p.key], key=lambda c: c.held)
        last = meetings[-1]
        group = core_group_due(p.start)
        plan = ChildProtectionPlan(
            child_id=_ref(p.child, new),
            start_date=p.start,
            end_date=p.end,
            category=p.category,
            chair_id=last.chair,
            core_group_due=group.date,
            core_group_due_explanation=group.explanation,
            source=Source.DEMO,
        )
        if p.end is None:
            if len(meetings) == 1:
                due = first_review_due(last.held, last.kind)
            else:
                due = cp_review_due(last.held, False)
            plan.next_review_due, plan.next_review_explanation = due.date, due.explanation
        plan_objects.append(plan)
    plans = _bulk(ChildProtectionPlan, plan_objects)
    rows = []
    for c in activity.conferences:
        sd = discussions[c.discussion] if c.discussion is not None else None
        for ref, outcome, category, plan_key in c.rows:
            row = ConferenceChild(
                conference=conferences[c.key],
                child_id=_ref(ref, new),
                plan=plans[plan_key] if plan_key is not None else None,
                outcome=outcome,
                category=category if outcome != "not_needed" else "",
            )
            if c.kind == "transfer_in":
                row.due_explanation = NO_TIMESCALE
            elif sd is not None:
                row.due_date, row.due_explanation = sd.icpc_due, sd.icpc_due_explanation
                row.s47_due_date = sd.icpc_due_s47
                row.s47_due_explanation = sd.icpc_due_s47_explanation
            else:
                meetings = sorted(history[plan_key], key=lambda m: m.held)
                i = next(i for i, m in enumerate(meetings) if m.key == c.key)
                due = cp_review_due(meetings[i - 1].held, i == 1)
                row.due_date, row.due_explanation = due.date, due.explanation
            if outcome in ("plan_started", "plan_continued"):
                if outcome == "plan_started":
                    nxt = first_review_due(c.held, c.kind)
                else:
                    nxt = cp_review_due(c.held, False)
                row.next_due_date, row.next_due_explanation = nxt.date, nxt.explanation
            elif outcome == "plan_ended":
                row.next_due_explanation = (
                    f"None: the plan ended at this conference on {format_date(c.held)}."
                )
            else:
                row.next_due_explanation = "None: no plan was needed."
            rows.append(row)
    return plans, _bulk(ConferenceChild, rows)
