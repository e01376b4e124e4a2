"""Reflow (WCAG 1.4.10): at 320 CSS px nothing but a data table scrolls sideways, on every page.

The pages are every URL the resolver knows (the walk and the table of
tests/ops/test_permission_matrix.py), with the demo data `make run` loads. Each is visited by
the first of a BHU member, an administrator and a regional developer whom that table gives
200, so a new page is checked here as soon as it has its line there. A URL that answers
with a file or JSON is named in NOT_PAGES; one that is missing there and is no HTML page
fails the test.

On each page the document is no wider than the window, and every element that reaches past
the window's right edge sits inside a table's scroll region: `.table-wrap` with
role="region", a name and tabindex="0", so that keyboard users can scroll it too. axe-core
checks the same pages at this width, without the contrast rule: colours do not change with
the width, and the pages' own tests check contrast at full width (it is most of axe's time).
"""

from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.urls import resolve, reverse

from followup.models import ReportingYear
from reporting import transitions
from tests.ops.test_permission_matrix import EXPECTED, PORTAL_URLS, ROLES

from .conftest import DemoSite, axe_violations, sign_in_as, sign_out
from .test_spreadsheet_import import download_template, upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW = {"width": 320, "height": 640}
# Demo accounts, in the order tried for each page, by their role in the permission table.
VISITORS = {"bhu_member": "bhu", "admin_user": "admin", "developer_vgr": "utvecklare.vgr"}

# URL name -> why it is not a page to check here.
NOT_PAGES = {
    "logout": "utloggningen är en knapp (POST) i sidhuvudet",
    "ops:health": "JSON för övervakningen",
    "followup:import_template": "Excelmall",
    "followup:entry_export": "Excel och CSV",
    "followup:report_export": "Excel och CSV",
    "followup:api_entries": "JSON",
    "followup:api_report": "JSON",
    "publications:api_reports": "JSON",
    "publications:api_report": "JSON",
    "publications:report_pdf": "PDF",
    "publications:evaluation_pdf": "PDF",
    "reporting:review": "bara POST (knapparna på aktörens årssida)",
    "reporting:open_round": "2016 är redan öppnad här; formuläret för 2017 står i MORE_PAGES",
    "strategy:legacy_address": "en omdirigering till strategins sida (den sidan prövas själv)",
}
# Pages reached through a form: URL name -> (visitor, what they do to get there).
PAGES_AFTER_A_FORM: dict[str, tuple[str, Callable[[object, Path], None]]] = {
    "followup:import_preview": (
        "developer_vgr",
        lambda page, tmp_path: upload(page, download_template(page, tmp_path)),
    ),
}
QUERIES = {"followup:entry_copy": "?year=2017"}
# States of pages that the URL walk's plain GET does not show: (visitor, address).
MORE_PAGES = [
    ("bhu_member", "/vg2020/arsrapporter/vg2020/2015/"),  # published, with frozen figures
    ("bhu_member", "/vg2020/uppfoljning/?fran=abc"),  # the error summary
    ("bhu_member", "/finns-inte/"),
    ("admin_user", "/vg2020/uppfoljning/rapportering/2017/oppna/"),
    # VG2030, with its own levels: start page, a long-term priority, a kraftsamling, a report.
    ("bhu_member", "/"),
    ("bhu_member", "/vg2030/malomrade/1/"),
    ("bhu_member", "/vg2030/kraftsamling/2/"),
    ("bhu_member", "/vg2030/uppfoljning/"),
]

# Every element reaching past the right edge that is not inside a named, focusable table
# scroll region (a region itself must fit), and how far the document scrolls sideways.
OUTSIDE_TABLE_REGIONS = """() => {
  const width = window.innerWidth;
  const regions = '.table-wrap[role="region"][tabindex="0"]:is([aria-label], [aria-labelledby])';
  const outside = [];
  for (const element of document.body.querySelectorAll('*')) {
    const right = element.getBoundingClientRect().right;
    if (right <= width + 0.5) continue;
    const region = element.parentElement.closest(regions);
    if (region && region.querySelector('table')) continue;
    const classes = [...element.classList].map((name) => '.' + name).join('');
    outside.push(element.tagName.toLowerCase() + classes + ' (+' + Math.round(right - width) + ' px)');
  }
  return {overflow: document.documentElement.scrollWidth - width, outside: outside.slice(0, 5)};
}"""


