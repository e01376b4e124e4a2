import pytest
from django.core.exceptions import ValidationError

from followup.demo import DEMO_PREFIX, load_demo
from followup.models import SpendingEntry
from strategy.models import Actor

pytestmark = pytest.mark.django_db


def test_demo_entries_cover_all_six_actors_every_year_labelled_and_valid(vg2020):
    # One test: loading the demo set takes seconds, so it is loaded once and checked for all three.
    count = load_demo()

    pairs = set(SpendingEntry.objects.values_list("actor__short_name", "reporting_year__year"))
    actors = set(Actor.objects.values_list("short_name", flat=True))
    assert len(actors) == 6
    assert pairs == {(actor, year) for actor in actors for year in range(2014, 2021)}
    assert SpendingEntry.objects.count() == count
    assert not SpendingEntry.objects.exclude(title__startswith=DEMO_PREFIX).exists()
    for entry in SpendingEntry.objects.select_related(
        "reporting_year", "goal_area", "priority", "focus_area"
    ):
        try:
            entry.full_clean()
        except ValidationError as error:
            pytest.fail(f"{entry}: {error}")
