"""The demo authority, generated once per test session (plain records, no database)."""

from datetime import date

import pytest

from iro_tracker.demo.generator import CALIBRATION_YEAR, DEFAULT_SEED, generate
from iro_tracker.demo.snapshot import snapshot_from_demo
from iro_tracker.reporting.document import year_figures

UNTIL = date(2025, 6, 30)  # fixed, so no test depends on today's date


@pytest.fixture(scope="session")
def demo():
    return generate(DEFAULT_SEED, until=UNTIL)


@pytest.fixture(scope="session")
def snapshot(demo):
    """The generator's records as the annual report's snapshot."""
    return snapshot_from_demo(demo)


@pytest.fixture(scope="session")
def figures(snapshot):
    """The default demo's annual report for 2018-19: the product's own figures
    (``rules.metrics``, with the report's grouped tables), as ``iro demo`` prints them."""
    return year_figures(snapshot, CALIBRATION_YEAR)
