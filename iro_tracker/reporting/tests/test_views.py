"""The report pages: who sees which version, drill-down lists, narratives and population."""

import re

import pytest
from django.urls import reverse

from iro_tracker.audit.models import AccessLog
from iro_tracker.reporting.models import PopulationEstimate, ReportNarrative
from iro_tracker.reporting.tests.factories import small_authority

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

ROLES = ["allocated_iro", "other_iro", "manager", "support", "panel"]
ALL = set(ROLES)
YEAR = 2018

# (name, url, method, roles allowed). Every other role gets 403.
MATRIX = [
    ("index", reverse("reporting:index"), "get", ALL),
    ("report", reverse("reporting:report", args=[YEAR]), "get", ALL),
    ("pdf", reverse("reporting:pdf", args=[YEAR]), "get", ALL),
    ("docx", reverse("reporting:docx", args=[YEAR]), "get", ALL),
    ("children", reverse("reporting:children", args=[YEAR, "reviews.late"]), "get", {"manager"}),
    ("narrative", reverse("reporting:narrative", args=[YEAR, "service"]), "get", {"manager"}),
    ("narrative post", reverse("reporting:narrative", args=[YEAR, "service"]), "post", {"manager"}),
    ("population", reverse("reporting:population", args=[YEAR]), "get", {"manager"}),
    ("population post", reverse("reporting:population", args=[YEAR]), "post", {"manager"}),
]
POSTS = {"narrative post": {"text": "Written."}, "population post": {"population_0_17": "107000"}}


@pytest.fixture
def frozen_today():
    import time_machine

    with time_machine.travel("2019-07-01 09:00 +0100", tick=False):
        yield


@pytest.fixture
def authority(db):
    return small_authority()


@pytest.fixture(autouse=True)
def cheap_documents(monkeypatch):
    """PDF and Word are rendered by their own tests; here only who may download matters."""
    from iro_tracker.reporting import views

    monkeypatch.setattr(views, "render_pdf", lambda data, narratives, authority: b"%PDF-")
    monkeypatch.setattr(views, "render_docx", lambda data, narratives, authority: b"PK")


@pytest.mark.parametrize("name,url,method,allowed", MATRIX, ids=[m[0] for m in MATRIX])
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, personas, authority, role, name, url, method, allowed):
    client.force_login(personas[role])
    response = getattr(client, method)(url, POSTS.get(name, {}))
    if role in allowed:
        assert response.status_code in (200, 302), f"{role} should open {name}"
    else:
        assert response.status_code == 403, f"{role} must not open {name}"


@pytest.mark.parametrize("name,url,method,allowed", MATRIX, ids=[m[0] for m in MATRIX])
def test_anonymous_users_are_sent_to_sign_in(client, name, url, method, allowed):
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def _cell(html: str, label: str) -> str:
    """This year's cell of the row labelled ``label`` in the page's HTML."""
    row = re.search(re.escape(label) + r"</th>\s*<td[^>]*>(.*?)</td>", html, re.S)
    assert row, label
    return row.group(1)


def test_managers_see_every_figure_with_links_to_the_children(client, manager, authority):
    client.force_login(manager)
    html = client.get(reverse("reporting:report", args=[YEAR])).content.decode()
    uasc = _cell(html, "Unaccompanied asylum-seeking children on 31 March")
    link = reverse("reporting:children", args=[YEAR, "children_looked_after.uasc_at_year_end"])
    assert f'href="{link}"' in uasc and ">3<" in uasc
    assert "Officers&#x27; version" in html or "Officers' version" in html
    assert reverse("reporting:narrative", args=[YEAR, "service"]) in html
    assert reverse("reporting:population", args=[YEAR]) in html
    assert "<svg" in html and 'role="img"' in html


@pytest.mark.parametrize("role", ["panel", "other_iro", "support"])
def test_everyone_else_sees_the_published_version_without_links(client, personas, authority, role):
    client.force_login(personas[role])
    html = client.get(reverse("reporting:report", args=[YEAR])).content.decode()
    assert _cell(html, "Unaccompanied asylum-seeking children on 31 March") == "&lt;5"
    assert "/reports/annual/2018/children/" not in html
    assert "/narrative/" not in html and "/population/" not in html


def test_a_manager_can_preview_and_download_the_published_version(client, manager, authority):
    client.force_login(manager)
    url = reverse("reporting:report", args=[YEAR]) + "?published=1"
    html = client.get(url).content.decode()
    assert _cell(html, "Unaccompanied asylum-seeking children on 31 March") == "&lt;5"
    assert "/reports/annual/2018/children/" not in html
    assert reverse("reporting:pdf", args=[YEAR]) + "?published=1" in html
    response = client.get(reverse("reporting:pdf", args=[YEAR]) + "?published=1")
    assert 'filename="iro-annual-report-2018-19-published.pdf"' in response["Content-Disposition"]
    response = client.get(reverse("reporting:docx", args=[YEAR]))
    assert 'filename="iro-annual-report-2018-19.docx"' in response["Content-Disposition"]


