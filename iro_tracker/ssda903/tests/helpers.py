"""Shared helpers for the SSDA903 tests: the clean hand-made return and its variants."""

from __future__ import annotations

from pathlib import Path

import pytest

from iro_tracker.ssda903.reader import CollectionYear, read_return

DATA = Path(__file__).parent / "data"
CLEAN = DATA / "clean_2018"  # collection year 2018-19: no problem, no finding
CLEAN_XML = DATA / "clean_2018.xml"  # the same return as XML
SAMPLES = Path(__file__).resolve().parents[3].parent / "shared" / "external" / "ssda903_samples"
needs_samples = pytest.mark.skipif(
    not SAMPLES.is_dir(), reason=f"the public SSDA903 sample files are not at {SAMPLES}"
)
TABLES = (
    "children episodes reviews oc2 oc3 ad1 placed_for_adoption previous_permanence missing "
    "sw_episodes dolo"
).split()


def variant(
    tmp_path: Path,
    edits: tuple[tuple[str, str, str], ...] = (),
    *,
    add: dict[str, str] | None = None,
    drop: tuple[str, ...] = (),
) -> Path:
    """The clean return copied to ``tmp_path/return`` with text edits applied.

    ``edits``: ``(file, old, new)``, replacing the first ``old`` (which must be there);
    ``add``: whole new files or lines appended to a file; ``drop``: files to leave out.
    """
    out = tmp_path / "return"
    out.mkdir(parents=True)
    texts = {p.name: p.read_text() for p in CLEAN.iterdir()}
    for file, old, new in edits:
        assert old in texts[file], f"{old!r} not in {file}"
        texts[file] = texts[file].replace(old, new, 1)
    for file, text in (add or {}).items():
        texts[file] = texts.get(file, "") + text
    for name, text in texts.items():
        if name not in drop:
            (out / name).write_text(text)
    return out


def read_one(path: Path, year: int | None = 2018) -> CollectionYear:
    years = read_return([path], year=year)
    assert len(years) == 1, years
    return years[0]


def rules(problems) -> set[str]:
    return {p.rule for p in problems}


def only(problems, rule: str):
    """The problems of one rule."""
    return [p for p in problems if p.rule == rule]
