"""The report module's figures, checked against sums computed independently in Python."""

import random
from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from followup.models import FundingSource, SpendingEntry
from followup.reports import NONE_KEY, ReportFilters, build_report
from strategy.models import Actor, FocusArea, GoalArea, Priority
from tests.conftest import make_entry

pytestmark = pytest.mark.django_db

WHOLE_PERIOD = ReportFilters(first_year=2014, last_year=2020)


def random_entries(count: int, seed: int = 7) -> list[SpendingEntry]:
    rng = random.Random(seed)
    actors = list(Actor.objects.values_list("short_name", flat=True))
    goal_priorities = defaultdict(list)
    for priority in Priority.objects.filter(goal_area__strategy__slug="vg2020"):
        goal_priorities[priority.goal_area.number].append(priority)
    focus_areas = list(FocusArea.objects.filter(strategy__slug="vg2020"))
    entries = []
    for _ in range(count):
        year = rng.randint(2014, 2020)
        goal = rng.randint(1, 4)
        amount = Decimal(rng.randint(0, 5_000_000)) + Decimal(rng.randint(0, 99)) / 100
        entries.append(
            make_entry(
                actor=rng.choice(actors),
                year=year,
                goal=goal,
                amount=amount,
                priority=rng.choice([None, *goal_priorities[goal]]),
                focus_area=rng.choice([None, *focus_areas]) if year >= 2015 else None,
                funding_source=rng.choice(FundingSource.values),
                total_project_size=rng.choice([None, amount * 2, amount * 3]),
            )
        )
    return entries


def expected_totals(entries, key, years=range(2014, 2021)):
    totals = defaultdict(Decimal)
    for entry in entries:
        if entry.reporting_year.year in years:
            totals[key(entry)] += entry.amount
    return totals


def test_every_breakdown_sums_to_the_grand_total_to_the_ore(vg2020):
    entries = random_entries(150)
    report = build_report(strategy=vg2020, filters=WHOLE_PERIOD)
    grand_total = sum((entry.amount for entry in entries), Decimal(0))
    assert report.total.total == grand_total
    assert report.total.count == len(entries)
    for breakdown in report.breakdowns.values():
        assert sum((figure.total for figure in breakdown.figures), Decimal(0)) == grand_total, breakdown.title
        assert sum(figure.count for figure in breakdown.figures) == len(entries)
    for matrix in report.matrices.values():
        assert matrix.total.total == grand_total
        assert sum((row.header.total for row in matrix.rows), Decimal(0)) == grand_total
        for row in matrix.rows:
            assert sum((cell.total for cell in row.cells), Decimal(0)) == row.header.total
        for index, column in enumerate(matrix.columns):
            assert sum((row.cells[index].total for row in matrix.rows), Decimal(0)) == column.total


def test_figures_per_dimension_match_the_entries(vg2020):
    entries = random_entries(120, seed=3)
    report = build_report(strategy=vg2020, filters=WHOLE_PERIOD)

    def figures(name):
        return {figure.key: figure.total for figure in report.breakdowns[name].figures if figure.total}

    assert figures("goal_area") == expected_totals(entries, lambda e: str(e.goal_area.number))
    assert figures("actor") == expected_totals(entries, lambda e: e.actor.slug)
    assert figures("focus_area") == expected_totals(
        entries, lambda e: str(e.focus_area.number) if e.focus_area else NONE_KEY
    )
    assert figures("priority") == expected_totals(
        entries, lambda e: str(e.priority.number) if e.priority else NONE_KEY
    )
    assert figures("funding_source") == expected_totals(entries, lambda e: e.funding_source)
    assert figures("year") == expected_totals(entries, lambda e: str(e.reporting_year.year))


def test_filters_narrow_every_figure(vg2020):
    entries = random_entries(120, seed=11)
    goal = GoalArea.objects.get(strategy__slug="vg2020", number=2)
    actor = Actor.objects.get(short_name="GR")
    filters = ReportFilters(first_year=2016, last_year=2018, actor=actor, goal_area=goal)
    report = build_report(strategy=vg2020, filters=filters)
    chosen = [
        entry
        for entry in entries
        if entry.actor == actor and entry.goal_area == goal and 2016 <= entry.reporting_year.year <= 2018
    ]
    assert report.total.total == sum((entry.amount for entry in chosen), Decimal(0))
    assert [figure.key for figure in report.breakdowns["year"].figures] == ["2016", "2017", "2018"]
    assert [figure.key for figure in report.breakdowns["actor"].figures] == ["gr"]


def test_share_change_and_leverage(vg2020):
    make_entry(actor="VGR", year=2017, amount="300000", total_project_size=Decimal("900000"))
    make_entry(actor="GR", year=2017, amount="100000")
    make_entry(actor="VGR", year=2016, amount="200000")
    report = build_report(strategy=vg2020, filters=ReportFilters(first_year=2017, last_year=2017))
    vgr = next(figure for figure in report.breakdowns["actor"].figures if figure.key == "vgr")
    assert vgr.total == Decimal("300000")
    assert vgr.share == Decimal("75.0")
    assert vgr.previous_year_total == Decimal("200000")
    assert vgr.change == Decimal("100000")
    assert vgr.change_percent == Decimal("50.0")
    assert vgr.leverage == Decimal("3.00")
    gr = next(figure for figure in report.breakdowns["actor"].figures if figure.key == "gr")
    assert gr.leverage is None
    assert gr.change_percent is None


def test_snapshot_is_plain_json_with_exact_amounts(vg2020):
    import json

    make_entry(amount="1234567.89")
    snapshot = build_report(strategy=vg2020, filters=WHOLE_PERIOD).as_snapshot()
    assert json.loads(json.dumps(snapshot))["total"]["total"] == "1234567.89"


@pytest.mark.parametrize("count", [10, 300])
def test_report_costs_a_fixed_number_of_queries(vg2020, count):
    random_entries(count, seed=count)
    with CaptureQueriesContext(connection) as queries:
        build_report(strategy=vg2020, filters=WHOLE_PERIOD)
    # Four lists of choices, the strategy's years, four grouped queries on the totals and
    # the strategy's level names (its headings' words; pages have them prefetched).
    assert len(queries) == 10
