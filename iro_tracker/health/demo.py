"""Demo health records for the synthetic authority, calibrated to the seed report.

Run after the demo children and episodes are loaded: ``load(seed, until)`` reads them back,
plans every child's health records deterministically (the same seed always gives the same
records) and writes them with a change-history row each. Planning is pure (``plan``), so
its calibration is tested without a database.

Calibration (seed report §6.6): in 2018-19, 43% of initial health assessments within 20
working days and 61% within 25, "a deterioration on the previous year". Other years are
drawn a little better. Review assessments follow the 6/12-month rule with some lateness;
dental checks are a concern (§9.12), so about one year in four is missed.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from iro_tracker.rules.calendar import add_months, add_working_days
from iro_tracker.rules.periods import EpisodeRow, Period, periods_of_care
from iro_tracker.rules.timescales import iha_due, review_health_assessment_due

HISTORY_FROM = date(2012, 4, 1)  # as the demo generator: earlier periods get no records
HISTORY_REASON = "Demo data loaded"
BATCH = 2000

# Share of IHAs within 20 and within 25 working days, by reporting year (seed §6.6).
IHA_TIMELINESS = {2017: (0.52, 0.70), 2018: (0.43, 0.61)}
IHA_TIMELINESS_OTHER = (0.55, 0.72)
IHA_REFUSED = 0.02
IHA_NOT_DONE = 0.03


@dataclass(frozen=True)
class DemoChild:
    pk: int
    local_id: str
    dob: date
    family: tuple  # (last name, team, social worker): children of one family share it
    episodes: tuple[EpisodeRow, ...] = field(default=())


@dataclass(frozen=True)
class Planned:
    """One record to write: the model's name and its field values (child as ``child_id``)."""

    model: str
    fields: dict


def rng_for(seed: int, child: DemoChild, purpose: str) -> random.Random:
    # A string seed is hashed the same way on every run and machine (random's version 2).
    return random.Random(f"{seed}:{child.local_id}:{purpose}")


def reporting_year(d: date) -> int:
    return d.year if d.month >= 4 else d.year - 1


def read_children() -> list[DemoChild]:
    """Every child with their episodes, read with two queries."""
    from iro_tracker.children.models import CareEpisode, Child

    episodes: dict[int, list[EpisodeRow]] = defaultdict(list)
    for child_id, *fields in CareEpisode.objects.order_by("decom").values_list(
        "child_id", "decom", "dec", "rne", "ls", "place", "rec"
    ):
        episodes[child_id].append(EpisodeRow(*fields))
    return [
        DemoChild(pk, local_id, dob, (last, team, worker), tuple(episodes[pk]))
        for pk, local_id, dob, last, team, worker in Child.objects.order_by("pk").values_list(
            "pk", "local_id", "date_of_birth", "last_name", "team_id", "social_worker"
        )
    ]


def bulk_with_history(model, objects: list) -> list:
    """bulk_create with a history row per object (as the demo loader does)."""
    created = model.objects.bulk_create(objects, batch_size=BATCH)
    model.history.bulk_history_create(
        created, batch_size=BATCH, default_change_reason=HISTORY_REASON
    )
    return created


def periods_for(child: DemoChild, until: date) -> list[Period]:
    """Periods of care running on or after ``HISTORY_FROM`` and begun by ``until``."""
    return [
        p
        for p in periods_of_care(child.episodes)
        if p.start <= until and (p.end is None or p.end > HISTORY_FROM)
    ]


def is_new(period: Period) -> bool:
    """True if the period began in the demo's history (so it has an IHA)."""
    return period.start_known and period.start >= HISTORY_FROM


def end_of(period: Period, until: date) -> date:
    return min(period.end or until, until)


def plan(seed: int, children: Iterable[DemoChild], until: date) -> list[Planned]:
    """Every child's health records up to ``until``."""
    children = list(children)
    categories = _iha_categories(seed, children, until)
    found: list[Planned] = []
    for child in children:
        for period in periods_for(child, until):
            category = categories.get((child.local_id, period.start), SHORT_STAY)
            found += _plan_period(seed, child, period, until, category)
    return found


IN_TIME, WITHIN_25, LATE, REFUSED, NOT_DONE, SHORT_STAY = (
    "in_time", "within_25", "late", "refused", "not_done", "short_stay",
)  # fmt: skip


def _iha_categories(seed: int, children: list[DemoChild], until: date) -> dict:
    """How each period's IHA goes, by exact shares of each year's periods (so 2018-19 shows
    the seed's 43% and 61% however few children started that year).

    Only periods still running when the IHA fell due are counted by the report; a shorter
    stay gets no IHA (``SHORT_STAY``).
    """
    by_year: dict[int, list[tuple[str, date]]] = defaultdict(list)
    for child in children:
        for period in filter(is_new, periods_for(child, until)):
            due = iha_due(period.start).date
            if (period.end is None or period.end > due) and due <= until:
                by_year[reporting_year(period.start)].append((child.local_id, period.start))
    found = {}
    for year, keys in by_year.items():
        within_20, within_25 = IHA_TIMELINESS.get(year, IHA_TIMELINESS_OTHER)
        random.Random(f"{seed}:iha:{year}").shuffle(keys)
        n = len(keys)
        cuts = [
            (IN_TIME, round(within_20 * n)),
            (WITHIN_25, round(within_25 * n)),
            (REFUSED, round((within_25 + IHA_REFUSED) * n)),
            (NOT_DONE, round((within_25 + IHA_REFUSED + IHA_NOT_DONE) * n)),
            (LATE, n),
        ]
        start = 0
        for category, stop in cuts:
            for key in keys[start:stop]:
                found[key] = category
            start = max(start, stop)
    return found