def test_the_report_page_runs_a_fixed_number_of_queries(
    client, manager, authority, django_assert_num_queries
):
    client.force_login(manager)
    # Session and user, the snapshot (6) and the features' rows (27: no outcome records here
    # to prefetch QA answers and letters for; reporting.snapshot.EXTRA_QUERIES_FIXED), the
    # population estimates, the narratives and the year's estimate for the settings panel:
    # the same however many children there are.
    with django_assert_num_queries(38):
        assert client.get(reverse("reporting:report", args=[YEAR])).status_code == 200


def test_the_drilldown_lists_as_many_children_as_the_figure_and_is_logged(
    client, manager, authority
):
    client.force_login(manager)
    key = "children_looked_after.uasc_at_year_end"
    response = client.get(reverse("reporting:children", args=[YEAR, key]))
    html = response.content.decode()
    listed = re.findall(r'href="/children/(\d+)/"', html)
    assert len(listed) == 3
    assert {int(pk) for pk in listed} == {
        authority["children"][c].pk for c in ("A00", "A01", "A02")
    }
    assert "The report shows <strong>3</strong>" in html
    entry = AccessLog.objects.get(action="list")
    assert (entry.user, entry.row_count) == (manager, 3)
    assert key in entry.detail


def test_a_group_lists_the_children_of_all_its_codes(client, manager, authority):
    client.force_login(manager)
    url = reverse("reporting:children", args=[YEAR, "groups.placements.foster"])
    html = client.get(url).content.decode()
    assert "Placements at 31 March: Foster placement" in html
    assert "The report shows <strong>11</strong>" in html  # 10 x U4 and B02 in U6
    assert len(re.findall(r'href="/children/(\d+)/"', html)) == 11


def test_a_review_count_says_children_are_listed_once(client, manager, authority):
    client.force_login(manager)
    html = client.get(reverse("reporting:children", args=[YEAR, "reviews.held"])).content.decode()
    assert "The report shows <strong>6</strong>" in html
    assert "Each child is listed once" in html


def test_unknown_figures_sections_and_years_are_not_found(client, manager, authority):
    client.force_login(manager)
    for url in (
        reverse("reporting:children", args=[YEAR, "year"]),
        reverse("reporting:children", args=[YEAR, "children_looked_after.net_change"]),
        reverse("reporting:narrative", args=[YEAR, "nonsense"]),
        reverse("reporting:report", args=[2030]),
        reverse("reporting:report", args=[1999]),
    ):
        assert client.get(url).status_code == 404, url


def test_a_narrative_is_saved_with_its_history_and_shown_as_text(client, manager, authority):
    client.force_login(manager)
    url = reverse("reporting:narrative", args=[YEAR, "reviews"])
    client.post(url, {"text": "First draft."})
    response = client.post(url, {"text": "Reviews were <script>alert(1)</script> on time."})
    assert response.status_code == 302
    assert response["Location"].endswith("#section-reviews")
    narrative = ReportNarrative.objects.get(year=YEAR, section="reviews")
    assert narrative.updated_by == manager
    assert [h.text for h in narrative.history.all()] == [
        "Reviews were <script>alert(1)</script> on time.",
        "First draft.",
    ]
    assert narrative.history.first().history_user == manager
    for version in ("", "?published=1"):
        html = client.get(reverse("reporting:report", args=[YEAR]) + version).content.decode()
        assert "Reviews were &lt;script&gt;alert(1)&lt;/script&gt; on time." in html
        assert "<script>alert(1)" not in html
    assert (
        "written by" in client.get(url).content.decode()
        or "changed by" in client.get(url).content.decode()
    )


def test_the_population_is_set_by_a_manager(client, manager, authority):
    client.force_login(manager)
    url = reverse("reporting:population", args=[YEAR])
    response = client.post(url, {"population_0_17": "abc"})
    assert "Population must be a whole number" in response.content.decode()
    client.post(url, {"population_0_17": "7000", "source": "ONS mid-2018"})
    estimate = PopulationEstimate.objects.get(year=YEAR)
    assert (estimate.population_0_17, estimate.updated_by) == (7000, manager)
    assert estimate.history.count() == 2  # created by the factory, then changed
    html = client.get(reverse("reporting:report", args=[YEAR])).content.decode()
    assert _cell(html, "Rate per 10,000 children aged 0 to 17") == "20"  # 14 / 7,000


def test_the_index_lists_every_year_with_data(client, panel, authority):
    client.force_login(panel)
    html = client.get(reverse("reporting:index")).content.decode()
    for year in ("2019-20", "2018-19", "2017-18", "2014-15"):
        assert f"IRO annual report {year}" in html
    assert "2013-14" not in html
