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


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("role", ["bhu_member", "developer_vgr"])
def test_page_costs_the_same_queries_with_10_and_1000_entries(request, role, path):
    client = client_for(request.getfixturevalue(role))
    bulk_entries(10, seed=1)
    with_ten = queries_for(client, path)
    bulk_entries(990, seed=2)
    assert queries_for(client, path) == with_ten


def test_overview_needs_the_strategy_and_twelve_more_queries(bhu_member):
    # Session, user, groups, the data version (the page cache's key), the strategy in force
    # (two queries once no strategy's period holds today's year), four lists of choices,
    # the strategy's years, four grouped queries on the running totals and the open years.
    bulk_entries(10)
    client = client_for(bhu_member)
    with CaptureQueriesContext(connection) as strategy_queries:
        Strategy.objects.current()
    assert queries_for(client, "/uppfoljning/") == 3 + 1 + len(strategy_queries) + 4 + 1 + 4 + 1


def test_a_cached_overview_reads_no_totals(bhu_member):
    bulk_entries(10)
    client = client_for(bhu_member)
    client.get("/uppfoljning/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/uppfoljning/").status_code == 200
    assert not [query for query in queries if "followup_entrytotal" in query["sql"]]


def test_report_reuses_the_choices_the_page_already_read(vg2020):
    bulk_entries(10)
    choices = load_choices(vg2020)
    with CaptureQueriesContext(connection) as queries:
        build_report(strategy=vg2020, filters=ReportFilters(first_year=2014, last_year=2020), choices=choices)
    # The strategy's years and four grouped queries on the running totals.
    assert len(queries) == 5
