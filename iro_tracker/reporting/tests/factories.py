"""A small authority in the database for the report's tests, and the same data by hand.

``small_authority()`` writes rows as an SSDA903 import would (``source="imported"``); every
figure the tests look at is known: 14 children looked after at 31 March 2019, 3 of them
UASC (suppressed to "<5" in the published version), 2 chairs, reviews on time and late.
"""

from __future__ import annotations

from datetime import date

from iro_tracker.conftest import make_user

D = date

# (local_id, dob, sex, ethnicity, uasc, episodes [(decom, dec, rne, ls, place, rec)])
CHILDREN = [
    *[
        (
            f"A{n:02d}",
            D(2006, 1 + n % 12, 1 + n),
            "M" if n % 3 else "F",
            "WBRI",
            n < 3,
            [(D(2017, 5, 1 + n), None, "S", "C2", "U4", "")],
        )
        for n in range(10)
    ],
    ("B01", D(2003, 2, 1), "F", "MWBC", False, [(D(2016, 9, 1), None, "S", "V2", "K2", "")]),
    ("B02", D(2012, 6, 1), "M", "WOTH", False, [(D(2018, 6, 4), None, "S", "C1", "U6", "")]),
    ("B03", D(2018, 11, 1), "F", "WBRI", False, [(D(2018, 12, 20), None, "S", "E1", "A5", "")]),
    (
        "B04",
        D(2001, 3, 1),
        "M",
        "WBRI",
        False,
        [
            (D(2015, 1, 5), D(2016, 3, 1), "S", "C2", "U4", "X1"),
            (D(2016, 3, 1), None, "P", "C2", "H5", ""),
        ],
    ),
    # Left care in the year, aged 18, staying put.
    (
        "L01",
        D(2000, 7, 1),
        "F",
        "WBRI",
        False,
        [(D(2014, 4, 1), D(2018, 7, 1), "S", "C2", "U4", "E17")],
    ),
    # Short breaks only: never counted as looked after.
    (
        "S01",
        D(2008, 1, 1),
        "M",
        "WBRI",
        False,
        [(D(2018, 5, 1), D(2018, 5, 3), "S", "V3", "U6", "E8")],
    ),
]

# (local_id, held, participation, late_reason): A00's second review is late (due 1 Sep).
REVIEWS = [
    ("A00", D(2018, 5, 1), "PN1", ""),
    ("A00", D(2018, 11, 1), "PN1", ""),
    ("A01", D(2018, 8, 1), "PN7", ""),
    ("B02", D(2018, 6, 29), "PN1", ""),
    ("B02", D(2018, 10, 1), "PN2", "PARTY_UNAVAILABLE"),
    ("B03", D(2019, 1, 17), "PN0", ""),
]

POPULATION = {2018: 10_000, 2017: 9_000}


def small_authority():
    """Write the authority; returns ``{"children": {local_id: Child}, "iros": [...]}``."""
    from iro_tracker.children.models import Allocation, CareEpisode, Child
    from iro_tracker.reporting.models import PopulationEstimate
    from iro_tracker.reviews.models import Review, Status

    ann = make_user("ann", "chair", is_iro=True, fte="1.00", started_on=D(2010, 1, 1))
    bea = make_user("bea", "chair", is_iro=True, fte="0.50", started_on=D(2018, 9, 1))
    children = {}
    for local_id, dob, sex, ethnicity, uasc, episodes in CHILDREN:
        child = Child.objects.create(
            local_id=local_id,
            first_name="Child",
            last_name=local_id,
            date_of_birth=dob,
            sex=sex,
            ethnicity=ethnicity,
            uasc=uasc,
            source="imported",
            collection_year=2018,
        )
        children[local_id] = child
        CareEpisode.objects.bulk_create(
            CareEpisode(
                child=child,
                decom=decom,
                dec=dec,
                rne=rne,
                ls=ls,
                place=place,
                rec=rec,
                source="imported",
                collection_year=2018,
            )
            for decom, dec, rne, ls, place, rec in episodes
        )
        if local_id.startswith(("A", "B")):
            iro = ann if local_id < "A05" else bea
            Allocation.objects.create(child=child, iro=iro, start_date=episodes[0][0])
    Review.objects.bulk_create(
        Review(
            child=children[cid],
            held_date=held,
            status=Status.HELD,
            participation=pn,
            late_reason=reason,
            chair=ann,
            source="imported",
            collection_year=2018,
        )
        for cid, held, pn, reason in REVIEWS
    )
    # A review not yet held: never in the report.
    Review.objects.create(child=children["A02"], due_date=D(2018, 11, 1), status=Status.DUE)
    for year, population in POPULATION.items():
        PopulationEstimate.objects.create(year=year, population_0_17=population)
    return {"children": children, "iros": [ann, bea]}


