import csv
from pathlib import Path

import pytest
from django.apps import apps

from strategy import reference_data
from strategy.models import Actor, DevelopmentArea, FocusArea, GoalArea, Municipality, Priority

pytestmark = pytest.mark.django_db


def test_vg2020_has_four_goal_areas_with_taglines(vg2020):
    goal_areas = list(vg2020.goal_areas.order_by("number"))
    assert [area.name for area in goal_areas] == [
        "En ledande kunskapsregion",
        "En region för alla",
        "En region som tar globalt ansvar",
        "En region som syns och engagerar",
    ]
    assert goal_areas[0].tagline.startswith("Invånarnas kompetens är den viktigaste tillgången")


def test_strategy_period_is_2014_to_2020(vg2020):
    assert list(vg2020.years) == [2014, 2015, 2016, 2017, 2018, 2019, 2020]
    assert list(vg2020.reporting_years.values_list("year", flat=True)) == list(vg2020.years)


def test_priorities_sit_under_their_development_area_and_goal():
    priority = Priority.objects.get(number=17)
    assert priority.development_area.code == "2.3"
    assert priority.goal_area.number == 2
    assert priority.development_area.goal_area == priority.goal_area


def test_priorities_missing_from_public_sources_are_not_invented():
    numbers = set(Priority.objects.values_list("number", flat=True))
    assert numbers.isdisjoint({4, 5, 6, 7, 8, 20})
    assert len(numbers) == 26


def test_five_focus_areas_apply_from_2015(vg2020):
    focus_areas = FocusArea.objects.filter(strategy=vg2020)
    assert focus_areas.count() == 5
    assert set(focus_areas.values_list("first_year", flat=True)) == {2015}
    assert [area for area in focus_areas if area.applies_in(2014)] == []
    assert len([area for area in focus_areas if area.applies_in(2020)]) == 5
    assert all(area.goal_areas.exists() for area in focus_areas)


def test_six_actors_with_kinds():
    kinds = dict(Actor.objects.values_list("short_name", "kind"))
    assert kinds == {
        "VGR": "region",
        "GR": "kommunalforbund",
        "Fyrbodal": "kommunalforbund",
        "Skaraborg": "kommunalforbund",
        "Boråsregionen": "kommunalforbund",
        "BRG": "naringslivsbolag",
    }


def test_the_49_municipalities_of_vastra_gotaland_are_each_in_their_association():
    expected = {}
    source = Path(reference_data.DATA_DIR) / "municipalities.csv"
    with open(source, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            expected[row["municipality_code"]] = row["association_short_name"]

    in_county = Municipality.objects.filter(county_code="14")
    assert in_county.count() == 49
    loaded = dict(Municipality.objects.values_list("code", "association__short_name"))
    assert loaded == expected
    assert loaded["1480"] == "GR"  # Göteborg
    assert loaded["1490"] == "Boråsregionen"  # Borås
    assert loaded["1496"] == "Skaraborg"  # Skövde
    assert loaded["1486"] == "Fyrbodal"  # Strömstad


def test_kungsbacka_is_a_gr_member_outside_the_county():
    kungsbacka = Municipality.objects.get(code="1384")
    assert kungsbacka.county_code == "13"
    assert kungsbacka.association.short_name == "GR"


def test_association_member_counts():
    counts = {actor.short_name: actor.municipalities.count() for actor in Actor.objects.all()}
    assert counts == {"GR": 13, "Fyrbodal": 14, "Skaraborg": 15, "Boråsregionen": 8, "VGR": 0, "BRG": 0}


def test_loading_again_changes_nothing():
    before = [
        model.objects.count()
        for model in (GoalArea, DevelopmentArea, Priority, FocusArea, Actor, Municipality)
    ]
    reference_data.load(apps)
    after = [
        model.objects.count()
        for model in (GoalArea, DevelopmentArea, Priority, FocusArea, Actor, Municipality)
    ]
    assert after == before
