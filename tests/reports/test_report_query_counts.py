"""Every report page costs the same number of queries with 10 entries as with 1,000."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from followup.reports import ReportFilters, build_report, load_choices
from strategy.models import Strategy
from tests.conftest import client_for

from .conftest import bulk_entries

pytestmark = pytest.mark.django_db

PAGES = [
    "/uppfoljning/",
    "/uppfoljning/?fran=2016&till=2018&finansiering=eu",
    "/uppfoljning/kraftsamling/2/",
    "/uppfoljning/malomrade/3/",
    "/uppfoljning/aktor/gr/",
    "/uppfoljning/insatser/",
    "/uppfoljning/insatser/?malomrade=2&ordning=-belopp&sida=2",
]


def queries_for(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


LIST_PAGES = ["/uppfoljning/insatser/", "/uppfoljning/insatser/?malomrade=2&ordning=-belopp&sida=2"]


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


def test_overview_needs_the_strategy_and_ten_more_queries(bhu_member):
    # Session, user, groups, the strategy in force (two queries once no strategy's period
    # holds today's year), four lists of choices, the strategy's years and four grouped
    # queries on the running totals.
    bulk_entries(10)
    client = client_for(bhu_member)
    with CaptureQueriesContext(connection) as strategy_queries:
        Strategy.objects.current()
    assert queries_for(client, "/uppfoljning/") == 3 + len(strategy_queries) + 4 + 1 + 4


def test_report_reuses_the_choices_the_page_already_read(vg2020):
    bulk_entries(10)
    choices = load_choices(vg2020)
    with CaptureQueriesContext(connection) as queries:
        build_report(strategy=vg2020, filters=ReportFilters(first_year=2014, last_year=2020), choices=choices)
    # The strategy's years and four grouped queries on the running totals.
    assert len(queries) == 5
