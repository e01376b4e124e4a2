from decimal import Decimal

import pytest
from django.test import Client

from followup.models import SpendingEntry
from strategy.models import Municipality
from tests.conftest import client_for, make_entry

from .conftest import close_year, page_text

pytestmark = pytest.mark.django_db

URL = "/vg2020/insatser/kopiera/"


def test_copy_page_lists_own_entries_of_the_previous_year(developer_vgr):
    make_entry(year=2016, title="Förra årets insats")
    make_entry(year=2015, title="Äldre insats")
    make_entry(actor="GR", year=2016, title="GR:s insats")
    response = client_for(developer_vgr).get(URL, {"year": 2017})
    assert response.status_code == 200
    assert [entry.title for entry in response.context["form"].fields["entries"].queryset] == [
        "Förra årets insats"
    ]


def test_chosen_entries_are_copied_into_the_new_year_with_their_values(developer_vgr):
    borås = Municipality.objects.get(name="Borås")
    chosen = make_entry(year=2016, title="Fortsätter", amount="300000", total_project_size=Decimal("900000"))
    chosen.municipalities.set([borås])
    make_entry(year=2016, title="Avslutad")
    response = client_for(developer_vgr).post(f"{URL}?year=2017", {"entries": [chosen.pk]})
    assert response.status_code == 302
    assert response["Location"] == "/vg2020/insatser/?year=2017"
    copy = SpendingEntry.objects.get(reporting_year__year=2017)
    assert (copy.title, copy.amount, copy.total_project_size) == (
        "Fortsätter",
        Decimal("300000.00"),
        Decimal("900000"),
    )
    assert (copy.actor, copy.goal_area, copy.funding_source) == (
        chosen.actor,
        chosen.goal_area,
        chosen.funding_source,
    )
    assert list(copy.municipalities.all()) == [borås]
    assert (copy.created_by, copy.version) == (developer_vgr, 1)
    assert SpendingEntry.objects.filter(reporting_year__year=2016).count() == 2


def test_copies_are_recorded_in_history(developer_vgr):
    chosen = make_entry(year=2016)
    client_for(developer_vgr).post(f"{URL}?year=2017", {"entries": [chosen.pk]})
    copy = SpendingEntry.objects.get(reporting_year__year=2017)
    assert copy.history.get().history_user == developer_vgr


def test_another_actors_entry_id_posted_to_copy_is_refused(developer_vgr):
    theirs = make_entry(actor="GR", year=2016)
    ours = make_entry(year=2016)
    response = client_for(developer_vgr).post(f"{URL}?year=2017", {"entries": [ours.pk, theirs.pk]})
    assert response.status_code == 200
    assert "Du kan bara kopiera dina egna aktörers insatser från 2016." in page_text(response)
    assert not SpendingEntry.objects.filter(reporting_year__year=2017).exists()


def test_copy_into_a_closed_year_is_refused(developer_vgr):
    chosen = make_entry(year=2016)
    close_year(2017)
    response = client_for(developer_vgr).post(f"{URL}?year=2017", {"entries": [chosen.pk]})
    assert "Uppföljningsåret 2017 är stängt" in page_text(response)
    assert not SpendingEntry.objects.filter(reporting_year__year=2017).exists()


def test_copy_into_the_first_year_of_the_strategy_is_refused(developer_vgr):
    response = client_for(developer_vgr).post(f"{URL}?year=2014", {"entries": []})
    assert "2014 är strategins första år" in page_text(response)
    assert SpendingEntry.objects.count() == 0


def test_copying_nothing_asks_to_choose(developer_vgr):
    make_entry(year=2016)
    response = client_for(developer_vgr).post(f"{URL}?year=2017", {})
    assert response.context["form"].errors["entries"] == ["Välj minst en insats att kopiera."]
    assert SpendingEntry.objects.count() == 1


def test_bhu_member_gets_403_on_copy(bhu_member):
    chosen = make_entry(year=2016)
    assert client_for(bhu_member).post(f"{URL}?year=2017", {"entries": [chosen.pk]}).status_code == 403
    assert SpendingEntry.objects.count() == 1


def test_copy_without_csrf_token_is_refused(developer_vgr):
    chosen = make_entry(year=2016)
    client = Client(enforce_csrf_checks=True)
    client.force_login(developer_vgr)
    assert client.post(f"{URL}?year=2017", {"entries": [chosen.pk]}).status_code == 403
    assert SpendingEntry.objects.count() == 1
