"""The round's pages cost the same number of queries with 10 entries as with 1,000: the
board and the completeness check read the running totals, grouped."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import client_for
from tests.reports.conftest import bulk_entries

pytestmark = pytest.mark.django_db


def queries_for(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("role", "name", "args", "query"),
    [
        ("bhu_member", "reporting:board", [2016], ""),
        ("bhu_member", "reporting:actor_year", [2016, "vgr"], ""),
        ("developer_vgr", "reporting:submit", [2016, "vgr"], ""),
        # The entry list with its round status: tests/followup_entries/test_entry_list_pages.py
        # (its page of rows costs up to four queries more, by how many actors' rows it spans).
        ("developer_vgr", "strategy:home", [], ""),
    ],
)
def test_round_pages_cost_the_same_queries_with_10_and_1000_entries(
    request, round_2016, role, name, args, query
):
    client = client_for(request.getfixturevalue(role))
    path = reverse(name, args=args) + query
    bulk_entries(10, seed=1)
    with_ten = queries_for(client, path)
    bulk_entries(990, seed=2)
    assert queries_for(client, path) == with_ten
