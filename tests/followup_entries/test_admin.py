import pytest

from followup.models import ReportingYear, SpendingEntry
from strategy.models import Strategy
from tests.conftest import client_for, focus_area, make_entry

from .conftest import close_year

pytestmark = pytest.mark.django_db


def test_administrator_closes_and_reopens_years_with_admin_actions(admin_user, vg2020):
    client = client_for(admin_user)
    years = ReportingYear.objects.filter(strategy=vg2020, year__in=[2014, 2015])
    ids = [str(pk) for pk in years.values_list("pk", flat=True)]

    response = client.post(
        "/admin/followup/reportingyear/", {"action": "close_selected", "_selected_action": ids}
    )

    assert response.status_code == 302
    closed = ReportingYear.objects.get(strategy=vg2020, year=2014)
    assert closed.is_closed and closed.closed_by == admin_user and closed.closed_at is not None
    assert not ReportingYear.objects.get(strategy=vg2020, year=2016).is_closed

    client.post("/admin/followup/reportingyear/", {"action": "reopen_selected", "_selected_action": ids})
    reopened = ReportingYear.objects.get(strategy=vg2020, year=2014)
    assert (reopened.is_closed, reopened.closed_by, reopened.closed_at) == (False, None, None)


def test_new_strategy_saved_in_admin_gets_its_reporting_years(admin_user):
    response = client_for(admin_user).post(
        "/admin/strategy/strategy/add/",
        {
            "slug": "vg2040",
            "short_name": "VG2040",
            "name": "Nästa strategi",
            "start_year": 2031,
            "end_year": 2040,
            "levels-TOTAL_FORMS": "0",
            "levels-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    strategy = Strategy.objects.get(slug="vg2040")
    assert list(strategy.reporting_years.values_list("year", flat=True)) == list(range(2031, 2041))


@pytest.mark.parametrize(
    "query",
    [
        "reporting_year__year=2016",
        "actor__id__exact={entry.actor_id}",
        "goal_area__id__exact={entry.goal_area_id}",
        "focus_area__id__exact={entry.focus_area_id}",
        "funding_source__exact=run",
        "q=Inkubator",
    ],
)
def test_entry_admin_filters_and_searches_find_the_entry(admin_user, query):
    entry = make_entry(title="Inkubator", focus_area=focus_area(2))
    make_entry(title="Annan", actor="GR", year=2017, goal=3, funding_source="eu")
    response = client_for(admin_user).get(f"/admin/followup/spendingentry/?{query.format(entry=entry)}")
    assert response.status_code == 200
    assert [found.title for found in response.context["cl"].result_list] == ["Inkubator"]


def test_entry_admin_filter_by_year_keeps_only_that_year(admin_user):
    make_entry(year=2016, title="Sexton")
    make_entry(year=2017, title="Sjutton")
    response = client_for(admin_user).get("/admin/followup/spendingentry/?reporting_year__year=2016")
    assert [entry.title for entry in response.context["cl"].result_list] == ["Sexton"]


def test_entry_admin_shows_history(admin_user, developer_vgr):
    entry = make_entry()
    response = client_for(admin_user).get(f"/admin/followup/spendingentry/{entry.pk}/history/")
    assert response.status_code == 200
    assert "Testinsats" in response.content.decode()


def test_entry_of_closed_year_cannot_be_changed_or_deleted_in_admin(admin_user):
    entry = make_entry(year=2014, title="Stängd")
    close_year(2014)
    client = client_for(admin_user)
    client.post(f"/admin/followup/spendingentry/{entry.pk}/delete/", {"post": "yes"})
    client.post(
        "/admin/followup/spendingentry/",
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert SpendingEntry.objects.filter(pk=entry.pk, title="Stängd").exists()


def test_change_in_admin_moves_the_version_on(admin_user):
    entry = make_entry()
    client = client_for(admin_user)
    response = client.get(f"/admin/followup/spendingentry/{entry.pk}/change/")
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(title="Ändrad i admin", municipalities=[])
    assert client.post(f"/admin/followup/spendingentry/{entry.pk}/change/", data).status_code == 302
    entry.refresh_from_db()
    assert (entry.title, entry.version, entry.updated_by) == ("Ändrad i admin", 2, admin_user)
