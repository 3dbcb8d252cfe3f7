"""Short constructors for hand-built snapshots in the metrics tests."""

from __future__ import annotations

from datetime import date

from iro_tracker.rules.metrics.snapshot import (
    ChildRecord,
    EpisodeRecord,
    ReviewRecord,
    Snapshot,
)


def child(child_id, dob=date(2010, 1, 1), sex="M", ethnicity="WBRI", **kwargs) -> ChildRecord:
    return ChildRecord(child_id, dob, sex, ethnicity, **kwargs)


def ep(child_id, decom, dec=None, rne="S", ls="C2", place="U4", rec="") -> EpisodeRecord:
    return EpisodeRecord(child_id, decom, dec, rne, ls, place, rec or ("E13" if dec else ""))


def rev(child_id, held, participation="PN1", late_reason="", chair_id=None) -> ReviewRecord:
    return ReviewRecord(child_id, held, participation, late_reason, chair_id)


def snap(episodes, reviews=(), children=None, **kwargs) -> Snapshot:
    """A snapshot; children default to one plain child per id named in ``episodes``."""
    if children is None:
        ids = dict.fromkeys(e.child_id for e in episodes)
        ids.update(dict.fromkeys(r.child_id for r in reviews))
        children = [child(i) for i in ids]
    return Snapshot(children, episodes, reviews, **kwargs)
