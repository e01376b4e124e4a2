"""Report figures are cached by the data version that database triggers change in the
same transaction as every write (strategy/page_cache.py): a cached page is never older
than the database, with the local-memory cache and with Redis."""

import socket
import uuid
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import override_settings
from django.urls import reverse

from followup.models import ReportingYear, SpendingEntry
from followup.totals_sql import VERSIONED_TABLES
from followup.years import close_years
from publications.data_version_sql import VERSIONED_TABLES as PUBLICATION_TABLES
from strategy.models import GoalArea, StrategyLevel
from strategy.page_cache import data_version
from tests.conftest import client_for, make_entry

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/3"


def overview(client, query: str = "") -> str:
    response = client.get(reverse("followup:report_overview") + query)
    assert response.status_code == 200
    return response.content.decode()


def test_a_cached_report_changes_after_an_entry_edit(bhu_member):
    entry = make_entry(amount="123456000.00")
    client = client_for(bhu_member)
    assert "123\u00a0456" in overview(client)
    entry.amount = Decimal("654321000.00")
    entry.save()
    page = overview(client)
    assert "654\u00a0321" in page
    assert "123\u00a0456" not in page


def test_a_cached_report_changes_after_a_year_is_closed(bhu_member, admin_user):
    make_entry(year=2016)
    client = client_for(bhu_member)
    assert "Öppna år, vars siffror ännu kan ändras: 2016" in overview(client, "?fran=2016&till=2016")
    close_years(ReportingYear.objects.filter(year=2016), user=admin_user)
    assert "Öppna år" not in overview(client, "?fran=2016&till=2016")


def test_a_cached_report_changes_after_a_goal_area_is_renamed(bhu_member):
    make_entry(goal=1)
    client = client_for(bhu_member)
    overview(client)
    GoalArea.objects.filter(strategy__slug="vg2020", number=1).update(name="Ett omdöpt målområde")
    assert "Ett omdöpt målområde" in overview(client)


def test_the_strategies_every_page_reads_change_after_a_level_is_renamed(bhu_member):
    # The middleware's strategies (with their levels' words) are cached by the version too.
    client = client_for(bhu_member)
    assert "Alla målområden" in overview(client)
    StrategyLevel.objects.filter(strategy__slug="vg2020", level="goal_area").update(plural="huvudområden")
    page = overview(client)
    assert "Alla huvudområden" in page
    assert "Alla målområden" not in page


def test_every_write_to_a_versioned_table_changes_the_version(bhu_member):
    before = data_version()
    SpendingEntry.objects.filter(pk=make_entry().pk).update(title="Ändrad")
    assert data_version() != before


@pytest.mark.parametrize("table", [*VERSIONED_TABLES, *PUBLICATION_TABLES])
def test_every_versioned_table_has_its_trigger(table):
    """A migration that rebuilds a table on SQLite drops its triggers; this notices."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgname = 'followup_dataversion_bump' "
                "AND tgrelid = %s::regclass",
                [table],
            )
            assert cursor.fetchone()[0] == 1
        else:
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s "
                "AND name LIKE 'followup_dataversion_%%'",
                [table],
            )
            assert cursor.fetchone()[0] == 3


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_cache():
    if not _redis_answers():
        pytest.skip("Redis svarar inte på 127.0.0.1:6379.")
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    with override_settings(CACHES=caches):
        yield cache
        cache.clear()


def test_the_cache_works_through_redis(redis_cache, bhu_member):
    entry = make_entry(amount="123456000.00")
    client = client_for(bhu_member)
    assert "123\u00a0456" in overview(client)
    assert redis_cache._cache.get_client().dbsize() > 0
    SpendingEntry.objects.filter(pk=entry.pk).update(amount=Decimal("654321000.00"))
    assert "654\u00a0321" in overview(client)


def test_a_cached_start_page_changes_after_a_goal_area_is_renamed(bhu_member):
    client = client_for(None)
    assert "Ett omdöpt målområde" not in client.get(reverse("strategy:home")).content.decode()
    GoalArea.objects.filter(strategy__slug="vg2020", number=1).update(name="Ett omdöpt målområde")
    assert "Ett omdöpt målområde" in client.get(reverse("strategy:home")).content.decode()


def test_the_cached_start_page_shows_who_is_signed_in(bhu_member):
    client_for(None).get(reverse("strategy:home"))
    page = client_for(bhu_member).get(reverse("strategy:home")).content.decode()
    assert (bhu_member.get_full_name() or bhu_member.get_username()) in page
