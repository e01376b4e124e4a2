from decimal import Decimal

import pytest
from django.test import Client

from followup.models import SpendingEntry
from tests.conftest import client_for, focus_area

from .conftest import close_year, entry_count, entry_data, page_text, priority

pytestmark = pytest.mark.django_db

URL = "/vg2020/insatser/ny/"


def test_developer_sees_the_empty_form_with_hints(developer_vgr):
    response = client_for(developer_vgr).get(URL)
    assert response.status_code == 200
    html = page_text(response)
    assert "Lägg in en ny insats" in html
    assert "Till exempel 1 234 567 eller 1234567,50." in html
    assert 'aria-describedby="id_amount_helptext"' in html


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1 234 567", Decimal("1234567.00")),
        ("1234567,50", Decimal("1234567.50")),
        ("1 234 567 kr", Decimal("1234567.00")),
        ("1\u00a0234\u00a0567", Decimal("1234567.00")),
    ],
)
def test_amounts_are_read_as_people_type_them(developer_vgr, typed, stored):
    response = client_for(developer_vgr).post(URL, entry_data(amount=typed))
    entry = SpendingEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/vg2020/insatser/{entry.pk}/"
    assert entry.amount == stored


def test_new_entry_records_who_created_it_and_starts_at_version_one(developer_vgr, vg2020):
    client_for(developer_vgr).post(URL, entry_data(total_project_size="2 000 000", year=2017))
    entry = SpendingEntry.objects.get()
    assert entry.created_by == developer_vgr
    assert entry.updated_by == developer_vgr
    assert entry.version == 1
    assert entry.reporting_year.year == 2017
    assert entry.total_project_size == Decimal("2000000.00")


def test_new_entry_keeps_chosen_municipalities(developer_vgr):
    from strategy.models import Municipality

    borås, alingsås = Municipality.objects.get(name="Borås"), Municipality.objects.get(name="Alingsås")
    data = entry_data()
    client_for(developer_vgr).post(URL, {**data, "municipalities": [borås.pk, alingsås.pk]})
    assert set(SpendingEntry.objects.get().municipalities.all()) == {borås, alingsås}


def test_priority_and_focus_area_in_force_are_accepted(developer_vgr):
    data = entry_data(goal=1, priority=priority(3).pk, focus_area=focus_area(1).pk, year=2016)
    response = client_for(developer_vgr).post(URL, data)
    assert response.status_code == 302
    entry = SpendingEntry.objects.get()
    assert (entry.priority.number, entry.focus_area.number) == (3, 1)


@pytest.mark.parametrize("typed", ["-5 000", "−5000"])
def test_negative_amount_is_refused(developer_vgr, typed):
    response = client_for(developer_vgr).post(URL, entry_data(amount=typed))
    assert response.status_code == 200
    assert "Beloppet kan inte vara negativt." in page_text(response)
    assert entry_count() == 0


@pytest.mark.parametrize("typed", ["tusen kronor", "12abc", "1,2,3"])
def test_non_numeric_amount_is_refused(developer_vgr, typed):
    response = client_for(developer_vgr).post(URL, entry_data(amount=typed))
    assert response.status_code == 200
    assert response.context["form"].errors["amount"]
    assert entry_count() == 0


def test_error_summary_links_to_the_field_in_error(developer_vgr):
    response = client_for(developer_vgr).post(URL, entry_data(amount="tusen", title=""))
    html = page_text(response)
    assert 'class="error-summary"' in html
    assert '<a href="#id_amount">Beviljat belopp (kr): Ange beloppet i kronor med siffror' in html
    assert '<a href="#id_title">Rubrik: Ange insatsens rubrik.</a>' in html
    assert 'aria-invalid="true"' in html
    assert entry_count() == 0


def test_priority_under_another_goal_area_is_refused_on_the_priority_field(developer_vgr):
    # Priority 9 belongs to goal area 2.
    response = client_for(developer_vgr).post(URL, entry_data(goal=1, priority=priority(9).pk))
    assert response.status_code == 200
    assert response.context["form"].errors["priority"] == [
        "Prioritering 9 hör till målområde 2, inte till det valda målområdet."
    ]
    assert entry_count() == 0


def test_focus_area_not_in_force_that_year_is_refused_on_the_focus_area_field(developer_vgr):
    response = client_for(developer_vgr).post(URL, entry_data(year=2014, focus_area=focus_area(1).pk))
    assert response.status_code == 200
    assert response.context["form"].errors["focus_area"] == [
        "Kraftsamlingsområdet gäller inte 2014 (det gäller från 2015)."
    ]
    assert entry_count() == 0


def test_total_project_size_below_the_amount_is_refused(developer_vgr):
    response = client_for(developer_vgr).post(URL, entry_data(amount="500 000", total_project_size="400 000"))
    assert (
        "kan inte vara mindre än det beviljade beloppet"
        in response.context["form"].errors["total_project_size"][0]
    )
    assert entry_count() == 0


@pytest.mark.parametrize("year", ["2013", "2021", "tjugo"])
def test_year_outside_the_strategy_is_refused(developer_vgr, year):
    response = client_for(developer_vgr).post(URL, entry_data(reporting_year=year))
    assert response.status_code == 200
    assert response.context["form"].errors["reporting_year"] == [
        "Året ska ligga inom strategins period, 2014–2020."
    ]
    assert entry_count() == 0


def test_closed_year_is_refused_with_a_clear_message(developer_vgr):
    close_year(2015)
    response = client_for(developer_vgr).post(URL, entry_data(year=2015))
    assert response.status_code == 200
    assert (
        "Uppföljningsåret 2015 är stängt och sammanställt. Ingenting har ändrats."
        in (response.context["form"].errors["reporting_year"][0])
    )
    assert entry_count() == 0


def test_closed_years_are_not_offered_in_the_form(developer_vgr):
    close_year(2015)
    form = client_for(developer_vgr).get(URL).context["form"]
    offered = [value for value, _ in form.fields["reporting_year"].widget.choices]
    assert 2015 not in offered
    assert 2016 in offered


def test_actor_the_developer_does_not_belong_to_is_refused(developer_vgr):
    response = client_for(developer_vgr).post(URL, entry_data(actor="GR"))
    assert response.status_code == 200
    assert response.context["form"].errors["actor"] == [
        "Du kan bara rapportera insatser för aktörer du tillhör."
    ]
    assert entry_count() == 0


def test_actor_choices_are_only_the_developers_own(developer_vgr):
    form = client_for(developer_vgr).get(URL).context["form"]
    assert [actor.short_name for actor in form.fields["actor"].queryset] == ["VGR"]


def test_post_without_csrf_token_is_refused(developer_vgr):
    client = Client(enforce_csrf_checks=True)
    client.force_login(developer_vgr)
    response = client.post(URL, entry_data())
    assert response.status_code == 403
    assert entry_count() == 0


def test_bhu_member_may_not_create_entries(bhu_member):
    client = client_for(bhu_member)
    assert client.get(URL).status_code == 403
    assert client.post(URL, entry_data()).status_code == 403
    assert entry_count() == 0


def test_administrator_enters_figures_in_admin_not_in_the_developer_forms(admin_user):
    assert client_for(admin_user).post(URL, entry_data()).status_code == 403
    assert entry_count() == 0


def test_anonymous_visitor_is_sent_to_sign_in(db):
    response = Client().post(URL, entry_data())
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logga-in/?next=")
    assert entry_count() == 0
