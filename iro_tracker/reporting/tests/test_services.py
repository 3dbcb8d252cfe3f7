"""Narratives and population estimates: saved through services, with history, in every format."""

import pytest
from django.core.exceptions import ValidationError

from iro_tracker.reporting import outputs
from iro_tracker.reporting.models import ReportNarrative
from iro_tracker.reporting.services import narratives_for, save_narrative, set_population
from iro_tracker.reporting.tests.factories import small_authority

pytestmark = pytest.mark.django_db


def test_a_narrative_keeps_its_history_and_an_unchanged_save_adds_none(manager):
    save_narrative(2018, "placements", "First.\r\n\r\nSecond.", manager)
    save_narrative(2018, "placements", "First.\n\nSecond.", manager)  # the same text
    save_narrative(2018, "placements", "Changed.", manager)
    narrative = ReportNarrative.objects.get()
    assert narrative.text == "Changed."
    assert [h.text for h in narrative.history.all()] == ["Changed.", "First.\n\nSecond."]
    assert {h.history_user for h in narrative.history.all()} == {manager}
    assert narratives_for(2018) == {"placements": "Changed."}
    assert narratives_for(2017) == {}


@pytest.mark.parametrize(
    "year,section,text,field",
    [
        (2018, "nonsense", "x", "section"),
        (1066, "service", "x", "year"),
        (2018, "service", "x" * 20_001, "text"),
    ],
)
def test_a_narrative_must_be_for_a_real_section_and_year(manager, year, section, text, field):
    with pytest.raises(ValidationError) as error:
        save_narrative(year, section, text, manager)
    assert field in error.value.message_dict


def test_population_is_validated_and_kept_with_history(manager):
    with pytest.raises(ValidationError):
        set_population(2018, 0, manager)
    set_population(2018, 107_000, manager, " ONS mid-2018 ")
    estimate = set_population(2018, 107_500, manager)
    assert (estimate.population_0_17, estimate.source) == (107_500, "")
    assert estimate.history.count() == 2


def test_saved_narratives_reach_every_format(manager, monkeypatch):
    small_authority()
    save_narrative(2018, "leaving_care", "Most young people <em>stayed put</em>.", manager)
    html = outputs.annual_document(2018, "html").decode()
    assert "Most young people &lt;em&gt;stayed put&lt;/em&gt;." in html
    seen = {}
    monkeypatch.setattr(
        outputs,
        "render_pdf",
        lambda data, narratives, authority: seen.setdefault("pdf", narratives) and b"",
    )
    monkeypatch.setattr(
        outputs,
        "render_docx",
        lambda data, narratives, authority: seen.setdefault("docx", narratives) and b"",
    )
    outputs.annual_document(2018, "pdf")
    outputs.annual_document(2018, "docx")
    assert seen["pdf"] == seen["docx"] == {"leaving_care": "Most young people <em>stayed put</em>."}
