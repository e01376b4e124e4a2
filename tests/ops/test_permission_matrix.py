"""The permission matrix: every URL of the portal, for every role and method.

The URLs are read from the URL configuration (`get_resolver()`, through every include),
so a new view cannot be missed: a URL name that EXPECTED does not list fails the test,
and so does a URL argument that KWARGS cannot fill, an unnamed URL, and a row in
EXPECTED for a URL that no longer exists. Django admin's own URLs are left out here;
tests/ops/test_admin_access.py checks that all of them are for staff only.

Adding a view means adding one line to EXPECTED, keyed by the URL name, giving the
status each role gets for GET and for POST (POST with empty data, CSRF checks off):

    #                          anonymous  dev VGR  dev GR  BHU   admin
    "followup:entry_edit": {"GET": (LOGIN, 200,    404,    403,  200),
                            "POST": (LOGIN, 200,    404,    403,  200)},

Roles, in this order in every tuple: an anonymous visitor, a regional developer of
VGR, a regional developer of GR, a BHU member, an administrator (staff). LOGIN means
a redirect to the sign-in page (with ?next=); any other value is the status code.
URL arguments are filled in from KWARGS by name: objects belong to VGR (an entry of
VGR in the open year 2016), so the developer of GR is the other actor's developer.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from followup.models import SpendingEntry
from publications.models import AnnualReport, Evaluation, EvaluationKind, Indicator
from strategy import roles
from strategy.models import Strategy
from tests.conftest import client_for, make_entry, make_user
from tests.publications.conftest import make_indicator, make_recommendation, make_report
from tests.reporting.conftest import open_round

pytestmark = pytest.mark.django_db

LOGIN = "LOGIN"
ROLES = ("anonymous", "developer_vgr", "developer_gr", "bhu_member", "admin_user")
METHODS = ("GET", "POST")
PUBLIC = (200, 200, 200, 200, 200)
NOT_ALLOWED = (405, 405, 405, 405, 405)
STAFF_ONLY = (LOGIN, 403, 403, 403, 200)
# A draft: hidden (404) from those who may not read it, read-only (403) for BHU.
DRAFT_FOR_STAFF = (LOGIN, 404, 404, 403, 200)

# fmt: off
#                       anonymous  dev VGR  dev GR  BHU  admin
EXPECTED: dict[str, dict[str, tuple]] = {
    "strategy:home":       {"GET": PUBLIC, "POST": NOT_ALLOWED},
    "strategy:goal_area":  {"GET": PUBLIC, "POST": NOT_ALLOWED},
    "strategy:focus_area": {"GET": PUBLIC, "POST": NOT_ALLOWED},
    "strategy:actor_list": {"GET": PUBLIC, "POST": NOT_ALLOWED},
    "strategy:actor":      {"GET": PUBLIC, "POST": NOT_ALLOWED},
    # /strategi/vg2020/malomrade/1/, the first portal's address: to /vg2020/malomrade/1/.
    "strategy:legacy_address": {"GET": (301, 301, 301, 301, 301), "POST": NOT_ALLOWED},
    # Live figures across strategies: for signed-in report readers, as the reports are.
    "followup:across_strategies": {"GET": (LOGIN, 200, 200, 200, 200), "POST": (LOGIN, 405, 405, 405, 405)},
    "login":               {"GET": PUBLIC, "POST": PUBLIC},
    "logout":              {"GET": NOT_ALLOWED, "POST": (302, 302, 302, 302, 302)},
    "ops:health":          {"GET": PUBLIC, "POST": NOT_ALLOWED},
    # Passwords: the reset pages are public (an invalid link shows its page), changing needs a session.
    "password_reset":          {"GET": PUBLIC, "POST": PUBLIC},
    "password_reset_done":     {"GET": PUBLIC, "POST": NOT_ALLOWED},
    "password_reset_confirm":  {"GET": PUBLIC, "POST": PUBLIC},
    "password_reset_complete": {"GET": PUBLIC, "POST": NOT_ALLOWED},
    "password_change":         {"GET": (LOGIN, 200, 200, 200, 200), "POST": (LOGIN, 200, 200, 200, 200)},
    "password_change_done":    {"GET": (LOGIN, 200, 200, 200, 200), "POST": (LOGIN, 405, 405, 405, 405)},

    # The reporting round of 2016 (open): everyone with a role reads the board; VGR's year is
    # VGR's developers' and the readers'; compilers and staff open (already open: back to the
    # board), review and close; only the actor's developer submits (empty POST: form errors).
    "reporting:board":       {"GET": (LOGIN, 200, 200, 200, 200), "POST": (LOGIN, 405, 405, 405, 405)},
    "reporting:open_round":  {"GET": (LOGIN, 403, 403, 403, 302), "POST": (LOGIN, 403, 403, 403, 302)},
    "reporting:close_round": {"GET": (LOGIN, 403, 403, 403, 200), "POST": (LOGIN, 403, 403, 403, 400)},
    "reporting:actor_year":  {"GET": (LOGIN, 200, 404, 200, 200), "POST": (LOGIN, 405, 405, 405, 405)},
    "reporting:submit":      {"GET": (LOGIN, 200, 404, 403, 403), "POST": (LOGIN, 400, 404, 403, 403)},
    "reporting:review":      {"GET": (LOGIN, 405, 405, 405, 405), "POST": (LOGIN, 403, 403, 403, 302)},

    # Entries: own actor's entry for its developers, 404 for the other actor's, read-only for BHU.
    "followup:entry_list":   {"GET": (LOGIN, 200, 200, 200, 200), "POST": (LOGIN, 405, 405, 405, 405)},
    "followup:entry_detail": {"GET": (LOGIN, 200, 404, 200, 200), "POST": (LOGIN, 405, 405, 405, 405)},
    "followup:entry_create": {"GET": (LOGIN, 200, 200, 403, 403), "POST": (LOGIN, 200, 200, 403, 403)},
    "followup:entry_copy":   {"GET": (LOGIN, 200, 200, 403, 403), "POST": (LOGIN, 200, 200, 403, 403)},
    "followup:entry_update": {"GET": (LOGIN, 200, 404, 403, 403), "POST": (LOGIN, 200, 404, 403, 403)},
    "followup:entry_delete": {"GET": (LOGIN, 200, 404, 403, 403), "POST": (LOGIN, 302, 404, 403, 403)},

    # Spreadsheets and the API. The template needs ?actor=&year= (404 without).
    "followup:import_template": {"GET": (LOGIN, 404, 404, 403, 403), "POST": NOT_ALLOWED},
    "followup:import_upload":   {"GET": (LOGIN, 200, 200, 403, 403), "POST": (LOGIN, 200, 200, 403, 403)},
    # A token that belongs to no upload sends a developer back to the upload form.
    "followup:import_preview":  {"GET": (LOGIN, 302, 302, 403, 403), "POST": (LOGIN, 302, 302, 403, 403)},
    "followup:import_list":     {"GET": (LOGIN, 200, 200, 200, 200), "POST": NOT_ALLOWED},
    "followup:entry_export":    {"GET": (LOGIN, 200, 200, 200, 200), "POST": NOT_ALLOWED},
    "followup:api_entries":     {"GET": (401, 200, 200, 200, 200), "POST": NOT_ALLOWED},
    # Report tables (fmt=xlsx) and the report as JSON: the report pages' readers.
    "followup:report_export":   {"GET": (LOGIN, 200, 200, 200, 200), "POST": (LOGIN, 405, 405, 405, 405)},
    "followup:api_report":      {"GET": (401, 200, 200, 200, 200), "POST": NOT_ALLOWED},

    # Reports: every signed-in role reads them; nothing is posted.
    "followup:report_overview":   {"GET": (LOGIN, 200, 200, 200, 200), "POST": (LOGIN, 405, 405, 405, 405)},
    "followup:report_focus_area": {"GET": (LOGIN, 200, 200, 200, 200), "POST": (LOGIN, 405, 405, 405, 405)},
    "followup:report_goal_area":  {"GET": (LOGIN, 200, 200, 200, 200), "POST": (LOGIN, 405, 405, 405, 405)},
    "followup:report_actor":      {"GET": (LOGIN, 200, 200, 200, 200), "POST": (LOGIN, 405, 405, 405, 405)},
    "followup:report_entries":    {"GET": (LOGIN, 200, 200, 200, 200), "POST": (LOGIN, 405, 405, 405, 405)},

    # Publications: the objects are drafts, so only BHU (read) and staff (write) see them;
    # everyone else gets 404, as if they did not exist. Publishing's POST is the
    # confirmation itself: staff publish and are redirected.
    "publications:archive":        {"GET": PUBLIC, "POST": NOT_ALLOWED},
    "publications:indicator_list": {"GET": PUBLIC, "POST": NOT_ALLOWED},
    "publications:indicator_detail": {"GET": PUBLIC, "POST": NOT_ALLOWED},
    "publications:report_detail":  {"GET": (404, 404, 404, 200, 200), "POST": NOT_ALLOWED},
    "publications:report_pdf":     {"GET": (404, 404, 404, 200, 200), "POST": NOT_ALLOWED},
    "publications:evaluation_detail": {"GET": (404, 404, 404, 200, 200), "POST": NOT_ALLOWED},
    "publications:evaluation_pdf": {"GET": (404, 404, 404, 200, 200), "POST": NOT_ALLOWED},
    "publications:report_create":  {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "publications:report_edit":    {"GET": DRAFT_FOR_STAFF, "POST": DRAFT_FOR_STAFF},
    # 2016's reporting round is open and not complete, so staff's empty POST is asked to confirm.
    "publications:report_publish": {"GET": DRAFT_FOR_STAFF, "POST": (LOGIN, 404, 404, 403, 200)},
    "publications:recommendation_create": {"GET": DRAFT_FOR_STAFF, "POST": DRAFT_FOR_STAFF},
    "publications:recommendation_edit": {"GET": DRAFT_FOR_STAFF, "POST": DRAFT_FOR_STAFF},
    "publications:recommendation_follow_up": {"GET": DRAFT_FOR_STAFF, "POST": DRAFT_FOR_STAFF},
    "publications:evaluation_create": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "publications:evaluation_edit":   {"GET": DRAFT_FOR_STAFF, "POST": DRAFT_FOR_STAFF},
    "publications:evaluation_publish": {"GET": DRAFT_FOR_STAFF, "POST": (LOGIN, 404, 404, 403, 302)},
    "publications:assessment_edit":   {"GET": DRAFT_FOR_STAFF, "POST": DRAFT_FOR_STAFF},
    "publications:indicator_import":  {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    # The API publishes only what is published: the 2016 report is a draft, 404 for all.
    "publications:api_reports": {"GET": PUBLIC, "POST": NOT_ALLOWED},
    "publications:api_report":  {"GET": (404, 404, 404, 404, 404), "POST": NOT_ALLOWED},
}
# fmt: on


@dataclass(frozen=True)
class Objects:
    """Real objects whose keys fill URL arguments."""

    entry_vgr: SpendingEntry
    draft_report: AnnualReport
    draft_evaluation: Evaluation
    indicator: Indicator


# URL argument name -> its value, given the test's objects.
KWARGS: dict[str, Callable[[Objects], object]] = {
    "strategy": lambda objects: "vg2020",
    "number": lambda objects: 1,  # goal area 1 and focus area 1 both exist
    "slug": lambda objects: "vgr",  # an actor
    "actor": lambda objects: "vgr",
    "year": lambda objects: 2016,  # the entry's year and the draft report's
    "pk": lambda objects: objects.entry_vgr.pk,
    "fmt": lambda objects: "xlsx",
    "token": lambda objects: "ingen-sadan-import",
    "kind": lambda objects: objects.draft_evaluation.kind,
    "key": lambda objects: objects.indicator.key,
    "rest": lambda objects: "malomrade/1/",
    "uidb64": lambda objects: "MQ",
}


@dataclass(frozen=True)
class Url:
    name: str | None
    route: str
    kwargs: tuple[str, ...]
    positional_args: int


def _served_files(route: str) -> bool:
    prefixes = [prefix.lstrip("/") for prefix in (settings.STATIC_URL, settings.MEDIA_URL) if prefix]
    return any(prefix and route.lstrip("^").startswith(prefix) for prefix in prefixes)


def _walk(resolver: URLResolver, namespace: str = "", route: str = "", kwargs: tuple = ()) -> Iterator[Url]:
    for pattern in resolver.url_patterns:
        full_route = route + str(pattern.pattern)
        regex = pattern.pattern.regex
        all_kwargs = (*kwargs, *regex.groupindex)
        positional = regex.groups - len(regex.groupindex)
        # Admin: test_admin_access.py checks it is for staff only. Static and media: files.
        if _served_files(full_route) or getattr(pattern, "app_name", None) == "admin":
            continue
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from _walk(pattern, inner, full_route, all_kwargs)
        elif isinstance(pattern, URLPattern):
            name = ":".join(part for part in (namespace, pattern.name) if part) if pattern.name else None
            yield Url(name, full_route, all_kwargs, positional)


PORTAL_URLS = list(_walk(get_resolver()))


def _named_urls() -> dict[str, Url]:
    return {url.name: url for url in PORTAL_URLS if url.name}


def test_the_walk_finds_the_portals_urls():
    assert {"strategy:home", "login", "ops:health"} <= set(_named_urls())


def test_every_url_of_the_portal_has_a_name():
    assert [url.route for url in PORTAL_URLS if not url.name] == []


def test_every_url_of_the_portal_is_in_the_table():
    missing = sorted(set(_named_urls()) - set(EXPECTED))
    assert missing == [], f"Lägg till en rad i EXPECTED för: {missing}"


def test_every_row_of_the_table_is_a_url_of_the_portal():
    stale = sorted(set(EXPECTED) - set(_named_urls()))
    assert stale == [], f"Raderna gäller adresser som inte finns: {stale}"


def test_every_url_argument_has_a_value():
    unknown = sorted(
        f"{url.name}: {kwarg}" for url in PORTAL_URLS for kwarg in url.kwargs if kwarg not in KWARGS
    )
    positional = sorted(url.name or url.route for url in PORTAL_URLS if url.positional_args)
    assert unknown == [], f"Lägg till argumentet i KWARGS: {unknown}"
    assert positional == [], f"Adresser med namnlösa argument kan inte fyllas i: {positional}"


def make_objects() -> Objects:
    draft_report = make_report(year=2016)
    make_recommendation(draft_report, number=1)
    strategy = Strategy.objects.get(slug="vg2020")
    open_round(make_user("matrisens.sammanstallare", group=roles.COMPILER_GROUP))
    return Objects(
        entry_vgr=make_entry(actor="VGR", year=2016, title="Matrisens insats"),
        draft_report=draft_report,
        draft_evaluation=Evaluation.objects.create(
            strategy=strategy, kind=EvaluationKind.MIDTERM, year=2017, title="Halvtid", summary="Utkast."
        ),
        indicator=make_indicator(key="matrisens-indikator", values={2016: "45"}),
    )


@pytest.fixture
def objects(db) -> Objects:
    return make_objects()


@pytest.fixture
def users(request, db) -> dict[str, User | None]:
    return {role: None if role == "anonymous" else request.getfixturevalue(role) for role in ROLES}


def _outcome(response) -> int | str:
    login = resolve_url(settings.LOGIN_URL)
    if response.status_code == 302 and response.url.startswith(f"{login}?next="):
        return LOGIN
    return response.status_code


def _request(client: Client, method: str, path: str):
    return client.get(path) if method == "GET" else client.post(path, {})


@pytest.mark.parametrize("name", sorted(_named_urls()))
def test_url_answers_every_role_and_method_as_the_table_says(name: str, objects: Objects, users):
    url = _named_urls()[name]
    if name not in EXPECTED:
        pytest.fail(f"{name} saknas i EXPECTED: lägg till en rad med status per roll för GET och POST.")
    unknown = [kwarg for kwarg in url.kwargs if kwarg not in KWARGS]
    if unknown:
        pytest.fail(f"{name}: okända argument {unknown}; lägg till dem i KWARGS.")
    path = reverse(name, kwargs={kwarg: KWARGS[kwarg](objects) for kwarg in url.kwargs})

    wrong = []
    for method in METHODS:
        for role, expected in zip(ROLES, EXPECTED[name][method], strict=True):
            # A fresh client and a rolled-back request each time, so that one role's POST
            # (a sign-out, a deletion) cannot change what the next role gets.
            client = client_for(users[role])
            with transaction.atomic():
                actual = _outcome(_request(client, method, path))
                transaction.set_rollback(True)
            if actual != expected:
                wrong.append(f"{method} {path} som {role}: {actual}, väntat {expected}")
    assert wrong == []
