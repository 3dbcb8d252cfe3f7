"""The upload pages: who may open them, upload -> preview -> confirm, the problems CSV, the
data-quality page (with a pinned query count) and the findings on a child's record."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from iro_tracker.audit.models import AccessLog
from iro_tracker.children.models import Child
from iro_tracker.ssda903.loader import load_903
from iro_tracker.ssda903.models import Finding, ImportRun
from iro_tracker.ssda903.tests.test_loader import YEAR_2018, write_return

pytestmark = pytest.mark.django_db

ROLES = ["allocated_iro", "other_iro", "manager", "support", "panel"]
IMPORTERS = {"manager", "support"}
STAFF = set(ROLES) - {"panel"}
# (name, method, url builder, roles allowed). Anyone else gets 403; anonymous users sign in.
MATRIX = [
    ("imports", "get", lambda run: reverse("ssda903:list"), IMPORTERS),
    ("upload", "get", lambda run: reverse("ssda903:new"), IMPORTERS),
    ("upload (post)", "post", lambda run: reverse("ssda903:new"), IMPORTERS),
    ("run", "get", lambda run: reverse("ssda903:detail", args=[run.pk]), IMPORTERS),
    ("confirm", "post", lambda run: reverse("ssda903:confirm", args=[run.pk]), IMPORTERS),
    ("problems csv", "get", lambda run: reverse("ssda903:problems_csv", args=[run.pk]), IMPORTERS),
    ("data quality", "get", lambda run: reverse("ssda903:quality"), STAFF),
]
OK = {"get": 200, "post": {200, 302}}


@pytest.fixture(autouse=True)
def private_uploads(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"  # uploaded files go here, not to the real var/


@pytest.fixture
def return_2018(tmp_path) -> Path:
    # B1 aged 8 reviewed with PN0 (rule 440): one finding to see on the child's record.
    reviews = ["B1,01/01/2010,20/06/2018,PN0", *YEAR_2018["reviews"][1:]]
    return write_return(tmp_path / "y2018", YEAR_2018, reviews=reviews)


@pytest.fixture
def run(manager, return_2018):
    return load_903([return_2018], user=manager, year=2018).run


def uploads(folder: Path) -> list[SimpleUploadedFile]:
    return [
        SimpleUploadedFile(p.name, p.read_bytes(), "text/csv") for p in sorted(folder.iterdir())
    ]


@pytest.mark.parametrize("name,method,url,allowed", MATRIX, ids=[m[0] for m in MATRIX])
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, personas, run, role, name, method, url, allowed):
    client.force_login(personas[role])
    response = getattr(client, method)(url(run))
    if role in allowed:
        expected = OK[method]
        assert response.status_code in (expected if isinstance(expected, set) else {expected})
    else:
        assert response.status_code == 403, f"{role} must not open {name}"


@pytest.mark.parametrize("name,method,url,allowed", MATRIX, ids=[m[0] for m in MATRIX])
def test_anonymous_users_are_sent_to_sign_in(client, run, name, method, url, allowed):
    response = getattr(client, method)(url(run))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_upload_previews_then_confirm_imports(client, support, return_2018):
    client.force_login(support)
    response = client.post(reverse("ssda903:new"), {"files": uploads(return_2018), "year": "2018"})
    preview = ImportRun.objects.get()
    assert response["Location"] == reverse("ssda903:detail", args=[preview.pk])
    assert (preview.status, preview.via, preview.user) == ("previewed", "web", support)
    assert not Child.objects.exists()
    page = client.get(response["Location"])
    assert b"Check what this import would change" in page.content
    assert b"Confirm import" in page.content
    assert page.context["counts"][0] == {
        "label": "Children", "added": 2, "changed": 0, "unchanged": 0, "kept": 0,
    }  # fmt: skip
    response = client.post(reverse("ssda903:confirm", args=[preview.pk]))
    applied = ImportRun.objects.get(status="applied")
    assert response["Location"] == reverse("ssda903:detail", args=[applied.pk])
    assert applied.preview == preview and Child.objects.count() == 2
    assert not Path(preview.upload_dir).exists()  # the uploaded files are gone
    page = client.get(response["Location"])
    assert b"Imported" in page.content and b"440" in page.content
    # A second confirmation of the same preview is refused.
    client.post(reverse("ssda903:confirm", args=[preview.pk]))
    assert ImportRun.objects.filter(status="applied").count() == 1


def test_confirm_refuses_files_changed_since_the_preview(client, manager, return_2018):
    client.force_login(manager)
    client.post(reverse("ssda903:new"), {"files": uploads(return_2018), "year": "2018"})
    preview = ImportRun.objects.get()
    stored = Path(preview.upload_dir) / "header.csv"
    stored.write_text(stored.read_text().replace("WBRI", "WIRI"))
    response = client.post(reverse("ssda903:confirm", args=[preview.pk]), follow=True)
    assert b"header.csv has changed since the preview" in response.content
    assert not Child.objects.exists() and ImportRun.objects.count() == 1


def test_an_upload_with_errors_lists_them_and_keeps_no_files(client, manager, tmp_path):
    bad = write_return(tmp_path / "bad", YEAR_2018, episodes=["B1,1/6/18,S,C2,N1,U4,PR1,,,,,,"])
    client.force_login(manager)
    response = client.post(reverse("ssda903:new"), {"files": uploads(bad)}, follow=True)
    run = ImportRun.objects.get()
    assert run.status == "failed" and run.upload_dir == ""
    content = response.content.decode()
    assert "Import refused: nothing was changed" in content
    assert "episodes.csv" in content and "1/6/18" in content and "E-DATE" in content
    assert b"Confirm import" not in response.content


def test_the_upload_form_explains_its_errors(client, manager):
    client.force_login(manager)
    response = client.post(reverse("ssda903:new"), {"year": "18"})
    assert response.status_code == 200
    assert b"Choose the 903 files to import" in response.content
    assert b"Collection year must be 1991 or later" in response.content
    bad = SimpleUploadedFile("returns.xlsx", b"PK...", "application/octet-stream")
    response = client.post(reverse("ssda903:new"), {"files": [bad]})
    assert b"returns.xlsx is not a CSV or XML file" in response.content


def test_the_problems_csv_is_logged(client, manager, run):
    client.force_login(manager)
    response = client.get(reverse("ssda903:problems_csv", args=[run.pk]))
    lines = response.content.decode().splitlines()
    assert lines[0] == "file,row,column,value,rule,severity,message,child"
    assert any(",440,finding," in line for line in lines)
    entry = AccessLog.objects.get(action="export")
    assert (entry.user, entry.row_count) == (manager, len(lines) - 1)


def test_the_data_quality_page_lists_findings_by_rule_with_their_children(client, manager, run):
    client.force_login(manager)
    response = client.get(reverse("ssda903:quality"))
    assert [(r["rule"], r["count"], r["children"]) for r in response.context["by_rule"]] == [
        ("440", 1, 1)
    ]
    child = Child.objects.get(local_id="B1")
    assert reverse("children:detail", args=[child.pk]).encode() in response.content
    filtered = client.get(reverse("ssda903:quality"), {"rule": "440"})
    assert [f.child for f in filtered.context["page"]] == [child]


def test_the_data_quality_page_query_count_does_not_grow(
    client, manager, run, tmp_path, django_assert_max_num_queries
):
    client.force_login(manager)
    with django_assert_max_num_queries(10):
        client.get(reverse("ssda903:quality"))
    many = [f"K{i},1,01/01/2010,WBRI,,," for i in range(60)]
    folder = write_return(tmp_path / "many", {"header": many, "episodes": [], "reviews": []})
    load_903([folder], user=manager, year=2019)  # 60 children with SEX 1 in 2019: fine
    folder = write_return(
        tmp_path / "bad", {"header": [r.replace(",1,", ",X,") for r in many], "episodes": [],
                           "reviews": []},
    )  # fmt: skip
    load_903([folder], user=manager, year=2019)
    assert Finding.objects.current().filter(rule="101").count() == 60
    with django_assert_max_num_queries(10):
        response = client.get(reverse("ssda903:quality"))
    assert len(response.context["page"]) == 61


def test_the_child_record_shows_the_childs_findings(client, manager, run):
    client.force_login(manager)
    child = Child.objects.get(local_id="B1")
    response = client.get(reverse("children:detail", args=[child.pk]))
    assert b"Data-quality findings from the 903 return" in response.content
    (finding,) = response.context["ssda903_findings"]
    assert (finding.rule, finding.where) == ("440", "reviews.csv row 2")
    other = Child.objects.get(local_id="B2")
    response = client.get(reverse("children:detail", args=[other.pk]))
    assert b"Data-quality findings" not in response.content
