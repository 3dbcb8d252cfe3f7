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


def by_hand_snapshot(ann: str, bea: str, extra=None):
    """The same data as ``small_authority`` built by hand, with the chairs' ids (and
    ``extra``: the features' figures, e.g. ``reporting.snapshot.feature_extras``)."""
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
        extra=extra or {},
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


# The features' own records for ``small_authority`` (issues 5, 6, 7 and 9), each figure known
# (reporting year 2018, read on 1 July 2019). Child protection: P01 and P02 (siblings) at an
# initial conference in time, P03 at one late; P01 and P02 at a review conference on time,
# P02's plan ending there. Quality assurance: A00's and B02's reviews, health assessment
# judged up to date at one. Issues: one about A02, formal at head of service, resolved in
# time. Health: B02's IHA in time, B03's not recorded; A03's SDQ score 14. Education: B02's
# PEPs. Court: one set about A05 and A06, 29 weeks. Stability: M01 with three placements.
# Short breaks: S01's one break (in small_authority).
FEATURE_CHILDREN = ("P01", "P02", "P03", "M01")


def feature_records(authority):
    """Add the features' records to ``small_authority``'s; returns the new children."""
    from iro_tracker.conferences.models import Outcome as CpOutcome
    from iro_tracker.conferences.tests.factories import initial, make_cpa, review
    from iro_tracker.conftest import add_episode, make_child
    from iro_tracker.court.models import CareProceedings
    from iro_tracker.disputes.models import Outcome, Stage, Theme
    from iro_tracker.disputes.services import escalate_issue, raise_issue, resolve_issue
    from iro_tracker.education.models import PersonalEducationPlan
    from iro_tracker.health.models import DentalCheck, HealthAssessment, Kind, SdqScore
    from iro_tracker.outcomes import services as outcomes
    from iro_tracker.outcomes.models import QAQuestion
    from iro_tracker.outcomes.tests.factories import meeting

    ann = make_cpa(authority["iros"][0])
    children = authority["children"]
    new = {
        cid: make_child(cid, dob=D(2012, 3, 1), first="Child", last=cid) for cid in FEATURE_CHILDREN
    }

    initial([new["P01"], new["P02"]], D(2018, 6, 12), ann, sd=D(2018, 6, 1), s47=D(2018, 6, 1))
    initial([new["P03"]], D(2018, 10, 15), ann, sd=D(2018, 9, 3), late_reason="SCHEDULING")
    review(
        [(new["P01"], CpOutcome.PLAN_CONTINUED, "neglect"), (new["P02"], CpOutcome.PLAN_ENDED, "")],
        D(2018, 9, 10),
        ann,
    )

    question = QAQuestion.objects.get(code="health_assessment_up_to_date")
    for cid, held, rating in (("A00", D(2018, 11, 1), "yes"), ("B02", D(2018, 10, 1), "no")):
        held_review = children[cid].reviews.get(held_date=held)
        meeting(held_review, ann, "You told me about school.")
        outcomes.save_qa(held_review, {question.pk: (rating, "")}, user=ann)

    issue = raise_issue(
        children["A02"],
        theme=Theme.CARE_PLAN,
        summary="No care plan.",
        raised_on=D(2018, 9, 3),
        responder="Social worker",
        user=ann,
    )
    head = Stage.objects.get(name="Head of service")
    escalate_issue(issue, stage=head, on=D(2018, 9, 10), responder="Head", user=ann)
    resolve_issue(issue, outcome=Outcome.RESOLVED, closed_on=D(2018, 9, 20), user=ann)

    HealthAssessment.objects.create(
        child=children["B02"],
        kind=Kind.INITIAL,
        requested_on=D(2018, 6, 5),
        completed_on=D(2018, 6, 20),
    )
    SdqScore.objects.create(child=children["A03"], completed_on=D(2018, 12, 1), score=14)
    DentalCheck.objects.create(child=children["A04"], checked_on=D(2018, 10, 1))

    for held in (D(2018, 6, 12), D(2019, 2, 1)):
        PersonalEducationPlan.objects.create(child=children["B02"], held_on=held, quality="good")

    proceedings = CareProceedings.objects.create(
        issued_on=D(2018, 5, 1),
        concluded_on=D(2018, 11, 20),
        outcome="care_order",
        iro_contribution_on=D(2018, 11, 1),
    )
    proceedings.children.set([children["A05"], children["A06"]])

    add_episode(new["M01"], D(2018, 4, 10), D(2018, 7, 1), place="U4")
    add_episode(new["M01"], D(2018, 7, 1), D(2018, 10, 1), rne="P", place="U5")
    add_episode(new["M01"], D(2018, 10, 1), rne="P", place="U6")
    return new
