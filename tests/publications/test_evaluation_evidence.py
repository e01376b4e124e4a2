"""An evaluation's evidence of spending: each goal area's amounts per year, read from the
running totals in one grouped query, equal the entries' own sums, at a fixed cost."""

from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from followup.models import SpendingEntry
from publications.models import Evaluation, EvaluationKind
from publications.queries import spending_per_goal_area
from strategy.models import GoalArea
from tests.conftest import client_for
from tests.reports.conftest import bulk_entries

pytestmark = pytest.mark.django_db

ZERO = Decimal("0.00")


def _entries_own_sums(*, last_year: int) -> dict[tuple[int, str], tuple[Decimal, int]]:
    """(goal area pk, year or "Totalt") → (amount, count), summed in Python from the entries."""
    sums: dict[tuple[int, str], tuple[Decimal, int]] = defaultdict(lambda: (ZERO, 0))
    for entry in SpendingEntry.objects.select_related("reporting_year"):
        if entry.reporting_year.year <= last_year:
            for key in ((entry.goal_area_id, str(entry.reporting_year.year)), (entry.goal_area_id, "Totalt")):
                total, count = sums[key]
                sums[key] = (total + entry.amount, count + 1)
    return dict(sums)


def test_each_goal_areas_spending_per_year_equals_the_entries_own_sums(vg2020):
    bulk_entries(300, seed=3)
    # Changed and removed after they were written, so the running totals had to follow.
    moved = SpendingEntry.objects.filter(reporting_year__year=2015).first()
    moved.goal_area = GoalArea.objects.get(strategy=vg2020, number=4)
    moved.amount = Decimal("1234.56")
    moved.save()
    SpendingEntry.objects.filter(reporting_year__year=2016).first().delete()

    spending = spending_per_goal_area(strategy=vg2020, last_year=2017)

    shown = {
        (area.pk, figure.label): (figure.total, figure.count)
        for area, by_year in spending.items()
        for figure in [*by_year.figures, by_year.total]
    }
    expected = _entries_own_sums(last_year=2017)
    # Every year and goal area is shown, at zero where nothing was reported.
    assert set(expected) <= set(shown)
    assert shown == {key: expected.get(key, (ZERO, 0)) for key in shown}


def test_spending_lists_every_goal_area_by_number_and_every_year_to_the_last(vg2020):
    spending = spending_per_goal_area(strategy=vg2020, last_year=2016)
    assert [area.number for area in spending] == [1, 2, 3, 4]
    assert [figure.label for figure in spending[GoalArea.objects.get(strategy=vg2020, number=3)].figures] == [
        "2014",
        "2015",
        "2016",
    ]


@pytest.mark.parametrize("entries", [10, 500])
def test_spending_per_goal_area_costs_three_queries_however_many_entries(vg2020, entries):
    bulk_entries(entries)
    with CaptureQueriesContext(connection) as queries:
        spending_per_goal_area(strategy=vg2020, last_year=2020)
    # The goal areas, the reporting years, one grouped query over the running totals.
    assert len(queries) == 3


def _queries_for_page(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/vg2020/arsrapporter/vg2020/utvardering/halvtid/")
    assert response.status_code == 200
    return len(queries)


def test_evaluation_page_costs_the_same_queries_with_10_and_500_entries(vg2020, bhu_member):
    Evaluation.objects.create(
        strategy=vg2020, kind=EvaluationKind.MIDTERM, year=2017, title="Halvtid", summary="S."
    )
    client = client_for(bhu_member)
    bulk_entries(10, seed=1)
    with_ten = _queries_for_page(client)
    bulk_entries(490, seed=2)
    assert _queries_for_page(client) == with_ten
