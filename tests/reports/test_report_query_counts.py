"""Every report page costs the same number of queries with 10 entries as with 1,000."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from followup.reports import ReportFilters, build_report, load_choices
from tests.conftest import client_for

from .conftest import bulk_entries

pytestmark = pytest.mark.django_db

PAGES = [
    "/vg2020/uppfoljning/",
    "/vg2020/uppfoljning/?fran=2016&till=2018&finansiering=eu",
    "/vg2020/uppfoljning/kraftsamling/2/",
    "/vg2020/uppfoljning/malomrade/3/",
    "/vg2020/uppfoljning/aktor/gr/",
    "/vg2020/uppfoljning/insatser/",
    "/vg2020/uppfoljning/insatser/?malomrade=2&ordning=-belopp&sida=2",
]


def queries_for(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


LIST_PAGES = [
    "/vg2020/uppfoljning/insatser/",
    "/vg2020/uppfoljning/insatser/?malomrade=2&ordning=-belopp&sida=2",
]


@pytest.mark.parametrize("path", [path for path in PAGES if path not in LIST_PAGES])
@pytest.mark.parametrize("role", ["bhu_member", "developer_vgr"])
def test_page_costs_the_same_queries_with_10_and_1000_entries(request, role, path):
    client = client_for(request.getfixturevalue(role))
    bulk_entries(10, seed=1)
    with_ten = queries_for(client, path)
    bulk_entries(990, seed=2)
    assert queries_for(client, path) == with_ten


@pytest.mark.parametrize("path", LIST_PAGES)
@pytest.mark.parametrize("role", ["bhu_member", "developer_vgr"])
def test_list_page_reads_its_rows_in_at_most_four_queries_at_any_size(
    request, role, path, django_assert_max_num_queries
):
    # The ids of the first year and actor's part, of those the page holds whole, of the
    # last one's part, then the rows: at most four queries more than an empty list.
    client = client_for(request.getfixturevalue(role))
    empty = queries_for(client, path)
    bulk_entries(10, seed=1)
    with django_assert_max_num_queries(empty + 4):
        client.get(path)
    bulk_entries(990, seed=2)
    with django_assert_max_num_queries(empty + 4):
        client.get(path)


def test_overview_needs_the_strategies_and_twelve_more_queries(bhu_member):
    # The data version (the caches' key), then the strategies with their level names (read
    # once by the middleware, for the address and the layout), session, user, groups, four
    # lists of choices, the strategy's years, four grouped queries on the running totals
    # and the open years.
    bulk_entries(10)
    client = client_for(bhu_member)
    assert queries_for(client, "/vg2020/uppfoljning/") == 1 + 2 + 3 + 4 + 1 + 4 + 1


def test_a_cached_overview_costs_the_version_the_session_and_the_reader(bhu_member):
    # The strategies come from the cache too while the data version is the same.
    bulk_entries(10)
    client = client_for(bhu_member)
    client.get("/vg2020/uppfoljning/")
    assert queries_for(client, "/vg2020/uppfoljning/") == 1 + 3


def test_a_cached_overview_reads_no_totals(bhu_member):
    bulk_entries(10)
    client = client_for(bhu_member)
    client.get("/vg2020/uppfoljning/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/vg2020/uppfoljning/").status_code == 200
    assert not [query for query in queries if "followup_entrytotal" in query["sql"]]


def test_report_reuses_the_choices_the_page_already_read(vg2020):
    bulk_entries(10)
    choices = load_choices(vg2020)
    with CaptureQueriesContext(connection) as queries:
        build_report(strategy=vg2020, filters=ReportFilters(first_year=2014, last_year=2020), choices=choices)
    # The strategy's years, four grouped queries on the running totals and the strategy's
    # level names (read once per strategy object; pages have them prefetched).
    assert len(queries) == 6