def _arguments(site: DemoSite) -> dict[str, object]:
    return {
        "strategy": "vg2020",
        "number": 1,  # goal area, focus area, recommendation and assessment 1
        "slug": "vgr",
        "actor": "vgr",
        "year": site.draft_year,
        "pk": site.entry.pk,
        "kind": site.evaluation.kind,
        "key": site.indicator.key,
        "uidb64": "MQ",
        "token": "ogiltig-lank",
    }


def _plan(site: DemoSite) -> tuple[dict[str, list[str]], list[str]]:
    """The addresses each visitor checks, and the URLs that cannot be planned."""
    arguments = _arguments(site)
    plan: dict[str, list[str]] = {visitor: [] for visitor in VISITORS}
    unplanned = []
    for url in PORTAL_URLS:
        if url.name in NOT_PAGES or url.name in PAGES_AFTER_A_FORM:
            continue
        statuses = dict(zip(ROLES, EXPECTED.get(url.name, {}).get("GET", ()), strict=False))
        visitor = next((visitor for visitor in VISITORS if statuses.get(visitor) == 200), None)
        unknown = [name for name in url.kwargs if name not in arguments]
        if visitor is None or unknown:
            unplanned.append(f"{url.name}: ingen besökare får sidan, eller okända argument {unknown}")
            continue
        path = reverse(url.name, kwargs={name: arguments[name] for name in url.kwargs})
        plan[visitor].append(path + QUERIES.get(url.name, ""))
    names = {url.name for url in PORTAL_URLS}
    unplanned += [f"{name}: finns inte längre" for name in sorted({*NOT_PAGES, *PAGES_AFTER_A_FORM} - names)]
    for visitor, path in MORE_PAGES:
        plan[visitor].append(path)
    return plan, unplanned


def _problems(page, visitor: str, response) -> list[str]:
    where = f"{page.url} ({visitor})"
    if response and not response.headers.get("content-type", "").startswith("text/html"):
        return [f"{where}: ingen HTML-sida; lägg adressen i NOT_PAGES"]
    found = page.evaluate(OUTSIDE_TABLE_REGIONS)
    problems = []
    if found["overflow"] > 0 or found["outside"]:
        problems.append(
            f"{where}: {found['overflow']} px för bred; utanför tabellområden: {found['outside']}"
        )
    problems += [f"{where}: {violation}" for violation in axe_violations(page, skip=("color-contrast",))]
    problems += [f"{where}: konsolfel {error}" for error in page.console_errors]
    page.console_errors.clear()
    return problems


def test_every_page_reflows_at_320_px_with_only_tables_scrolling(page, demo_site, tmp_path):
    # The reporting round's pages show a round: the draft year's is open.
    transitions.open_round(
        ReportingYear.objects.get(strategy__slug="vg2020", year=demo_site.draft_year),
        user=User.objects.get(username="sammanstallare"),
        deadline=date(2017, 3, 15),
        instructions="Lämna in senast i mars.",
    )
    plan, unplanned = _plan(demo_site)
    assert unplanned == []
    page.set_viewport_size(NARROW)
    problems = []
    checked = 0
    for visitor, paths in plan.items():
        sign_in_as(page, User.objects.get(username=VISITORS[visitor]))
        for path in paths:
            problems += _problems(page, visitor, page.goto(path))
            checked += 1
        for name, (form_visitor, fill_in) in PAGES_AFTER_A_FORM.items():
            if form_visitor == visitor:
                fill_in(page, tmp_path)
                # The address without its strategy (/vg2020/…) is what the URL patterns match.
                path = urlsplit(page.url).path.removeprefix("/vg2020")
                assert resolve(path).view_name == name, page.url
                problems += _problems(page, visitor, None)
                checked += 1
        sign_out(page)
    assert problems == [], f"{len(problems)} fel på {checked} sidor vid 320 px:\n" + "\n".join(problems)
