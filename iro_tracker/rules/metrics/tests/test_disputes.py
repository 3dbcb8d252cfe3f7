"""The challenge function's figures, worked out by hand on plain records (no database)."""

from datetime import date

from iro_tracker.rules.metrics.disputes import (
    ChallengeData,
    ContactRecord,
    CycleReview,
    DocumentRecord,
    IssueRecord,
    MidwayRecord,
    challenge_figures,
    cycles,
    documentation_figures,
    issues_figures,
    oversight_by,
)
from iro_tracker.rules.metrics.snapshot import AllocationRecord

D = date
THEMES = {"care_plan": "Care plan", "documentation": "Documentation not received"}
OUTCOMES = {"resolved": "Resolved", "cafcass": "Referred to Cafcass"}
STAGES = {1: "Practice manager", 2: "Head of service"}


def formal(child_id, raised, started, due, closed=None, stage=1, **kw):
    return IssueRecord(
        child_id, "care_plan", raised, stage, False, started, due, closed, kw.pop("outcome", ""),
        **kw,
    )  # fmt: skip


ISSUES = [
    IssueRecord("a", "documentation", D(2018, 4, 1), automatic=True),  # first day of the year
    IssueRecord("b", "care_plan", D(2019, 3, 31), closed_on=D(2019, 4, 2), outcome="resolved"),
    IssueRecord("c", "care_plan", D(2018, 3, 31)),  # the year before
    # Formal on 2 Jan 2019: due 30 Jan; closed on the due date is within.
    formal("d", D(2019, 1, 2), D(2019, 1, 2), D(2019, 1, 30), D(2019, 1, 30), outcome="resolved"),
    # Closed a day late, at stage 2.
    formal("e", D(2019, 1, 2), D(2019, 1, 2), D(2019, 1, 30), D(2019, 1, 31), 2, outcome="cafcass",
           cafcass_referred_on=D(2019, 1, 31)),
    # Still open: past its due date on as_of, or not.
    formal("f", D(2019, 3, 1), D(2019, 3, 1), D(2019, 3, 29)),
    formal("g", D(2019, 3, 25), D(2019, 3, 25), D(2019, 4, 23)),
    # Raised the year before, referred to Cafcass in this one.
    IssueRecord("h", "care_plan", D(2018, 1, 5), cafcass_referred_on=D(2018, 6, 1)),
]  # fmt: skip


def test_issues_figures_count_the_year_s_issues_by_theme_stage_and_timescale():
    figures = issues_figures(
        ISSUES, D(2018, 4, 1), D(2019, 3, 31), as_of=D(2019, 4, 10),
        themes=THEMES, outcomes=OUTCOMES, stages=STAGES,
    )  # fmt: skip
    assert figures == {
        "raised": 6,  # a b d e f g
        "informal_only": 2,
        "formal": 4,
        "automatic_documentation": 1,
        "by_theme": {"Care plan": 5, "Documentation not received": 1},
        "highest_stage": {"Informal": 2, "Practice manager": 3, "Head of service": 1},
        "resolved_within_20_working_days": 1,  # d
        "resolved_within_20_working_days_percent": 50.0,  # d of d, e
        "over_timescale": 2,  # e (closed late), f (open past its due date)
        "open_within_timescale": 1,  # g
        "outcomes": {"Resolved": 2, "Referred to Cafcass": 1},
        "open": 3,  # a f g
        "cafcass_referrals": 2,  # e, h (referred in the year though raised before)
    }


def test_no_issues_gives_zeros_and_null_percentages():
    figures = issues_figures([], D(2018, 4, 1), D(2019, 3, 31), as_of=D(2019, 4, 1), stages=STAGES)
    assert figures["raised"] == 0
    assert figures["resolved_within_20_working_days_percent"] is None
    assert figures["highest_stage"] == {"Informal": 0, "Practice manager": 0, "Head of service": 0}


# Reviews on Wednesday 24 April 2019: documents due Wednesday 17 April (Easter in between).
def doc(child, meeting, cp, pmr, team="North", worker="Sam"):
    return DocumentRecord(child, meeting, cp, pmr, team, worker)


def test_documents_on_the_due_date_are_in_time_and_a_day_later_is_not():
    records = [
        doc("a", D(2019, 4, 24), D(2019, 4, 17), D(2019, 4, 17)),  # both on the due date
        doc("b", D(2019, 4, 24), D(2019, 4, 18), D(2019, 4, 1)),  # care plan a day late
        doc("c", D(2019, 4, 24), None, D(2019, 4, 1), team="South", worker="Kim"),  # missing
        doc("d", D(2019, 5, 30), None, None),  # not yet due on as_of: not judged
    ]
    f = documentation_figures(records, D(2019, 4, 1), D(2019, 6, 30), as_of=D(2019, 4, 30))
    assert (f["reviews"], f["compliant"], f["non_compliant"], f["compliant_percent"]) == (
        3, 1, 2, 33.3
    )  # fmt: skip
    assert (f["care_plan_not_on_time"], f["pre_meeting_report_not_on_time"]) == (2, 0)
    assert f["by_team"] == {
        "North": {"reviews": 2, "compliant": 1, "non_compliant": 1, "compliant_percent": 50.0},
        "South": {"reviews": 1, "compliant": 0, "non_compliant": 1, "compliant_percent": 0.0},
    }
    assert list(f["by_social_worker"]) == ["Kim", "Sam"]  # most failures first, then by name


