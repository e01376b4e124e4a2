"""Browser tests: Playwright drives Debian's Chromium against a live server.

Every page a test visits can be checked with `assert_accessible(page)`, which injects
axe-core (installed by `npm ci`) and fails on any WCAG 2.1 A or AA violation. Pages
must also run without console errors, which is how a Content-Security-Policy
violation (an inline style or script) shows up.

Without Chromium the tests are skipped with a clear message; with CI=true a missing
browser fails the run instead.
"""

import functools
import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make there (creating users and entries) are ordinary synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _missing(what: str) -> None:
    message = f"{what} Installera med `make browser-deps` (apt-get install chromium, npm ci)."
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _missing(f"Webbläsartesterna hoppas över: Chromium saknas på {CHROMIUM}.")
    if not AXE_SOURCE.exists():
        _missing(f"Webbläsartesterna hoppas över: axe-core saknas på {AXE_SOURCE}.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", accept_downloads=True)
    page = context.new_page()
    # Generous: with a worker per core, a PDF or axe on a large page can take seconds. Only a
    # failing step waits this long.
    page.set_default_timeout(30_000)
    page.console_errors = []

    def record_error(message):
        # An error page's own status (a 404 the test asked for) is not a fault of the page.
        if message.type == "error" and message.location.get("url") != page.url:
            page.console_errors.append(message.text)

    page.on("console", record_error)
    yield page
    context.close()


@functools.cache
def _axe_script() -> str:
    return AXE_SOURCE.read_text(encoding="utf-8")


def assert_accessible(page) -> None:
    """Fail on any axe-core WCAG 2.1 A/AA violation or console error on the current page."""
    page.evaluate(_axe_script())
    # Only violations are read, so axe need not collect every node that passes (it still
    # runs every rule, and reports every violating node).
    result = page.evaluate(
        "async (tags) => await axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    violations = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} – "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in violation["nodes"][:5])
        for violation in result["violations"]
    ]
    assert not violations, f"axe-fel på {page.url}:\n" + "\n".join(violations)
    assert not page.console_errors, f"Konsolfel på {page.url}: {page.console_errors}"


def sign_in(page, username: str, password: str) -> None:
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()
