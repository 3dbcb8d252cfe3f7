"""The generator's records as the annual report's ``Snapshot`` (no Django).

The calibration tests compute the seed report's figures from the generator's plain records
with the product's own metrics (``rules.metrics.annual_report``), so there is one
implementation of each figure: the one behind the annual report. The rows are filled as
``reporting.snapshot.build_snapshot`` fills them from the database after ``iro demo`` has
loaded the same records, so both give the same report (``test_command`` checks it).
"""

from __future__ import annotations

from iro_tracker.demo.generator import CALIBRATION_YEAR, population_0_17
from iro_tracker.demo.records import Demo
from iro_tracker.rules.metrics import (
    AllocationRecord,
    ChildRecord,
    EpisodeRecord,
    ReviewRecord,
    Snapshot,
    StaffRecord,
)


def snapshot_from_demo(demo: Demo) -> Snapshot:
    """Every child, episode, held review, chair and allocation the generator produced, with
    the 0-17 population of the calibration year (the estimate the loader writes, which
    ``build_snapshot(year=CALIBRATION_YEAR)`` reads).

    Staff are identified by username (the database snapshot uses the user's id: the figures
    do not depend on it). Chairs are the IROs and CPAs; an active chair has no end date and
    a former one ends on their last day, as ``started_on``/``left_on`` are loaded.
    """
    return Snapshot(
        children=[
            ChildRecord(c.local_id, c.dob, c.sex, c.ethnicity, c.disabled, c.uasc, c.uasc_ceased)
            for c in demo.children
        ],
        episodes=[
            EpisodeRecord(
                e.child, e.decom, e.dec, e.rne, e.ls, e.place, e.rec, e.cin, e.place_provider
            )
            for e in demo.episodes
        ],
        reviews=[
            ReviewRecord(r.child, r.held, r.participation, r.late_reason, r.chair or None)
            for r in demo.reviews
        ],
        staff=[
            StaffRecord(
                s.username,
                f"{s.first_name} {s.last_name}".strip() or s.username,
                float(s.fte),
                s.is_iro,
                s.is_cpa,
                s.start,
                s.end,
            )
            for s in demo.staff
            if s.is_iro or s.is_cpa
        ],
        allocations=[AllocationRecord(a.child, a.iro, a.start, a.end) for a in demo.allocations],
        population_0_17=population_0_17(CALIBRATION_YEAR),
    )
