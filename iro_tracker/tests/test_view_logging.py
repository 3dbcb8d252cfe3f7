"""Every page that shows a child's details writes a view of the child to the access log.

Children's data is special-category: opening any page about one child (their record, or a form
that shows who they are) is a view of their record and must be in the access log (issue 8).
This test visits every URL of the project that takes a parameter, built from the URL resolver
(``urlmap``) for the test scene, whose child has a name and local ID found nowhere else. Every
response that shows the child must have written an entry for that child in that request:

* ``view`` for pages (``log_child_view``);
* ``export`` for the downloads in ``EXPORTS`` (``outcomes.views.download`` logs them);
* ``list`` (with no child) for the lists of many children in ``LISTS``.

A page that answers 200 without showing the child must be in ``NOT_ABOUT_THE_CHILD`` with the
reason, so that a page that starts showing a child, or a scene that stops reaching a page, fails
here rather than going unchecked.
"""

from datetime import date

import pytest
import time_machine
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from iro_tracker.audit.models import AccessLog, Action
from iro_tracker.conftest import add_episode, make_child
from iro_tracker.tests import scene as sc
from iro_tracker.tests.test_permission_matrix import POST_ONLY
from iro_tracker.tests.urlmap import SKIP_NAMESPACES, URLS

pytestmark = pytest.mark.django_db

FIRST, LAST = "Peregrina", "Quillfeather-Ostrander"
LOCAL_ID = "QF-4471"
ROLES = ["allocated_iro", "manager", "support"]

# Downloads of the child's data: logged as exports of the child, with the file's row count.
EXPORTS = {"outcomes:document", "outcomes:letter_download"}
# Lists of many children, logged once as a list (``Action.LIST``) rather than per child.
LISTS = {"reporting:children"}
# Pages that show many children, or none, and are not logged per child, with the reason.
NOT_ABOUT_THE_CHILD = {
    "caseloads:chair": "one chair's caseload and meetings: a list of many children",
    "conferences:amend": "the conference's kind, date and quorum only, no child",
    "dashboard:list": "the children behind a figure: a list of many children",
    "reporting:docx": "the annual report: figures, no child",
    "reporting:narrative": "a section's narrative text: no child",
    "reporting:pdf": "the annual report: figures, no child",
    "reporting:population": "the population estimate: no child",
    "reporting:report": "the annual report: figures, no child",
    "ssda903:detail": "an import run: its problems list rows of many children",
    "ssda903:problems_csv": "an import's problems, by 903 reference: a list of many children",
    "workqueue:feed": "the IRO's calendar, logged as an export of their meetings",
}


def _parameterised_names() -> set[str]:
    """The URL names whose route takes a parameter (an object id, a year, a key, a token)."""
    names: set[str] = set()

    def walk(patterns, namespace, inherited):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = entry.namespace or namespace
                if ns in SKIP_NAMESPACES:
                    continue
                walk(entry.url_patterns, ns, inherited or bool(entry.pattern.converters))
            elif isinstance(entry, URLPattern) and entry.name:
                if inherited or entry.pattern.converters:
                    names.add(f"{namespace}:{entry.name}" if namespace else entry.name)

    walk(get_resolver().url_patterns, None, False)
    return names


PAGES = sorted(_parameterised_names() - POST_ONLY)


@pytest.fixture
def child(db, allocated_iro, team):
    """The conftest child (in care since 20 Dec 2018, allocated to ``allocated_iro``) with a
    name and local ID that appear on a page only when the page shows this child."""
    from iro_tracker.children.models import Allocation
    from iro_tracker.reviews.services import refresh_schedule

    c = make_child(LOCAL_ID, first=FIRST, last=LAST, team=team)
    add_episode(c, date(2018, 12, 20))
    Allocation.objects.create(child=c, iro=allocated_iro, start_date=date(2018, 12, 21))
    refresh_schedule(c, as_of=date(2019, 1, 1))
    return c


def _shows_child(response) -> bool:
    body = response.content.decode("utf-8", errors="replace")
    return FIRST in body or LAST in body or LOCAL_ID in body


def _logged(entries, name, user, child, url) -> bool:
    if name in LISTS:
        return any(
            e.action == Action.LIST and e.user_id == user.pk and e.path == url for e in entries
        )
    action = Action.EXPORT if name in EXPORTS else Action.VIEW
    return any(
        e.action == action and e.child_id == child.pk and e.user_id == user.pk and e.path == url
        for e in entries
    )


