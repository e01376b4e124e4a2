"""Reference data gaps made visible (issue 12.10): VG2020 has 32 numbered priorities in nine
development areas; the names of 4–8 and 20 are in no source at hand, so they are never
invented, and the portal says which numbers are missing until an administrator adds them."""

import importlib
import io

import openpyxl
import pytest
from django.apps import apps

from strategy.models import DevelopmentArea, GoalArea, Priority, PriorityGaps, Strategy
from tests.conftest import client_for, make_entry

pytestmark = pytest.mark.django_db


def test_goal_area_1_has_its_two_development_areas(vg2020):
    goal_area = vg2020.goal_areas.get(number=1)
    assert list(goal_area.development_areas.values_list("code", "name")) == [
        ("1.1", "Ett gott klimat för kreativitet, entreprenörskap och företagande"),
        ("1.2", "Internationell konkurrenskraft genom kraftsamling på styrkeområden"),
    ]


def test_vg2020_has_nine_development_areas():
    assert DevelopmentArea.objects.filter(goal_area__strategy__slug="vg2020").count() == 9


def test_development_area_1_2_holds_no_invented_priority():
    assert not Priority.objects.filter(development_area__code="1.2").exists()


def test_vg2020_counts_the_32_priorities_of_its_own_text(vg2020):
    assert vg2020.priority_count == 32


def test_the_missing_priorities_are_the_numbers_up_to_32_not_in_the_data(vg2020):
    gaps = vg2020.priority_gaps()
    assert gaps.missing == [4, 5, 6, 7, 8, 20]
    assert gaps.present == 26
    assert gaps.label == "4–8 och 20"


def test_no_gaps_when_every_priority_is_there(vg2020):
    vg2020.priority_count = 3
    assert vg2020.priority_gaps() is None


def test_no_gaps_without_the_strategys_own_count(vg2020):
    vg2020.priority_count = None
    assert vg2020.priority_gaps() is None


@pytest.mark.parametrize(
    ("missing", "label"),
    [([20], "20"), ([4, 5], "4–5"), ([1, 3], "1 och 3"), ([1, 2, 5, 7, 8], "1–2, 5 och 7–8")],
)
def test_missing_numbers_read_as_swedish_ranges(missing, label):
    assert PriorityGaps(expected=32, missing=missing).label == label


def test_the_data_migration_keeps_a_count_an_administrator_changed(vg2020):
    migration = importlib.import_module("strategy.migrations.0005_vg2020_development_area_1_2")
    Strategy.objects.filter(pk=vg2020.pk).update(priority_count=33)
    migration.add_development_area_and_count(apps, None)
    vg2020.refresh_from_db()
    assert vg2020.priority_count == 33
    assert DevelopmentArea.objects.filter(code="1.2").count() == 1


def test_goal_area_page_says_which_priorities_are_missing_and_who_adds_them(client):
    html = client.get("/vg2020/malomrade/1/").content.decode()
    assert "Prioriteringarna 4–8 och 20 saknas i portalen." in html
    assert "Strategin har 32 numrerade prioriteringar och 26 av dem finns här." in html
    assert "En administratör lägger till dem under <em>Prioriteringar</em> i administrationen" in html


def test_goal_area_page_links_administrators_to_adding_a_priority(admin_user):
    html = client_for(admin_user).get("/vg2020/malomrade/2/").content.decode()
    assert '<a href="/admin/strategy/priority/add/">Lägg till en prioritering</a>' in html


def test_entry_form_says_which_priorities_are_missing(developer_vgr):
    html = client_for(developer_vgr).get("/vg2020/insatser/ny/").content.decode()
    assert "Prioriteringarna 4–8 och 20 saknas i portalen." in html
    assert "lämna prioriteringen tom och be en administratör lägga in den" in html


@pytest.fixture
def priority_5(admin_user) -> Priority:
    """Priority 5, added the way an administrator would: the admin's add form."""
    goal_area = GoalArea.objects.get(strategy__slug="vg2020", number=1)
    response = client_for(admin_user).post(
        "/admin/strategy/priority/add/",
        {
            "goal_area": goal_area.pk,
            "development_area": goal_area.development_areas.get(code="1.2").pk,
            "number": 5,
            "name": "Prioritering som administratören lade till",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Priority.objects.get(goal_area=goal_area, number=5)


def test_priority_added_in_admin_is_offered_in_the_entry_form(priority_5, developer_vgr):
    html = client_for(developer_vgr).get("/vg2020/insatser/ny/").content.decode()
    label = "5. Prioritering som administratören lade till (målområde 1)"
    assert f'<option value="{priority_5.pk}">{label}</option>' in html


def test_priority_added_in_admin_is_in_the_import_templates_dropdown(priority_5, developer_vgr):
    response = client_for(developer_vgr).get("/vg2020/insatser/mall/?actor=vgr&year=2016")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    _heading, *listed = [cell.value for cell in workbook["Listor"]["B"] if cell.value]
    dropdowns = {
        str(validation.sqref): validation.formula1
        for validation in workbook["Insatser"].data_validations.dataValidation
    }
    assert "5. Prioritering som administratören lade till" in listed
    assert dropdowns["G6:G505"] == f"'Listor'!$B$2:$B${len(listed) + 1}"


def test_entry_with_a_priority_added_in_admin_is_in_the_reports_priority_breakdown(priority_5, bhu_member):
    make_entry(goal=1, priority=priority_5, amount="250000.00")
    report = client_for(bhu_member).get("/vg2020/api/v1/uppfoljning/").json()
    figures = {figure["label"]: figure for figure in report["breakdowns"]["priority"]["figures"]}
    assert figures["5. Prioritering som administratören lade till"]["total"] == "250000.00"


def test_priority_added_in_admin_is_no_longer_listed_as_missing(priority_5, client):
    html = client.get("/vg2020/malomrade/1/").content.decode()
    assert "Prioriteringarna 4, 6–8 och 20 saknas i portalen." in html
