"""Every URL for every role, built from the URL resolver so no page can be left out.

Each row of ``EXPECTED`` gives, for allocated_iro, other_iro, manager, support and panel:
``200``; ``403``; ``404``; ``J`` (a chair outside their caseload is asked for a reason first:
a redirect to the break-glass form); ``R`` (another redirect); ``ok`` for a POST-only URL that
the role may use (anything but 403); for POST-only rows the role is POSTed, others GET.
Anonymous users are sent to sign in everywhere but the sign-in pages and the calendar feed.
"""

import pytest
import time_machine
from django.urls import reverse

from iro_tracker.accounts import access
from iro_tracker.conftest import make_user
from iro_tracker.reviews.models import Status
from iro_tracker.tests import scene as sc
from iro_tracker.tests.urlmap import URLS, url_names

pytestmark = pytest.mark.django_db

ROLES = ["allocated_iro", "other_iro", "manager", "support", "panel"]
POST_ONLY = {
    "accounts:backup_codes",
    "accounts:logout",
    "outcomes:letter_create",
    "outcomes:letter_finalise",
    "outcomes:letter_revise",
    "ssda903:confirm",
}
# Pages anyone may open without signing in (the feed authenticates by its secret token).
PUBLIC = {"accounts:login", "accounts:logout", "workqueue:feed"}

EXPECTED = {
    # Signing in and your own account: every signed-in user.
    "accounts:home": "R R R R R",
    "accounts:login": "200 200 200 200 200",
    "accounts:logout": "ok ok ok ok ok",
    "accounts:profile": "200 200 200 200 200",
    "accounts:password_change": "200 200 200 200 200",
    "accounts:two_factor_setup": "200 200 200 200 200",
    "accounts:two_factor_verify": "R R R R R",  # no device yet: sent to set one up
    "accounts:backup_codes": "ok ok ok ok ok",  # not verified: sent to enter a code
    # Break glass: only chairs are ever asked; their own child needs no reason.
    "audit:justify": "R 200 403 403 403",
    # Children and reviews.
    "children:list": "200 200 200 200 403",
    "children:detail": "200 J 200 200 403",
    "children:allocate": "403 403 200 403 403",
    "reviews:caseload": "200 200 403 403 403",
    "reviews:due": "200 200 200 200 403",
    "reviews:summary": "200 200 200 200 200",
    "reviews:record": "200 403 200 403 403",
    "reviews:complete": "403 403 403 403 403",  # the scene's pending review is not adjourned
    "reviews:schedule": "200 403 200 200 403",
    "reviews:adjourn": "200 403 200 403 403",
    # SSDA903 imports: business support and managers.
    "ssda903:list": "403 403 200 200 403",
    "ssda903:new": "403 403 200 200 403",
    "ssda903:quality": "200 200 200 200 403",
    "ssda903:detail": "403 403 200 200 403",
    "ssda903:confirm": "403 403 ok ok 403",
    "ssda903:problems_csv": "403 403 200 200 403",
    # The annual report: published for all, the officers' working pages for managers.
    "reporting:index": "200 200 200 200 200",
    "reporting:pdf": "200 200 200 200 200",
    "reporting:docx": "200 200 200 200 200",
    "reporting:children": "403 403 200 403 403",
    "reporting:narrative": "403 403 200 403 403",
    "reporting:population": "403 403 200 403 403",
    # Health, education, legal status, placements.
    "health:overview": "200 200 200 200 403",
    "health:iha": "200 403 200 200 403",
    "health:assessment": "200 403 200 200 403",
    "health:dental": "200 403 200 200 403",
    "health:immunisations": "200 403 200 200 403",
    "health:sdq": "200 403 200 200 403",
    "education:pep": "200 403 200 200 403",
    "education:judge": "200 403 200 403 403",
    "education:contact": "200 403 200 200 403",
    "court:list": "200 200 200 200 403",
    "court:edit": "200 403 200 403 403",
    "court:new": "200 403 200 403 403",
    "court:watch": "200 200 200 200 403",
    "court:discuss": "200 403 200 403 403",
    "stability:overview": "200 200 200 200 403",
    "stability:short_breaks": "200 200 200 200 403",
    "stability:disability": "200 403 200 403 403",
    # Review outcomes and letters: read by staff (chairs outside their caseload after a
    # reason), changed by the child's IRO and managers.
    "outcomes:record": "200 J 200 200 403",
    "outcomes:meeting": "200 403 200 403 403",
    "outcomes:add_decision": "200 403 200 403 403",
    "outcomes:quality": "200 403 200 403 403",
    "outcomes:circulation": "200 403 200 403 403",
    "outcomes:document": "200 J 200 200 403",
    "outcomes:decision": "200 403 200 403 403",
    "outcomes:letter": "200 J 200 200 403",
    "outcomes:letter_create": "ok 403 ok 403 403",
    "outcomes:letter_edit": "200 403 200 403 403",
    "outcomes:letter_finalise": "ok 403 ok 403 403",
    "outcomes:letter_revise": "ok 403 ok 403 403",
    "outcomes:letter_sent": "R 403 R 403 403",
    "outcomes:letter_download": "200 J 200 200 403",
    # Child protection.
    "conferences:record": "200 403 200 403 403",
    "conferences:strategy": "403 403 200 200 403",
    "conferences:detail": "200 J 200 200 403",
    "conferences:amend": "200 403 200 403 403",
    "conferences:core_group": "200 403 200 200 403",
    "conferences:close_enquiry": "403 403 200 200 403",
    # Caseloads, dashboard, issues, work queue.
    "caseloads:list": "200 200 200 200 403",
    "caseloads:chair": "200 403 200 200 403",
    "caseloads:suggest": "403 403 200 403 403",
    "dashboard:home": "200 200 200 200 403",
    "dashboard:list": "200 200 200 200 403",
    "disputes:index": "200 200 200 200 403",
    "disputes:detail": "200 J 200 200 403",
    "disputes:escalate": "200 403 200 403 403",
    "disputes:respond": "200 403 200 403 403",
    "disputes:resolve": "200 403 200 403 403",
    "disputes:cafcass": "200 403 200 403 403",
    "disputes:action": "200 403 200 403 403",
    "disputes:raise": "200 403 200 403 403",
    "disputes:midway": "200 403 200 403 403",
    "disputes:contact": "200 403 200 403 403",
    "disputes:oversight": "200 200 200 403 403",
    "disputes:documents": "200 200 200 200 403",
    "workqueue:index": "403 403 200 200 403",
    "workqueue:invitation": "200 403 200 200 403",
    "workqueue:calendar": "200 200 403 403 403",
    "workqueue:feed": "200 200 200 200 200",  # the token decides, not the session
}
# The published report (small numbers suppressed) for everyone but managers: checked separately
# with a suppressed monthly figure, which once broke the chart's text alternative.
PUBLISHED = {"reporting:report": "200 200 200 200 200"}


