"""The scene shared by the tests that visit every URL of the project."""

import pytest
import time_machine

from iro_tracker.tests import scene as sc


@pytest.fixture
def built(client, personas, child, tmp_path, monkeypatch):
    """Every kind of object a URL can name, around ``child`` (which a test module may
    override), at ``scene.TODAY``."""
    from iro_tracker.reporting import views

    # PDF and Word rendering have their own tests; here only who may reach them matters.
    monkeypatch.setattr(views, "render_pdf", lambda data, narratives, authority: b"%PDF-")
    monkeypatch.setattr(views, "render_docx", lambda data, narratives, authority: b"PK")
    with time_machine.travel(sc.TODAY, tick=False):
        yield sc.build(personas, child, tmp_path)
