"""The figures the renderers read, the drill-down behind each, and the sections (no database)."""

from datetime import date

import pytest

from iro_tracker.reporting import blocks, charts
from iro_tracker.reporting.document import age_by_sex, children_behind, report_data
from iro_tracker.reporting.sections import SECTION_KEYS, SECTIONS, build_sections
from iro_tracker.reporting.tests.factories import by_hand_snapshot
from iro_tracker.rules.metrics import annual_report
from iro_tracker.rules.metrics.tests.synthetic import synthetic_snapshot

SNAPSHOT = by_hand_snapshot("1", "2")


@pytest.fixture(scope="module")
def synthetic():
    return synthetic_snapshot(600, seed=3)


def test_age_by_sex_adds_up_to_the_age_and_sex_tables(synthetic):
    report = annual_report(synthetic, 2018)
    table = age_by_sex(synthetic, 2018)
    for band, cells in table.items():
        assert sum(cells.values()) == report["age_at_year_end"][band]
    for sex in ("male", "female"):
        assert sum(cells[sex] for cells in table.values()) == report["sex_at_year_end"][sex]


def test_every_count_shown_drills_down_to_as_many_children(synthetic):
    """Each linked child-level count lists exactly that many children."""
    data = report_data(synthetic, 2018)
    checked = 0
    for section in build_sections(data):
        for table in section.tables:
            for row in table.rows:
                for c in row.cells:
                    if c.drill and c.year == 2018 and _counts_children(c.drill):
                        assert len(children_behind(synthetic, 2018, c.drill)) == int(
                            c.text.replace(",", "")
                        ), c.drill
                        checked += 1
    assert checked > 40


def _counts_children(key: str) -> bool:
    # Reviews and periods of care can count a child twice; everything else counts children.
    return not key.startswith(
        (
            "reviews.",
            "participation.",
            "service.reviews_chaired",
            "ceased.",
            "groups.leaving",
            "children_looked_after.ceased_in_year",
            "short_breaks.reviews",
        )
    )


def test_group_and_cross_tab_drilldowns():
    assert children_behind(SNAPSHOT, 2018, "groups.placements.foster") == [
        f"A{n:02d}" for n in range(10)
    ] + ["B02"]
    assert children_behind(SNAPSHOT, 2018, "groups.placements.homes_hostels") == ["B04"]
    assert children_behind(SNAPSHOT, 2018, "groups.placements.health") == []
    assert children_behind(SNAPSHOT, 2018, "groups.leaving.adult") == ["L01"]
    assert children_behind(SNAPSHOT, 2018, "age_by_sex.under_1.female") == ["B03"]
    for bad in (
        "groups.placements.nope",
        "groups.nope.foster",
        "age_by_sex.old.male",
        "children_looked_after.net_change",
        "year",
    ):
        with pytest.raises(KeyError):
            children_behind(SNAPSHOT, 2018, bad)


def test_groups_are_added_up_before_suppression():
    data = report_data(SNAPSHOT, 2018, suppress_below=5)
    current = data["current"]
    assert current["children_looked_after"]["uasc_at_year_end"] == "<5"
    assert current["children_looked_after"]["at_year_end"] == 14
    # Foster: 10 x U4 and 1 x U6 (a "<5" cell on its own) add up to 11.
    assert current["placements_at_year_end"]["U6"] == "<5"
    assert current["groups"]["placements"]["foster"] == 11
    assert current["groups"]["placements"]["parents"] == 0
    assert current["age_by_sex"]["under_1"]["female"] == "<5"
    assert data["suppressed_below"] == 5


def test_sections_follow_the_seed_report_and_read_suppressed_figures():
    sections = build_sections(report_data(SNAPSHOT, 2018, suppress_below=5), {"service": "Text"})
    assert [s.key for s in sections] == list(SECTION_KEYS)
    assert [s.title for s in sections] == [s.title for s in SECTIONS]
    population = next(s for s in sections if s.key == "population")
    assert "including fewer than 5 unaccompanied asylum-seeking children" in " ".join(
        population.summary
    )
    rows = {r.label: r for t in population.tables for r in t.rows}
    assert rows["Unaccompanied asylum-seeking children on 31 March"].cells[0].text == "<5"
    # The published version has no code-level tables, which would reveal cells by subtraction.
    assert not [t for s in sections for t in s.tables if "SSDA903 code" in t.caption]
    assert next(s for s in sections if s.key == "service").narrative == "Text"
    for section in sections:
        for chart in section.charts:
            assert chart.spec.description


