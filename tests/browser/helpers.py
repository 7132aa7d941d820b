"""What the real-browser tests share: a signed-in browser context, keyboard steps, the
focus ring check, axe-core, the console and the task worker."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import expect

from tests.worker import run_worker

__all__ = [
    "assert_focus_shows",
    "new_context",
    "run_worker",
    "sign_in",
    "tab_to",
    "violations",
    "watch_console",
]


def new_context(browser, width=1280):
    return browser.new_context(viewport={"width": width, "height": 900}, locale="en-US")


def sign_in(context, live_server, user) -> None:
    """Give the browser the session of a signed-in `user` (the sign-in form has its own
    test): one session cookie, as the login view would set it."""
    client = Client()
    client.force_login(user)
    name = django_settings.SESSION_COOKIE_NAME
    context.add_cookies(
        [{"name": name, "value": client.cookies[name].value, "url": live_server.url}]
    )


def tab_to(page, target, limit=80) -> int:
    """Press Tab until `target` (a locator) has the focus; the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return presses
    pytest.fail(f"{limit} presses of Tab never reached {target}")


def assert_focus_shows(page) -> None:
    """The focused control is on screen and drawn with a focus ring (outline or shadow)."""
    focused = page.locator(":focus")
    expect(focused).to_be_in_viewport()
    ring = focused.evaluate(
        """el => { const s = getComputedStyle(el);
                   return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
                          || s.boxShadow !== 'none'; }"""
    )
    assert ring, f"no visible focus ring on {focused.evaluate('el => el.outerHTML')[:120]}"


def violations(page) -> list[str]:
    """Every axe-core violation on the page, whatever its impact."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in Axe().run(page).response["violations"]
    ]


def watch_console(page) -> list[str]:
    """The page's console errors and uncaught exceptions, collected as they happen."""
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    return errors