def by_hand_snapshot(ann: str, bea: str):
    """The same data as ``small_authority`` built by hand, with the chairs' ids."""
    from iro_tracker.rules.metrics import (
        AllocationRecord,
        ChildRecord,
        EpisodeRecord,
        ReviewRecord,
        Snapshot,
        StaffRecord,
    )

    return Snapshot(
        children=[
            ChildRecord(cid, dob, sex, eth, False, uasc) for cid, dob, sex, eth, uasc, _ in CHILDREN
        ],
        episodes=[EpisodeRecord(cid, *e) for cid, *_, episodes in CHILDREN for e in episodes],
        reviews=[ReviewRecord(cid, held, pn, reason, ann) for cid, held, pn, reason in REVIEWS],
        staff=[
            StaffRecord(ann, "Ann Tester", 1.0, True, False, D(2010, 1, 1)),
            StaffRecord(bea, "Bea Tester", 0.5, True, False, D(2018, 9, 1)),
        ],
        allocations=[
            AllocationRecord(cid, ann if cid < "A05" else bea, episodes[0][0])
            for cid, *_, episodes in CHILDREN
            if cid.startswith(("A", "B"))
        ],
        population_0_17=POPULATION[2018],
    )


def synthetic_authority(n_children: int = 600, seed: int = 7):
    """``rules.metrics.tests.synthetic.synthetic_snapshot`` written to the database with
    bulk inserts (a report that looks like a real authority's, for the browser test)."""
    from iro_tracker.children.models import Allocation, CareEpisode, Child
    from iro_tracker.reporting.models import PopulationEstimate
    from iro_tracker.reviews.models import Review, Status
    from iro_tracker.rules.metrics.tests.synthetic import synthetic_snapshot

    snapshot = synthetic_snapshot(n_children, seed=seed)
    chairs = {
        s.staff_id: make_user(
            f"chair{s.staff_id.lower()}",
            "chair",
            is_iro=s.is_iro,
            is_cpa=s.is_cpa,
            fte=f"{s.fte:.2f}",
            started_on=D(2010, 1, 1),
        )
        for s in snapshot.staff
    }
    Child.objects.bulk_create(
        Child(
            local_id=c.child_id,
            first_name="Child",
            last_name=c.child_id,
            date_of_birth=c.dob,
            sex=c.sex,
            ethnicity=c.ethnicity,
            disabled=c.disabled,
            uasc=c.uasc,
            source="demo",
        )
        for c in snapshot.children
    )
    pks = dict(Child.objects.values_list("local_id", "pk"))
    seen = set()
    CareEpisode.objects.bulk_create(
        CareEpisode(
            child_id=pks[e.child_id],
            decom=e.decom,
            dec=e.dec,
            rne=e.rne,
            ls=e.ls,
            place=e.place,
            rec=e.rec,
            source="demo",
        )
        for e in snapshot.episodes
        if (e.child_id, e.decom) not in seen and not seen.add((e.child_id, e.decom))
    )
    held = set()
    Review.objects.bulk_create(
        Review(
            child_id=pks[r.child_id],
            held_date=r.held,
            status=Status.HELD,
            participation=r.participation,
            late_reason=r.late_reason,
            chair=chairs.get(r.chair_id),
            source="demo",
        )
        for r in snapshot.reviews
        if (r.child_id, r.held) not in held and not held.add((r.child_id, r.held))
    )
    Allocation.objects.bulk_create(
        Allocation(
            child_id=pks[a.child_id], iro=chairs[a.staff_id], start_date=a.start, end_date=a.end
        )
        for a in snapshot.allocations
    )
    PopulationEstimate.objects.create(year=2018, population_0_17=snapshot.population_0_17 // 4)
    return snapshot
