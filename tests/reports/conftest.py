"""Fixtures of the report tests: many entries at once, a user without a role."""

import random
from decimal import Decimal

import pytest

from followup.models import FundingSource, ReportingYear, SpendingEntry
from strategy.models import Actor, FocusArea, GoalArea, Priority
from tests.conftest import make_user


def bulk_entries(count: int, *, seed: int = 1) -> list[SpendingEntry]:
    """`count` valid, varied entries over 2014–2020 in one bulk insert (fast at a thousand)."""
    rng = random.Random(seed)
    years = {year.year: year for year in ReportingYear.objects.filter(strategy__slug="vg2020")}
    actors = list(Actor.objects.all())
    goal_areas = list(GoalArea.objects.filter(strategy__slug="vg2020"))
    priorities = list(Priority.objects.all())
    focus_areas = list(FocusArea.objects.all())
    entries = []
    for number in range(count):
        year = rng.randint(2014, 2020)
        goal_area = rng.choice(goal_areas)
        amount = Decimal(rng.randint(0, 3_000_000)) + Decimal(rng.randint(0, 99)) / 100
        entries.append(
            SpendingEntry(
                actor=rng.choice(actors),
                reporting_year=years[year],
                title=f"Massinsats {number}",
                project_owner="Testägare AB",
                goal_area=goal_area,
                priority=rng.choice([None, *(p for p in priorities if p.goal_area_id == goal_area.pk)]),
                focus_area=rng.choice([None, *(f for f in focus_areas if f.applies_in(year))]),
                amount=amount,
                funding_source=rng.choice(FundingSource.values),
                total_project_size=rng.choice([None, amount * 2]),
            )
        )
    return SpendingEntry.objects.bulk_create(entries)


@pytest.fixture
def user_without_role(db):
    return make_user("utan.roll")
