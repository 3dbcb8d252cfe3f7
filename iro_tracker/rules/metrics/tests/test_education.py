"""The ``education`` section on hand-built data, this year beside last year."""

from datetime import date

from iro_tracker.rules.metrics.education import PepRecord, education_section
from iro_tracker.rules.metrics.tests.builders import child, ep, snap

D = date
EPISODES = [
    ep("a", D(2018, 6, 4)),  # first PEP due Mon 18 Jun 2018
    ep("b", D(2018, 6, 4)),
    ep("baby", D(2018, 6, 4)),  # under 3: no PEP expected
    ep("c", D(2017, 6, 5)),
]
CHILDREN = [child("a"), child("b"), child("c"), child("baby", dob=D(2017, 1, 1))]
RECORDS = [
    PepRecord("a", D(2018, 6, 18), "good"),
    PepRecord("a", D(2019, 1, 10), "requires_improvement"),  # spring: next due 31 Aug
    PepRecord("b", D(2018, 6, 19)),  # a day late, never reviewed: overdue at year end
    PepRecord("c", D(2017, 6, 12), "inadequate"),
]


def test_initial_pep_timeliness_pep_up_to_date_and_quality_this_year_and_last():
    s = snap(EPISODES, children=CHILDREN)
    this_year = education_section(s, RECORDS, 2018)
    assert this_year == {
        "pep_initial_due": 2,
        "pep_initial_in_time": 1,
        "pep_initial_in_time_percent": 50.0,
        "pep_expected_at_year_end": 3,
        "pep_up_to_date": 1,
        "pep_up_to_date_percent": 33.3,
        "pep_quality": {"good": 1, "requires_improvement": 1, "inadequate": 0, "not_judged": 1},
    }
    last_year = education_section(s, RECORDS, 2017)
    assert (last_year["pep_initial_due"], last_year["pep_initial_in_time"]) == (1, 1)
    assert last_year["pep_quality"]["inadequate"] == 1
