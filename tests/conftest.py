"""The test cast: a regional developer of VGR, one of GR, a BHU member, an administrator.

The reference data comes from the data migrations, so every test database holds the
real VG2020 structure. Factories are small functions, not a library.
"""

from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.backends.postgresql.operations import DatabaseOperations as PostgresOperations
from django.db.backends.signals import connection_created
from django.test import Client
from django.test.utils import override_settings
from django.urls import set_script_prefix

from followup.models import DataVersion, FundingSource, ReportingYear, SpendingEntry
from followup.totals_sql import VERSION, VERSION_SEQUENCE
from publications import documents
from strategy import roles
from strategy.models import Actor, ActorMembership, FocusArea, GoalArea, Strategy

PASSWORD = "test-losenord-123"

# Django's flush puts these back itself (post_migrate), with new ids; the data version's
# row is put back by the triggers with the first write after a flush (and a put-back row
# would collide with the one a restored table's trigger has just written).
_REFILLED_BY_FLUSH = {ContentType, Permission, DataVersion}


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """Real hashing takes a noticeable part of a second for every user and sign-in."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


def _commit_without_waiting_for_the_disk(sender, connection, **kwargs) -> None:
    """A test database need not survive a crash of its server: on PostgreSQL a commit does
    not wait for its WAL to reach the disk (what a commit makes visible, and to whom, is
    unchanged). Every connection, the live server's included."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")


connection_created.connect(_commit_without_waiting_for_the_disk)


def _flush_by_delete(original):
    """PostgreSQL's flush (after every transactional test) is one TRUNCATE of every table,
    which rebuilds and fsyncs every index: 1–2 s a test on a busy disk. DELETE with the
    triggers and foreign-key checks off (a superuser's `session_replication_role`) leaves
    the same empty tables in milliseconds. TRUNCATE's own triggers put the data version's
    row back with a new version; the same upsert does it here."""

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False) -> list[str]:
        if reset_sequences or not tables or not _is_superuser(self.connection):
            return original(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return [
            "SET LOCAL session_replication_role = replica",
            *(f"DELETE FROM {self.quote_name(table)}" for table in tables),  # noqa: S608 (table names)
            "SET LOCAL session_replication_role = DEFAULT",
            f"INSERT INTO {VERSION} (id, version) VALUES (1, nextval('{VERSION_SEQUENCE}'))",  # noqa: S608 (constants)
        ]

    return sql_flush


def _is_superuser(connection) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('is_superuser') = 'on'")
        return cursor.fetchone()[0]


@pytest.fixture(scope="session", autouse=True)
def _fast_flush_on_postgresql():
    original = PostgresOperations.sql_flush
    PostgresOperations.sql_flush = _flush_by_delete(original)
    yield
    PostgresOperations.sql_flush = original


@pytest.fixture(autouse=True)
def _addresses_in_vg2020():
    """Every page belongs to a strategy (/vg2020/insatser/), and VG2030 is the one in force:
    `reverse()` in a test gives VG2020's addresses, as it does on a VG2020 page. Tests of
    another strategy ask for its addresses with `strategy.addresses.addresses_in`."""
    set_script_prefix("/vg2020/")
    yield
    set_script_prefix("/")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache. A test's rolled-back transaction never reuses
    a data version on PostgreSQL, but the rows a flush puts back carry the version the
    migrations wrote, so a page cached by an earlier test could match again."""
    cache.clear()


@pytest.fixture(autouse=True)
def _pdfs_by_a_stand_in(request, monkeypatch):
    """Publishing renders the PDF (and a draft's PDF is rendered on each request), which
    takes seconds. Tests of something else, anywhere in the suite, get a stand-in file; the
    tests of the PDF itself, and the browser's publishing walk, ask for `real_pdfs`."""
    if "real_pdfs" not in request.fixturenames:
        monkeypatch.setattr(documents, "render_pdf", lambda html: b"%PDF-1.7\n% stand-in\n")


@pytest.fixture
def real_pdfs() -> None:
    """Asked for by a test that needs WeasyPrint's real PDF."""


@pytest.fixture(scope="session")
def _migrated_rows(django_db_setup, django_db_blocker) -> dict[type[models.Model], list[models.Model]]:
    """What the migrations wrote into the test database (the reference data, the role
    groups, the reporting years), read once per session."""
    with django_db_blocker.unblock():
        return {
            model: list(model._base_manager.order_by("pk"))
            for model in apps.get_models(include_auto_created=True)
            if model not in _REFILLED_BY_FLUSH and model._base_manager.exists()
        }


def _database_fixture(request) -> str | None:
    """The database fixture the test runs under, if any."""
    marker = request.node.get_closest_marker("django_db")
    if (marker and marker.kwargs.get("transaction")) or {"transactional_db", "live_server"} & set(
        request.fixturenames
    ):
        return "transactional_db"
    if marker or "db" in request.fixturenames:
        return "db"
    return None


@pytest.fixture(autouse=True)
def _migrated_rows_present(request):
    """Transactional tests (browser, concurrency) empty every table when they end, so the
    rows the migrations wrote are put back, with their ids, before any test that finds
    them gone: whichever test runs next, on whichever xdist worker."""
    database = _database_fixture(request)
    if database is None:
        return
    rows = request.getfixturevalue("_migrated_rows")
    request.getfixturevalue(database)
    emptied = [model for model in rows if not model._base_manager.exists()]
    if not emptied:
        return
    with transaction.atomic():
        for model in emptied:
            model._base_manager.bulk_create(rows[model])
        # Rows inserted with their ids leave PostgreSQL's sequences where they were.
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), emptied):
                cursor.execute(statement)


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
def compiler(db) -> User:
    return make_user(
        "sammanstallare", group=roles.COMPILER_GROUP, first_name="Cecilia", email="cecilia@example.se"
    )


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
    strategy: str = "vg2020",
    **fields,
) -> SpendingEntry:
    """A valid entry; override any field by keyword."""
    strategy = Strategy.objects.get(slug=strategy)
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