def _iha_days(rng: random.Random, category: str) -> int | None:
    """Working days from becoming looked after to the IHA, None when it was not done."""
    return {
        IN_TIME: lambda: rng.randint(6, 20),
        WITHIN_25: lambda: rng.randint(21, 25),
        LATE: lambda: rng.randint(26, 50),
    }.get(category, lambda: None)()


def _plan_period(
    seed: int, child: DemoChild, period: Period, until: date, category: str
) -> list[Planned]:
    rng = rng_for(seed, child, f"health:{period.start.isoformat()}")
    end = end_of(period, until)
    if not is_new(period):
        # In care before the demo's history: the assessments carry on from a first one.
        first = HISTORY_FROM + timedelta(days=rng.randint(0, 180))
        if first > end:
            return []
        review = {"kind": "review", "child_id": child.pk, "completed_on": first}
        return [Planned("HealthAssessment", review), *_after_iha(rng, child, first, first, end)]
    records: list[Planned] = []
    days = _iha_days(rng, category)
    requested = add_working_days(period.start, rng.randint(1, 4))
    if requested > end:
        return records
    iha = {"kind": "initial", "child_id": child.pk, "requested_on": requested}
    last: date | None = None
    if category == REFUSED:
        iha["refused_on"] = last = min(add_working_days(period.start, rng.randint(5, 20)), end)
    elif days is not None:
        # A late IHA is still done before the child leaves care (the stay outlasted it).
        iha["completed_on"] = last = min(add_working_days(period.start, days), end)
    records.append(Planned("HealthAssessment", iha))
    if category == NOT_DONE:
        # Never done as an IHA: a review assessment picks the child up months later.
        later = add_months(period.start, rng.randint(3, 8))
        if later <= end:
            review = {"kind": "review", "child_id": child.pk, "completed_on": later}
            records.append(Planned("HealthAssessment", review))
            last = later
    return records + _after_iha(rng, child, last, period.start, end)


def _after_iha(
    rng: random.Random, child: DemoChild, last: date | None, start: date, end: date
) -> list[Planned]:
    records: list[Planned] = []
    # Review assessments: each due after the last one, done early, on time or late.
    while last is not None:
        due = review_health_assessment_due(last, child.dob).date
        done = due + timedelta(
            days=rng.randint(-30, 0) if rng.random() < 0.72 else rng.randint(1, 70)
        )
        if done > end:
            break
        records.append(
            Planned(
                "HealthAssessment", {"kind": "review", "child_id": child.pk, "completed_on": done}
            )
        )
        last = done

    # A dental check each year (about one in four missed) and immunisations checked with it.
    check = start + timedelta(days=rng.randint(20, 90))
    while check <= end:
        if rng.random() < 0.75:
            records.append(Planned("DentalCheck", {"child_id": child.pk, "checked_on": check}))
        records.append(
            Planned(
                "ImmunisationRecord",
                {"child_id": child.pk, "recorded_on": check, "up_to_date": rng.random() < 0.88},
            )
        )
        check = add_months(check, 12) + timedelta(days=rng.randint(-20, 20))

    # An SDQ each year while aged 4 to 16.
    sdq = add_months(start, rng.randint(3, 10))
    while sdq <= end:
        age = sdq.year - child.dob.year - ((sdq.month, sdq.day) < (child.dob.month, child.dob.day))
        if 4 <= age <= 16:
            fields = {"child_id": child.pk, "completed_on": sdq}
            u = rng.random()
            if u < 0.78:
                fields["score"] = max(0, min(40, round(rng.gauss(14, 6))))
                records.append(Planned("SdqScore", fields))
            elif u < 0.88:
                fields["reason"] = rng.choice(("SDQ2", "SDQ4", "SDQ5"))
                records.append(Planned("SdqScore", fields))
        sdq = add_months(sdq, 12)
    return records


def write(planned: Iterable[Planned], models: dict) -> int:
    """Write planned records with their models (``{"HealthAssessment": HealthAssessment}``)."""
    from iro_tracker.children.models import Source

    by_model: dict[str, list] = defaultdict(list)
    for p in planned:
        by_model[p.model].append(models[p.model](source=Source.DEMO, **p.fields))
    return sum(len(bulk_with_history(models[name], rows)) for name, rows in by_model.items())


def load(seed: int, until: date) -> int:
    """Plan and write the demo health records. Returns the number of records written."""
    from django.db import transaction

    from iro_tracker.health.models import (
        DentalCheck,
        HealthAssessment,
        ImmunisationRecord,
        SdqScore,
    )

    models = {
        "HealthAssessment": HealthAssessment,
        "DentalCheck": DentalCheck,
        "ImmunisationRecord": ImmunisationRecord,
        "SdqScore": SdqScore,
    }
    with transaction.atomic():
        return write(plan(seed, read_children(), until), models)


def from_generated(demo) -> list[DemoChild]:
    """The children of a ``demo.generator.generate`` result, without a database (tests)."""
    episodes: dict[str, list[EpisodeRow]] = defaultdict(list)
    for e in demo.episodes:
        episodes[e.child].append(EpisodeRow(e.decom, e.dec, e.rne, e.ls, e.place, e.rec))
    return [
        DemoChild(
            i,
            c.local_id,
            c.dob,
            (c.last_name, c.team, c.social_worker),
            tuple(sorted(episodes[c.local_id], key=lambda e: e.decom)),
        )
        for i, c in enumerate(demo.children)
    ]
