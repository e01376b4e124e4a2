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
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from followup.demo import load_demo
from followup.models import SpendingEntry
from publications.demo import load_indicators
from publications.models import Assessment, Evaluation, EvaluationKind, Indicator, Rating
from publications.publishing import publish
from strategy.models import Strategy
from tests.publications.conftest import make_recommendation, make_report

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
    page.base_url = live_server.url
    page.console_errors = []

    def record_error(message):
        # An error page's own status (a 404 the test asked for) is not a fault of the page,
        # nor is what the test's own injected code does: axe-core, preloading the stylesheets
        # that admin forms @import, makes style elements that the CSP refuses (no address).
        url = message.location.get("url")
        if message.type == "error" and url and url != page.url:
            page.console_errors.append(message.text)

    page.on("console", record_error)
    yield page
    context.close()


@functools.cache
def _axe_script() -> str:
    return AXE_SOURCE.read_text(encoding="utf-8")


def axe_violations(page, *, skip: tuple[str, ...] = ()) -> list[str]:
    """The axe-core WCAG 2.1 A/AA violations on the current page, one line each, leaving out
    the rules named in `skip`."""
    page.evaluate(_axe_script())
    # Only violations are read, so axe need not collect every node that passes (it still
    # runs every rule, and reports every violating node).
    result = page.evaluate(
        """async ([tags, skip]) => await axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            rules: Object.fromEntries(skip.map((rule) => [rule, {enabled: false}])),
            resultTypes: ['violations'],
        })""",
        [WCAG_TAGS, list(skip)],
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} – "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in violation["nodes"][:5])
        for violation in result["violations"]
    ]


def assert_accessible(page) -> None:
    """Fail on any axe-core WCAG 2.1 A/AA violation or console error on the current page."""
    violations = axe_violations(page)
    assert not violations, f"axe-fel på {page.url}:\n" + "\n".join(violations)
    assert not page.console_errors, f"Konsolfel på {page.url}: {page.console_errors}"


def sign_in(page, username: str, password: str) -> None:
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


def sign_in_as(page, user: User) -> None:
    """Sign `user` in without the form, on the page the form's sign-in lands on (the start
    page): the session of a test client's login, as the browser's cookie. The form itself is
    walked by `sign_in` (test_public_pages.py, and the admin walk, whose sign-in leaves the
    access log that admin lists)."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": session.key, "value": session.value, "url": page.base_url}])
    page.goto("/")


def sign_out(page) -> None:
    """Forget the session, so that the next `sign_in` starts afresh."""
    page.context.clear_cookies()


@dataclass(frozen=True)
class DemoSite:
    """What `make run` shows, plus one of each publication: the pages' URL arguments."""

    entry: SpendingEntry  # VGR's, in the open year 2016
    indicator: Indicator
    evaluation: Evaluation
    draft_year: int  # the published report is the year before's


@pytest.fixture
def demo_site(db) -> DemoSite:
    """The demo data set (accounts with DEMO_PASSWORD, 336 entries, the indicators), a published
    annual report for 2015, a draft for 2016 with a recommendation, and a draft
    mid-term evaluation with one assessment."""
    load_demo()
    load_indicators()
    staff = User.objects.get(username="admin")
    strategy = Strategy.objects.get(slug="vg2020")
    published = make_report(year=2015)
    make_recommendation(
        published, number=1, text="Samla insatserna kring unga som inte fullföljer studierna."
    )
    publish(publication=published, user=staff)
    draft = make_report(year=2016)
    make_recommendation(draft, number=1)
    evaluation = Evaluation.objects.create(
        strategy=strategy,
        kind=EvaluationKind.MIDTERM,
        year=2017,
        title="Halvtidsutvärdering",
        summary="Utkast.",
    )
    Assessment.objects.create(
        evaluation=evaluation, goal_area=strategy.goal_areas.get(number=2), rating=Rating.SOME, text="Viss."
    )
    return DemoSite(
        entry=SpendingEntry.objects.filter(actor__slug="vgr", reporting_year__year=2016).earliest("pk"),
        indicator=Indicator.objects.earliest("key"),
        evaluation=evaluation,
        draft_year=2016,
    )