def _visit(client, user, child, built) -> tuple[list[str], set[str]]:
    """GET every page as ``user``: the problems found, and the pages that showed the child."""
    client.force_login(user)
    problems, showing = [], set()
    for name in PAGES:
        url = URLS[name](built)
        last = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        response = client.get(url)
        if response.status_code != 200:
            continue  # who may open what is the permission matrix's business
        entries = list(AccessLog.objects.filter(pk__gt=last))
        if name in LISTS:  # logged as a list whether or not this child is in it
            if not _logged(entries, name, user, child, url):
                problems.append(f"{name} {url}: a list of children, not logged as a list")
            continue
        if not _shows_child(response):
            if name not in NOT_ABOUT_THE_CHILD:
                problems.append(f"{name} {url}: 200 without the child; list it with a reason")
            continue
        showing.add(name)
        if name in NOT_ABOUT_THE_CHILD:
            continue  # many children, not logged one by one: the reason is given there
        if not _logged(entries, name, user, child, url):
            got = [(e.action, e.child_id, e.path) for e in entries]
            problems.append(f"{name} {url}: shows the child but logged {got or 'nothing'}")
    return problems, showing


def test_the_lists_are_of_real_pages():
    pages = set(PAGES)
    for listed in (EXPORTS, LISTS, set(NOT_ABOUT_THE_CHILD)):
        assert listed <= pages, sorted(listed - pages)
    assert set(PAGES) <= set(URLS), "Give the new page a URL in tests/urlmap.py"


# Pages about one child that the scene does not open with a 200: reviews:complete needs an
# adjourned review and outcomes:letter_sent a final letter (their own tests open them), and
# audit:justify asks a chair outside their caseload for a reason before any view.
UNREACHED = {"reviews:complete", "outcomes:letter_sent", "audit:justify"}


def test_every_page_showing_a_child_logs_a_view_of_the_child(client, personas, child, built):
    client.raise_request_exception = False
    problems, seen = [], set()
    with time_machine.travel(sc.TODAY, tick=False):
        for role in ROLES:
            found, showing = _visit(client, personas[role], child, built)
            problems += [f"{role}: {problem}" for problem in found]
            seen |= showing
    assert not problems, "\n".join(problems)
    # Every page about one child was opened and checked by at least one role.
    about_one_child = set(PAGES) - set(NOT_ABOUT_THE_CHILD) - LISTS - UNREACHED
    assert about_one_child <= seen, f"Not checked: {sorted(about_one_child - seen)}"


# --- pages about several children log each of them -------------------------------------------


def test_pages_about_several_children_log_each_of_them(client, manager, allocated_iro, team):
    from iro_tracker.conferences.tests.factories import initial, make_cpa
    from iro_tracker.court.services import Proceedings, save_proceedings

    pair = [
        make_child("QF-4472", first="Ottoline", last="Ostrander", team=team),
        make_child("QF-4473", first="Barnaby", last="Ostrander", team=team),
    ]
    with time_machine.travel(sc.TODAY, tick=False):
        make_cpa(allocated_iro)
        conference = initial(pair, date(2019, 3, 1), allocated_iro, sd=date(2019, 2, 20))
        proceedings = save_proceedings(
            None, pair, Proceedings(issued_on=date(2019, 1, 5)), user=manager
        )
        urls = [
            reverse("conferences:detail", args=[conference.pk]),
            reverse("conferences:record") + f"?child={pair[0].pk}",  # and the sibling
            reverse("conferences:strategy") + f"?child={pair[0].pk}",
            reverse("court:edit", args=[proceedings.pk]),
        ]
        client.force_login(manager)
        for url in urls:
            assert client.get(url).status_code == 200
    for c in pair:
        views = c.access_log.filter(action=Action.VIEW, user=manager)
        assert sorted(views.values_list("path", flat=True)) == sorted(urls), c


def test_a_form_shown_again_with_errors_is_not_logged_again(client, allocated_iro, child):
    client.force_login(allocated_iro)
    url = reverse("stability:disability", args=[child.pk])
    client.get(url)
    response = client.post(url, {})
    assert response.status_code == 200 and LAST in response.content.decode()
    assert child.access_log.filter(action=Action.VIEW).count() == 1
