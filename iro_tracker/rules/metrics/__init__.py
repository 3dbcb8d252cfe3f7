"""The annual IRO report's figures, computed from a plain snapshot (no Django).

The same code serves the web page, the command line and the tests: build a ``Snapshot``
(``reporting`` does it from the database; tests do it by hand), then call
``annual_report``, ``annual_report_with_previous``, ``drilldown``, ``review_rows`` and, for
the published version, ``suppress``.
"""

from iro_tracker.rules.metrics.annual import (
    REPORT_KEYS,
    annual_report,
    annual_report_with_previous,
    drilldown,
)
from iro_tracker.rules.metrics.reviews import ReviewRow, review_rows
from iro_tracker.rules.metrics.snapshot import (
    AllocationRecord,
    ChildRecord,
    EpisodeRecord,
    ReportingYear,
    ReviewRecord,
    Snapshot,
    StaffRecord,
)
from iro_tracker.rules.metrics.suppression import SUPPRESSED, suppress

__all__ = [
    "REPORT_KEYS",
    "SUPPRESSED",
    "AllocationRecord",
    "ChildRecord",
    "EpisodeRecord",
    "ReportingYear",
    "ReviewRecord",
    "ReviewRow",
    "Snapshot",
    "StaffRecord",
    "annual_report",
    "annual_report_with_previous",
    "drilldown",
    "review_rows",
    "suppress",
]