def test_every_url_in_the_project_is_in_the_matrix():
    names = url_names()
    missing = sorted(names - set(EXPECTED) - set(PUBLISHED))
    assert not missing, f"Add these pages to the permission matrix: {missing}"
    assert set(URLS) == names, sorted(set(URLS) ^ names)
    assert not set(EXPECTED) - names, "Rows for pages that no longer exist"


def _outcome(client, name, url, role_is_posting):
    response = client.post(url) if role_is_posting else client.get(url)
    code = response.status_code
    if code == 302:
        where = response["Location"]
        return "J" if where.startswith("/access/") else "R"
    return str(code) if code in (200, 403, 404) else f"HTTP {code}"


def _check_role(client, personas, built, role, rows):
    client.force_login(personas[role])
    column = ROLES.index(role)
    wrong = []
    # GETs first: the POST-only rows change the scene (a letter finalised, a user signed out).
    for name, expected_row in sorted(rows.items(), key=lambda item: (item[0] in POST_ONLY, item)):
        expected = expected_row.split()[column]
        url = URLS[name](built)
        got = _outcome(client, name, url, name in POST_ONLY)
        if name in POST_ONLY:
            client.force_login(personas[role])  # signing out ends the session
        if expected == "ok":
            good = got != "403" and not got.startswith("HTTP 5")
        else:
            good = got == expected
        if not good:
            wrong.append(f"{name} {url}: expected {expected}, got {got}")
    return wrong


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, personas, built, role):
    client.raise_request_exception = False
    with time_machine.travel(sc.TODAY, tick=False):
        wrong = _check_role(client, personas, built, role, EXPECTED)
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("role", ["allocated_iro", "support", "panel"])
def test_published_report_for_every_role(client, personas, built, role):
    client.raise_request_exception = False
    with time_machine.travel(sc.TODAY, tick=False):
        wrong = _check_role(client, personas, built, role, PUBLISHED)
    assert not wrong, "\n".join(wrong)


def test_managers_open_the_officers_report(client, manager, built):
    with time_machine.travel(sc.TODAY, tick=False):
        client.force_login(manager)
        assert client.get(URLS["reporting:report"](built)).status_code == 200


def test_anonymous_users_are_sent_to_sign_in_everywhere(client, built):
    wrong = []
    with time_machine.travel(sc.TODAY, tick=False):
        for name, build in sorted(URLS.items()):
            if name in PUBLIC:
                continue
            url = build(built)
            response = client.post(url) if name in POST_ONLY else client.get(url)
            location = response.get("Location", "")
            if response.status_code != 302 or not location.startswith(reverse("accounts:login")):
                wrong.append(f"{name}: {response.status_code} {location}")
    assert not wrong, "\n".join(wrong)


# --- object-level cases ------------------------------------------------------------------------


@pytest.fixture
def pending_review(child):
    return child.reviews.get(status__in=[Status.DUE, Status.SCHEDULED])


@pytest.mark.parametrize("role", ["allocated_iro", "manager", "support"])
def test_a_guessed_child_id_is_not_found(client, personas, child, role):
    client.force_login(personas[role])
    assert client.get(reverse("children:detail", args=[child.pk + 1000])).status_code == 404


