"""A publication's page is cached (strategy/page_cache.py), yet never older than the
database and never shared between readers who may see different figures."""

from decimal import Decimal

import pytest

from followup.models import SpendingEntry
from publications.publishing import publish
from tests.conftest import client_for, make_entry

from .conftest import make_published_report, make_report
from .test_live_figures import LIVE_AMOUNT, REPORT_URL

pytestmark = pytest.mark.django_db

PRELIMINARY = "Preliminära siffror"


@pytest.fixture
def changed_since_publishing(vg2020, admin_user):
    """A report published with 100 000 kr for 2016, edited to 987 654 kr since."""
    entry = make_entry(year=2016, goal=1, amount="100000.00")
    make_published_report(user=admin_user, year=2016)
    SpendingEntry.objects.filter(pk=entry.pk).update(amount=Decimal("987654.00"))


def page(client) -> str:
    response = client.get(REPORT_URL)
    assert response.status_code == 200
    return response.content.decode()


def test_a_cached_draft_page_changes_when_the_report_is_published(vg2020, bhu_member, admin_user):
    make_entry(year=2016, amount="100000.00")
    draft = make_report(year=2016)
    client = client_for(bhu_member)
    assert PRELIMINARY in page(client)
    publish(publication=draft, user=admin_user)
    assert PRELIMINARY not in page(client)


def test_an_anonymous_visitor_never_gets_a_readers_cached_page(changed_since_publishing, bhu_member):
    assert LIVE_AMOUNT in page(client_for(bhu_member))
    assert LIVE_AMOUNT not in page(client_for(None))


def test_a_reader_never_gets_an_anonymous_visitors_cached_page(changed_since_publishing, bhu_member):
    assert LIVE_AMOUNT not in page(client_for(None))
    assert LIVE_AMOUNT in page(client_for(bhu_member))


def test_a_cached_published_page_shows_an_entry_edited_since(changed_since_publishing, bhu_member):
    client = client_for(bhu_member)
    assert LIVE_AMOUNT in page(client)
    SpendingEntry.objects.update(amount=Decimal("555444.00"))
    assert "555\u00a0444\u00a0kr" in page(client)
