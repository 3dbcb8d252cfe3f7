"""In a real browser, the pages break no rule of the Content Security Policy: no inline
script or style is refused (which would also mean something on the page silently broke)."""

import pytest

from iro_tracker.conftest import make_user, sign_in
from iro_tracker.reporting.tests.factories import synthetic_authority

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/reviews/due/",
    "/children/",
    "/dashboard/",
    "/reports/annual/2018/",
    "/account/",
    "/account/two-factor/",
]


def test_no_page_breaks_the_content_security_policy(page):
    synthetic_authority()
    make_user("manager", "manager")
    violations = []
    page.on(
        "console",
        lambda msg: (
            violations.append(f"{page.url}: {msg.text}")
            if "Content Security Policy" in msg.text
            else None
        ),
    )
    sign_in(page, "manager")
    for url in PAGES:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        if url == "/children/":  # and a child's record: the first in the list
            page.locator("tbody a[href^='/children/']").first.click()
            page.wait_for_load_state("networkidle")
    assert not violations, "\n".join(violations[:20])