def test_a_pattern_is_three_failures_in_the_six_months_to_the_period_end():
    end = D(2019, 3, 31)
    late = [
        doc("a", D(2018, 9, 30), None, None),  # exactly 6 months before: outside the window
        doc("b", D(2018, 10, 1), None, None),
        doc("c", D(2019, 1, 15), None, None),
    ]
    f = documentation_figures(late, D(2018, 4, 1), end, as_of=D(2019, 4, 30))
    assert f["by_social_worker"]["Sam"]["in_pattern_window"] == 2
    assert f["patterns"] == []
    late.append(doc("d", D(2019, 3, 27), D(2019, 3, 25), None))
    f = documentation_figures(late, D(2018, 4, 1), end, as_of=D(2019, 4, 30))
    assert f["patterns"] == ["Sam"] and f["by_social_worker"]["Sam"]["pattern"] is True
    assert f["pattern_window"] == {"start": "2018-09-30", "end": "2019-03-31"}
    # A social worker who is not recorded is never flagged.
    unnamed = [doc(x, D(2019, 1, i + 1), None, None, worker="") for i, x in enumerate("pqr")]
    f = documentation_figures(unnamed, D(2018, 4, 1), end, as_of=D(2019, 4, 30))
    assert f["patterns"] == [] and f["by_social_worker"]["Not recorded"]["non_compliant"] == 3


def oversight_data(**kw):
    reviews = (
        CycleReview("kid", D(2018, 4, 10), D(2018, 1, 1)),
        CycleReview("kid", D(2018, 10, 10), D(2018, 1, 1)),
        CycleReview("kid", D(2019, 3, 10), D(2018, 1, 1)),
        # A new period of care: its first review is not paired with the old period's last.
        CycleReview("kid", D(2019, 6, 1), D(2019, 5, 1)),
        CycleReview("baby", D(2018, 5, 1), D(2018, 1, 1)),
        CycleReview("baby", D(2018, 11, 1), D(2018, 1, 1)),
    )
    return ChallengeData(
        as_of=D(2019, 7, 1),
        dobs={"kid": D(2010, 1, 1), "baby": D(2013, 6, 1)},  # baby turns 5 on 1 Jun 2018
        reviews=reviews,
        contacts=(
            ContactRecord("kid", D(2018, 10, 10), "visit", True),  # on review day: not between
            ContactRecord("kid", D(2018, 12, 1), "call", True),
            ContactRecord("baby", D(2018, 6, 2), "visit", False),
        ),
        midways=(MidwayRecord("kid", D(2018, 7, 1)), MidwayRecord("baby", D(2018, 11, 1))),
        allocations=(
            AllocationRecord("kid", "1", D(2018, 1, 1), D(2018, 12, 31)),
            AllocationRecord("kid", "2", D(2019, 1, 1)),
        ),
        **kw,
    )


def test_cycles_pair_consecutive_reviews_in_a_period_and_count_strictly_between():
    found = cycles(oversight_data(), D(2018, 4, 1), D(2019, 3, 31))
    summary = [(c.child_id, c.start, c.end, c.iro_id, c.contact_expected, c.contact, c.midway)
               for c in found]  # fmt: skip
    assert summary == [
        # The baby was 4 when the cycle began: no contact expected; the midway on the review
        # day does not count.
        ("baby", D(2018, 5, 1), D(2018, 11, 1), None, False, True, False),
        ("kid", D(2018, 4, 10), D(2018, 10, 10), "1", True, False, True),
        ("kid", D(2018, 10, 10), D(2019, 3, 10), "2", True, True, False),
    ]
    by_iro = oversight_by(found, "iro_id")
    assert by_iro["2"] == {
        "cycles": 1, "with_midway": 0, "midway_percent": 0.0, "contact_expected": 1,
        "with_contact": 1, "contact_percent": 100.0, "seen_alone": 1,
    }  # fmt: skip


def test_the_annual_section_nests_documents_and_oversight_under_issues_resolution():
    data = oversight_data(
        issues=tuple(ISSUES[:2]),
        documents=(doc("kid", D(2018, 10, 10), D(2018, 10, 1), D(2018, 10, 1)),),
        themes=THEMES,
        outcomes=OUTCOMES,
        stages=STAGES,
    )
    figures = challenge_figures(data, 2018)
    assert figures["raised"] == 2
    assert figures["documentation"]["compliant_percent"] == 100.0
    assert figures["documentation"]["by_team"]["North"]["reviews"] == 1
    assert figures["oversight"] == {
        "cycles": 3,
        "with_midway": 1,
        "midway_percent": 33.3,
        "contact_expected": 2,
        "with_contact": 1,
        "contact_percent": 50.0,
        "seen_alone": 1,
        "contacts": 3,
        "contacts_by_method": {"call": 1, "visit": 2},
        "midway_meetings": 2,
    }