def test_the_officers_version_has_the_code_tables():
    sections = build_sections(report_data(SNAPSHOT, 2018))
    captions = [t.caption for s in sections for t in s.tables]
    assert "Placements at 31 March by SSDA903 code" in captions
    assert "Ethnicity at 31 March by SSDA903 code" in captions


def test_sections_without_records_say_so():
    sections = {s.key: s for s in build_sections(report_data(SNAPSHOT, 2018))}
    notes = [b.text for b in sections["health"].blocks if b.kind == "note"]
    assert notes == ["Health assessments are not recorded for these years."]
    for key in (
        "child_protection",
        "quality_assurance",
        "issues_resolution",
        "education",
        "legal_proceedings",
        "placement_stability",
    ):
        assert [b.kind for b in sections[key].blocks] == ["note"], key
        assert not sections[key].summary
    # Short breaks are counted from the 903 episodes, so that section always has figures.
    assert sections["short_breaks"].tables


def test_figures_from_other_features_are_shown_when_present():
    data = report_data(SNAPSHOT, 2018)
    data["current"]["health"] = {
        "iha_within_20_working_days": 8,
        "iha_within_20_working_days_percent": 61.5,
    }
    health = {s.key: s for s in build_sections(data)}["health"]
    rows = {r.label: (r.cells[0].text, r.cells[1].text) for r in health.tables[0].rows}
    assert rows["Completed within 20 working days"] == ("8", "–")
    assert rows["Within 20 working days (%)"] == ("61.5%", "–")
    assert rows["Refused"] == ("–", "–")  # a figure the feature did not give
    assert health.summary[0].startswith("61.5% (2017-18: –) of children")


@pytest.mark.parametrize(
    "value,count,percent",
    [
        (1204, "1,204", "1204.0%"),  # a count keeps its thousands separator
        ("<5", "<5", "<5"),
        (None, "–", "–"),
        ("c", "c", "c"),
        (94.55, "94.55", "94.6%"),  # to 1 dp, half up as people round
    ],
)
def test_how_figures_are_written(value, count, percent):
    assert blocks.count(value) == count
    assert blocks.percent(value) == percent


def test_signed_and_words():
    assert (blocks.signed(4), blocks.signed(-12), blocks.signed(0)) == ("+4", "-12", "0")
    assert blocks.in_words("<5") == "fewer than 5"
    assert blocks.year_label(2018) == "2018-19"
    assert blocks.year_label(1999) == "1999-00"
    assert blocks.long_date(date(2019, 3, 31)) == "31 March 2019"


def test_charts_are_deterministic_accessible_and_leave_out_suppressed_values():
    spec = blocks.ChartSpec(
        "t",
        "hbar",
        "Late <reviews>",
        ("A", "B"),
        (("2018-19", (3.0, None)), ("2017-18", (1.0, 2.0))),
        "Bar chart & more. Suppressed values (below 5) are not plotted.",
    )
    first = charts.svg(spec)
    charts.svg.cache_clear()
    assert charts.svg(spec) == first
    assert first.startswith("<svg") and 'role="img"' in first
    assert '<title id="chart-t-title">Late &lt;reviews&gt;</title>' in first
    assert "Bar chart &amp; more." in first
    assert "Date" not in first and "Matplotlib v" not in first
    assert first.count('id="chart-t-') == len(set(_ids(first)))  # every id prefixed, none twice
    assert charts.png(spec)[:8] == b"\x89PNG\r\n\x1a\n"
    for kind in ("bar", "line"):
        charts.svg(blocks.ChartSpec("k" + kind, kind, "T", ("A", "B"), (("x", (1.0, None)),), "d"))


def _ids(svg: str) -> list[str]:
    import re

    return re.findall(r'\bid="([^"]+)"', svg)
