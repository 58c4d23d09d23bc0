"""The Content-Security-Policy is enforced by a real browser, and the browser tests would see a breach.

The journeys in this folder run under the policy and fail on any violation (see ``new_context``
in conftest.py); this test shows that the policy is really in force on a KIS page and that a
breach is reported: a script added inline to the page does not run, and the violation is caught.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from kis.roles import Role
from tests.browser.conftest import close_context, new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Kis-browser-test-2024!"

INJECT = """() => {
  const script = document.createElement("script");
  script.textContent = "window.injected = true;";
  document.body.appendChild(script);
  const styled = document.createElement("p");
  styled.setAttribute("style", "color: rgb(255, 0, 0)");
  styled.id = "styled";
  document.body.appendChild(styled);
  return [window.injected === true, getComputedStyle(styled).color];
}"""


def test_an_inline_script_and_style_are_refused_and_reported(live_server, kis_browser):
    user = get_user_model().objects.create_user(username="ewa.koordynator", password=PASSWORD)
    user.groups.add(Group.objects.get(name=Role.COORDINATOR))
    context = new_context(kis_browser)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.locator("main input[name=username]").fill(user.username)
        page.locator("main input[name=password]").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(f"{live_server.url}/")
        # The site's own scripts ran (Bootstrap's menu, htmx) under the policy.
        assert page.evaluate("typeof window.bootstrap === 'object' && typeof window.htmx === 'object'")

        ran, colour = page.evaluate(INJECT)
        page.wait_for_timeout(200)  # the violation events are dispatched asynchronously
    finally:
        violations = close_context(context)

    assert ran is False, "An inline script ran: the policy is not enforced."
    assert colour != "rgb(255, 0, 0)", "An inline style was applied: the policy is not enforced."
    assert any("script-src" in v for v in violations), violations
    assert any("style-src" in v for v in violations), violations
