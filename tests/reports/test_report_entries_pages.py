"""The drill-down list at any size: its total and count (from the running totals) are
those of the entries its pages show, in every sort order, read from either end."""

from decimal import Decimal

import pytest
from django.urls import reverse

from followup.models import SpendingEntry
from tests.conftest import client_for

from .conftest import bulk_entries

pytestmark = pytest.mark.django_db


def every_page(client, query: dict) -> tuple[list[SpendingEntry], object]:
    first = client.get(reverse("followup:report_entries"), query)
    shown = list(first.context["page"].object_list)
    for number in range(2, first.context["page"].paginator.num_pages + 1):
        shown += client.get(reverse("followup:report_entries"), query | {"sida": number}).context["page"]
    return shown, first.context["totals"]


@pytest.mark.parametrize(
    ("ordering", "key"),
    [
        ("", lambda entry: (entry.reporting_year.year, entry.actor.name, entry.title, entry.pk)),
        ("belopp", lambda entry: (entry.amount, entry.pk)),
        ("-belopp", lambda entry: (-entry.amount, -entry.pk)),
    ],
)
def test_pages_show_each_entry_once_in_order_and_sum_to_the_total(bhu_member, ordering, key):
    entries = bulk_entries(230, seed=7)
    shown, totals = every_page(client_for(bhu_member), {"fran": "2014", "till": "2020", "ordning": ordering})
    stored = SpendingEntry.objects.select_related("reporting_year", "actor").filter(
        pk__in=[entry.pk for entry in entries]
    )
    assert [entry.pk for entry in shown] == [entry.pk for entry in sorted(stored, key=key)]
    assert totals.count == len(shown) == 230
    assert totals.total == sum((entry.amount for entry in shown), Decimal(0))


def test_a_filtered_list_counts_and_sums_what_it_shows(bhu_member):
    bulk_entries(300, seed=8)
    query = {"fran": "2016", "till": "2018", "malomrade": "2"}
    shown, totals = every_page(client_for(bhu_member), query)
    expected = SpendingEntry.objects.filter(reporting_year__year__range=(2016, 2018), goal_area__number=2)
    assert sorted(entry.pk for entry in shown) == sorted(expected.values_list("pk", flat=True))
    assert (totals.count, totals.total) == (len(shown), sum((e.amount for e in shown), Decimal(0)))


def test_a_developer_pages_through_own_actors_entries_only(developer_vgr):
    bulk_entries(400, seed=9)
    shown, totals = every_page(client_for(developer_vgr), {"fran": "2014", "till": "2020"})
    own = SpendingEntry.objects.filter(actor__short_name="VGR")
    assert sorted(entry.pk for entry in shown) == sorted(own.values_list("pk", flat=True))
    assert totals.visible_count == len(shown) < totals.count == 400
    assert totals.visible_total == sum((entry.amount for entry in shown), Decimal(0))
