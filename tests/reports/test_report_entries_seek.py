"""The drill-down's next and previous links read on from the row they name (keyset
paging), so a page deep into a list sorted by amount or title costs what the first does;
following them shows every entry once, in order, whichever way the reader pages."""

from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from followup.models import SpendingEntry
from tests.conftest import client_for

from .conftest import bulk_entries

pytestmark = pytest.mark.django_db

ORDERS = {
    "belopp": lambda entry: (entry.amount, entry.pk),
    "-belopp": lambda entry: (-entry.amount, -entry.pk),
    "rubrik": lambda entry: (entry.title, entry.pk),
}


@pytest.fixture
def entries() -> list[SpendingEntry]:
    made = bulk_entries(160, seed=11)
    # Equal amounts and titles across page boundaries: the id decides between them.
    SpendingEntry.objects.filter(pk__in=[entry.pk for entry in made[40:70]]).update(
        amount=Decimal("5000.00"), title="Samma rubrik"
    )
    return list(SpendingEntry.objects.filter(pk__in=[entry.pk for entry in made]))


def _page(client, query: dict):
    response = client.get(reverse("followup:report_entries"), query)
    assert response.status_code == 200
    return response


def _link(response, rel: str) -> dict | None:
    """The query of the page's next or previous link, as the reader would follow it."""
    html = response.content.decode()
    marker = f'rel="{rel}"'
    if marker not in html:
        return None
    href = html[: html.index(marker)].rsplit('href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    return {key: values[0] for key, values in parse_qs(urlsplit(href).query).items()}


@pytest.mark.parametrize("ordering", ORDERS)
def test_next_links_show_every_entry_once_in_order(bhu_member, entries, ordering):
    client = client_for(bhu_member)
    query = {"fran": "2014", "till": "2020", "ordning": ordering}
    shown = []
    while query is not None:
        response = _page(client, query)
        shown += response.context["page"].object_list
        query = _link(response, "next")
    assert [entry.pk for entry in shown] == [entry.pk for entry in sorted(entries, key=ORDERS[ordering])]


@pytest.mark.parametrize("ordering", ORDERS)
def test_previous_links_from_the_last_page_show_every_entry_once(bhu_member, entries, ordering):
    client = client_for(bhu_member)
    query = {"fran": "2014", "till": "2020", "ordning": ordering, "sida": "4"}
    pages = []
    while query is not None:
        response = _page(client, query)
        pages.insert(0, list(response.context["page"].object_list))
        query = _link(response, "prev")
    shown = [entry.pk for page in pages for entry in page]
    assert shown == [entry.pk for entry in sorted(entries, key=ORDERS[ordering])]


def test_next_link_names_the_last_row_of_the_page(bhu_member, entries):
    response = _page(client_for(bhu_member), {"ordning": "belopp"})
    assert _link(response, "next")["efter"] == str(response.context["page"].object_list[-1].pk)
    assert _link(response, "next")["sida"] == "2"


def test_the_default_order_pages_by_its_buckets_without_naming_rows(bhu_member, entries):
    assert "efter" not in _link(_page(client_for(bhu_member), {}), "next")


def test_a_page_read_on_from_a_row_uses_no_offset(bhu_member, entries):
    client = client_for(bhu_member)
    first = _page(client, {"ordning": "-belopp"})
    with CaptureQueriesContext(connection) as queries:
        second = _page(client, _link(first, "next"))
    entry_queries = [query["sql"] for query in queries if 'FROM "followup_spendingentry"' in query["sql"]]
    assert entry_queries
    assert not [sql for sql in entry_queries if "OFFSET" in sql]
    assert second.context["page"].number == 2


@pytest.mark.parametrize("row", ["other-actor", "missing", "text"])
def test_a_row_not_in_the_readers_list_gives_the_page_by_offset(developer_vgr, entries, row):
    # A developer reads only their own actors' entries: naming another actor's entry (or
    # one that does not exist) must not place the page by that entry's amount.
    others = [entry.pk for entry in entries if entry.actor.short_name != "VGR"]
    named = {"other-actor": str(others[0]), "missing": "999999999", "text": "x"}[row]
    client = client_for(developer_vgr)
    query = {"fran": "2014", "till": "2020", "ordning": "belopp", "sida": "1"}
    by_offset = _page(client, query).context["page"].object_list
    sought = _page(client, query | {"efter": named}).context["page"].object_list
    assert by_offset
    assert [entry.pk for entry in sought] == [entry.pk for entry in by_offset]


def test_a_row_of_the_readers_list_places_the_page_after_it(developer_vgr, entries):
    # The counterpart of the test above: the same address naming one of the developer's
    # own entries starts the page right after it.
    own = sorted((entry for entry in entries if entry.actor.short_name == "VGR"), key=ORDERS["belopp"])
    query = {"fran": "2014", "till": "2020", "ordning": "belopp", "sida": "1", "efter": str(own[2].pk)}
    sought = _page(client_for(developer_vgr), query).context["page"].object_list
    assert [entry.pk for entry in sought] == [entry.pk for entry in own[3:53]]