def test_a_guessed_review_id_is_not_found(client, allocated_iro, pending_review):
    client.force_login(allocated_iro)
    url = reverse("reviews:record", args=[pending_review.pk + 1000])
    assert client.get(url).status_code == 404


def test_read_only_user_gets_403_even_for_a_guessed_id(client, panel, child):
    client.force_login(panel)
    assert client.get(reverse("children:detail", args=[child.pk + 1000])).status_code == 403
    assert client.get(reverse("children:detail", args=[child.pk])).status_code == 403


# Pages that look an object up by id, for roles that may never open them: the role is checked
# first, so the answer is 403 whether or not the id exists.
GUESSES = [
    ("education:judge", lambda s: s.pep.pk),
    ("court:edit", lambda s: s.proceedings.pk),
    ("outcomes:decision", lambda s: s.decision.pk),
    ("outcomes:letter_edit", lambda s: s.letter.pk),
    ("disputes:escalate", lambda s: s.issue.pk),
    ("children:allocate", lambda s: s.child.pk),
    ("reviews:record", lambda s: s.pending.pk),
]


@pytest.mark.parametrize("role", ["panel", "support"])
@pytest.mark.parametrize(("name", "existing"), GUESSES, ids=[g[0] for g in GUESSES])
def test_a_role_that_may_never_open_a_page_gets_403_for_any_id(
    client, personas, built, role, name, existing
):
    """404 for an unknown id would tell a user who may never open the page which ids exist."""
    client.force_login(personas[role])
    pk = existing(built)
    with time_machine.travel(sc.TODAY, tick=False):
        assert client.get(reverse(name, args=[pk])).status_code == 403
        assert client.get(reverse(name, args=[pk + 10_000])).status_code == 403


def test_a_chair_who_may_judge_peps_still_gets_404_for_an_unknown_pep(client, other_iro, built):
    client.force_login(other_iro)
    pep = built.pep.pk
    with time_machine.travel(sc.TODAY, tick=False):
        assert client.get(reverse("education:judge", args=[pep])).status_code == 403  # not theirs
        assert client.get(reverse("education:judge", args=[pep + 10_000])).status_code == 404


def test_may_answers_for_the_role_before_the_child():
    roles = {
        "chair": make_user("chair_x", "chair", is_iro=True),
        "manager": make_user("manager_x", "manager"),
        "business_support": make_user("support_x", "business_support"),
        "read_only": make_user("panel_x", "read_only"),
    }
    expected = {  # VIEW, SCHEDULE, RECORD, ALLOCATE
        "chair": (True, True, True, False),
        "manager": (True, True, True, True),
        "business_support": (True, True, False, False),
        "read_only": (False, False, False, False),
    }
    actions = (access.VIEW, access.SCHEDULE, access.RECORD, access.ALLOCATE)
    for role, user in roles.items():
        assert tuple(access.may(user, a) for a in actions) == expected[role], role


def test_another_iro_cannot_record_a_review_by_posting(client, other_iro, child, pending_review):
    client.force_login(other_iro)
    response = client.post(
        reverse("reviews:record", args=[pending_review.pk]),
        {
            "held_date_0": "10",
            "held_date_1": "1",
            "held_date_2": "2019",
            "participation": "PN1",
            "chair": other_iro.pk,
        },
    )
    assert response.status_code == 403
    pending_review.refresh_from_db()
    assert pending_review.status == Status.DUE


def test_a_reason_lets_another_iro_read_but_never_change(client, other_iro, child, pending_review):
    from iro_tracker.audit.services import grant_access

    grant_access(other_iro, child, reason="Covering Ada's review on Thursday", path="/")
    client.force_login(other_iro)
    assert client.get(reverse("children:detail", args=[child.pk])).status_code == 200
    assert client.get(reverse("reviews:record", args=[pending_review.pk])).status_code == 403
    assert client.get(reverse("children:allocate", args=[child.pk])).status_code == 403


def test_home_sends_each_role_to_its_first_page(client, personas):
    expected = {
        "allocated_iro": reverse("reviews:caseload"),
        "manager": reverse("reviews:due"),
        "support": reverse("reviews:due"),
        "panel": reverse("reviews:summary"),
    }
    for role, target in expected.items():
        client.force_login(personas[role])
        assert client.get("/")["Location"] == target


def test_opening_a_child_record_is_logged(client, manager, child):
    client.force_login(manager)
    client.get(reverse("children:detail", args=[child.pk]))
    entry = child.access_log.get()
    assert (entry.user, entry.action) == (manager, "view")


def test_csv_download_is_managers_only_and_logged_with_its_row_count(
    client, manager, support, allocated_iro, child
):
    for user in (support, allocated_iro):
        client.force_login(user)
        assert client.get(reverse("reviews:due") + "?format=csv").status_code == 403
    client.force_login(manager)
    response = client.get(reverse("reviews:due") + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert b"Alex Smith" in response.content
    entry = manager.access_log.get(action="export")
    assert entry.row_count == 1
    assert entry.at is not None
