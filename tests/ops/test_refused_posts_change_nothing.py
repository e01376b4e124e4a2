"""The probe's test, kept in the suite (issue 13.13): a POST that must be refused leaves
the database as it was, for every URL of the portal and every role.

The URLs come from the URL configuration, as in test_permission_matrix.py, which also
says what each role gets: a role whose POST the table refuses (sign-in, 401, 403, 404,
405) is probed here, and so are a user without a role and an inactive user on every URL.
Each POST carries a real CSRF token, fetched from a page as a browser would, and a payload
that would write something if the view let it through: a complete entry, a report, a
recommendation, a follow-up, a confirmation. Non-staff roles are probed on Django admin's
pages of every registered model too (its own sign-in must stop them).
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from django.urls import reverse

from followup.models import SpendingEntry
from strategy import roles
from strategy.models import GoalArea
from tests.conftest import make_user

from .fingerprint import differences, fingerprint
from .test_permission_matrix import EXPECTED, KWARGS, LOGIN, ROLES, Objects, _named_urls, make_objects

pytestmark = pytest.mark.django_db

EXTRA_ROLES = ("without_role", "inactive")
REFUSED = {LOGIN, 401, 403, 404, 405}
# A page that renders a form for every role, so every client gets a CSRF cookie from it.
TOKEN_PAGE = "/konto/logga-in/"


@pytest.fixture
def objects(db) -> Objects:
    return make_objects()


@pytest.fixture
def users(request, db) -> dict[str, User | None]:
    """The permission matrix's cast, a user without a role, and an inactive user who would
    have every right if active (staff, and a developer of VGR)."""
    cast = {role: None if role == "anonymous" else request.getfixturevalue(role) for role in ROLES}
    return cast | {
        "without_role": make_user("utan.roll"),
        "inactive": make_user(
            "inaktiv", group=roles.DEVELOPER_GROUP, actors=("VGR",), is_active=False, is_staff=True
        ),
    }


def _payload(objects: Objects) -> dict[str, object]:
    """Field values that the portal's forms would accept, so a POST let through would write."""
    entry = objects.entry_vgr
    return {
        # An entry (create, change) and a copy of one.
        "actor": entry.actor_id,
        "reporting_year": 2016,
        "title": "Sondens insats",
        "description": "Skriven av en begäran som skulle ha nekats.",
        "project_owner": "Sonden AB",
        "goal_area": GoalArea.objects.get(strategy__slug="vg2020", number=2).pk,
        "amount": "999 000",
        "funding_source": "run",
        "version": entry.version,
        "entries": [entry.pk],
        # A report, an evaluation, a recommendation, a follow-up, an assessment, publishing.
        "year": 2017,
        "kind": objects.draft_evaluation.kind,
        "summary": "Sondens sammanfattning.",
        "narrative": "Sondens text.",
        "number": 9,
        "text": "Sondens rekommendation.",
        "status": "genomford",
        "response": "Sondens svar.",
        "rating": 4,
        "confirm_empty": "on",
        # Admin: change a user to staff, delete what is selected.
        "username": "sonden",
        "is_staff": "on",
        "is_superuser": "on",
        "action": "delete_selected",
        "_selected_action": [entry.pk],
        "post": "yes",
    }


def _client(user: User | None) -> Client:
    """A client that checks CSRF as a browser's requests are checked, holding a real token
    from a page it fetched (the cookie; `token` is what a form would post)."""
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    client.get(TOKEN_PAGE)
    client.token = client.cookies["csrftoken"].value
    return client


def _post(client: Client, path: str, payload: dict):
    return client.post(path, {**payload, "csrfmiddlewaretoken": client.token})


def _changes(clients: dict[str, Client], probes: list[tuple[str, str]], payload: dict) -> list[str]:
    """POST each (role, path) in one rolled-back transaction; each change found, or []."""
    before = fingerprint()
    with transaction.atomic():
        statuses = [_post(clients[role], path, payload).status_code for role, path in probes]
        changed = differences(before, fingerprint())
        transaction.set_rollback(True)
    if not changed or len(probes) == 1:
        return (
            [
                f"POST {path} som {role} ({status}): {changed}"
                for (role, path), status in zip(probes, statuses, strict=True)
            ]
            if changed
            else []
        )
    # Something wrote: probe one at a time to say which.
    return [change for probe in probes for change in _changes(clients, [probe], payload)]


def _probe(users: dict[str, User | None], probes: list[tuple[str, str]], payload: dict) -> list[str]:
    # Signing in writes last_login, so every client signs in before the fingerprint is taken.
    clients = {role: _client(users[role]) for role in {role for role, _ in probes}}
    return _changes(clients, probes, payload)


def _refused_roles(name: str) -> list[str]:
    refused = [role for role, status in zip(ROLES, EXPECTED[name]["POST"], strict=True) if status in REFUSED]
    return [*refused, *EXTRA_ROLES]


@pytest.mark.parametrize("name", sorted(_named_urls()))
def test_refused_post_to_a_portal_url_changes_nothing(name: str, objects: Objects, users):
    url = _named_urls()[name]
    path = reverse(name, kwargs={kwarg: KWARGS[kwarg](objects) for kwarg in url.kwargs})
    probes = [(role, path) for role in _refused_roles(name)]

    assert _probe(users, probes, _payload(objects)) == []


def _admin_paths(objects: Objects) -> list[str]:
    paths = [reverse("admin:index")]
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        paths += [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            paths += [
                reverse(f"{prefix}_change", args=[first.pk]),
                reverse(f"{prefix}_delete", args=[first.pk]),
            ]
    entry = objects.entry_vgr
    history = SpendingEntry.history.filter(id=entry.pk).first()
    paths.append(reverse("admin:followup_spendingentry_simple_history", args=[entry.pk, history.pk]))
    paths.append(reverse("admin:auth_user_password_change", args=[User.objects.order_by("pk").first().pk]))
    return paths


@pytest.mark.parametrize("role", [role for role in (*ROLES, *EXTRA_ROLES) if role != "admin_user"])
def test_refused_post_to_django_admin_changes_nothing(role: str, objects: Objects, users):
    probes = [(role, path) for path in _admin_paths(objects)]

    assert _probe(users, probes, _payload(objects)) == []


def test_the_probes_token_is_what_gets_a_post_past_the_csrf_check(objects: Objects, developer_vgr):
    path = reverse("followup:entry_create")
    without = _client(developer_vgr).post(path, _payload(objects))
    with_token = _post(_client(developer_vgr), path, {})

    assert without.status_code == 403
    assert with_token.status_code == 200


def test_the_probe_sees_a_write_when_a_post_is_let_through(objects: Objects, users):
    # The same probe on a POST that is allowed to write (a developer's own entry created):
    # proves that the fingerprint catches a change, so an empty result above means something.
    changed = _probe(users, [("developer_vgr", reverse("followup:entry_create"))], _payload(objects))

    assert len(changed) == 1
    assert "followup.SpendingEntry" in changed[0]
