"""A small unit on Mon 1 Sep 2025, built by hand so that every dashboard figure is known.

Looked-after children (review 1 is due 20 working days after care began):
- L1: in care from 2 Jun, allocated to ``chair``; review 1 due 30 Jun, never held (overdue).
  Also on a plan since an initial conference on 1 Jul (both timelines).
- L2: in care from 11 Aug, allocated to ``other``; review 1 due 8 Sep (within 4 weeks).
- L3: in care from 20 Aug, no IRO; review 1 due 17 Sep (within 4 weeks).
- L4: in care from 1 Apr, allocated to ``chair``, who held review 1 on 25 Apr (PN1, on time)
  and review 2 on 30 Jul (PN7, due 25 Jul: late).
Child protection, all chaired by ``chair``:
- P1, P2 (siblings): initial conference 19 May (strategy discussion 25 Apr, s47 28 Apr: on
  time on both bases), plans started; the first review was due 19 Aug: overdue.
- P3: initial conference 20 Jun, due 16 Jun (strategy discussion 23 May): late; review due
  20 Sep (within 4 weeks).
- P4: strategy discussion 22 Aug; initial conference due 15 Sep (within 4 weeks).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from iro_tracker.children.models import Allocation
from iro_tracker.conferences import services
from iro_tracker.conferences.tests.factories import initial, make_cpa
from iro_tracker.conftest import add_episode, make_child
from iro_tracker.reviews.services import add_held_review, refresh_schedule

TODAY = date(2025, 9, 1)
NOW = datetime(2025, 9, 1, 12, tzinfo=UTC)
D = date


def build(chair, other) -> dict:
    make_cpa(chair)
    c = {}
    for key, start, iro in (
        ("L1", D(2025, 6, 2), chair),
        ("L2", D(2025, 8, 11), other),
        ("L3", D(2025, 8, 20), None),
        ("L4", D(2025, 4, 1), chair),
    ):
        child = make_child(key, first=key, last="Looked", dob=D(2011, 1, 1))
        add_episode(child, start)
        if iro is not None:
            Allocation.objects.create(child=child, iro=iro, start_date=start)
        c[key] = child
    add_held_review(c["L4"], held_date=D(2025, 4, 25), participation="PN1", chair=chair)
    add_held_review(
        c["L4"], held_date=D(2025, 7, 30), participation="PN7", chair=chair, late_reason="TRAVEL"
    )
    for key in ("L1", "L2", "L3", "L4"):
        refresh_schedule(c[key], as_of=TODAY)
    for key in ("P1", "P2", "P3", "P4"):
        c[key] = make_child(key, first=key, last="Protected", dob=D(2016, 1, 1))
    initial([c["P1"], c["P2"]], D(2025, 5, 19), chair, sd=D(2025, 4, 25), s47=D(2025, 4, 28))
    initial([c["P3"]], D(2025, 6, 20), chair, sd=D(2025, 5, 23), late_reason="TRAVEL")
    initial([c["L1"]], D(2025, 7, 1), chair, sd=D(2025, 6, 20))
    services.record_strategy_discussion(
        [c["P4"]], held_on=D(2025, 8, 22), s47_started_on=None, user=chair
    )
    return c
