"""The demo authority, generated once per test session (plain records, no database)."""

from datetime import date

import pytest

from iro_tracker.demo.figures import compute_figures, snapshot_from_demo
from iro_tracker.demo.generator import CALIBRATION_YEAR, DEFAULT_SEED, generate

UNTIL = date(2025, 6, 30)  # fixed, so no test depends on today's date


@pytest.fixture(scope="session")
def demo():
    return generate(DEFAULT_SEED, until=UNTIL)


@pytest.fixture(scope="session")
def figures(demo):
    """The 2018-19 figures of the default demo, counted with the rules package."""
    return compute_figures(snapshot_from_demo(demo), *CALIBRATION_YEAR)
