"""The test cast: a regional developer of VGR, one of GR, a BHU member, an administrator.

The reference data comes from the data migrations, so every test database holds the
real VG2020 structure. Factories are small functions, not a library.
"""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.test import Client

from followup.models import FundingSource, ReportingYear, SpendingEntry
from strategy import roles
from strategy.models import Actor, ActorMembership, FocusArea, GoalArea, Strategy

PASSWORD = "test-losenord-123"

# The migrations that fill tables with the reference data, the role groups and the
# reporting years; their functions are idempotent.
_DATA_MIGRATIONS = [
    ("strategy.migrations.0002_reference_data", "load_reference_data"),
    ("strategy.migrations.0003_roles", "create_role_groups"),
    ("strategy.migrations.0005_vg2020_development_area_1_2", "add_development_area_and_count"),
    ("followup.migrations.0002_reporting_years", "create_reporting_years"),
]


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request):
    """Transactional tests (browser, concurrency) empty every table when they end, so the
    data the migrations loaded is put back before each of them."""
    if _is_transactional(request):
        request.getfixturevalue("transactional_db")
        for module, function in _DATA_MIGRATIONS:
            getattr(importlib.import_module(module), function)(apps, None)


def make_user(username: str, *, group: str | None = None, actors: tuple[str, ...] = (), **fields) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    for short_name in actors:
        ActorMembership.objects.create(user=user, actor=Actor.objects.get(short_name=short_name))
    return user


@pytest.fixture
def vg2020(db) -> Strategy:
    return Strategy.objects.get(slug="vg2020")


@pytest.fixture
def developer_vgr(db) -> User:
    return make_user("utv.vgr", group=roles.DEVELOPER_GROUP, actors=("VGR",), first_name="Vera")


@pytest.fixture
def developer_gr(db) -> User:
    return make_user("utv.gr", group=roles.DEVELOPER_GROUP, actors=("GR",), first_name="Gustav")


@pytest.fixture
def bhu_member(db) -> User:
    return make_user("bhu", group=roles.BHU_GROUP, first_name="Bertil")


@pytest.fixture
def admin_user(db) -> User:
    return make_user("admin", is_staff=True, is_superuser=True, first_name="Ada")


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def make_entry(
    *,
    actor: str = "VGR",
    year: int = 2016,
    goal: int = 1,
    amount: Decimal | str = "100000.00",
    **fields,
) -> SpendingEntry:
    """A valid entry; override any field by keyword."""
    strategy = Strategy.objects.get(slug="vg2020")
    values = {
        "actor": Actor.objects.get(short_name=actor),
        "reporting_year": ReportingYear.objects.get(strategy=strategy, year=year),
        "title": "Testinsats",
        "project_owner": "Testägare AB",
        "goal_area": GoalArea.objects.get(strategy=strategy, number=goal),
        "amount": Decimal(amount),
        "funding_source": FundingSource.REGIONAL_DEVELOPMENT_BOARD,
    }
    values.update(fields)
    return SpendingEntry.objects.create(**values)


def focus_area(number: int) -> FocusArea:
    return FocusArea.objects.get(strategy__slug="vg2020", number=number)
