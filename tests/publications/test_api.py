"""The published-figures API: published annual reports and their frozen figures, for everyone."""

from decimal import Decimal

import pytest
from django.utils import timezone

from followup.models import SpendingEntry
from tests.conftest import client_for, make_entry

from .conftest import make_published_report, make_report
from .test_snapshot import older_snapshot_of_2016

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(admin_user):
    make_entry(title="Alfa", amount="250000.00")
    make_entry(actor="GR", title="Beta", amount="50000.50", goal=2)
    return make_published_report(user=admin_user, year=2016)


def test_list_shows_only_published_reports_to_anonymous_readers(published):
    make_report(year=2017, title="Utkast 2017")
    response = client_for(None).get("/vg2020/api/v1/arsrapporter/")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    assert data["results"] == [
        {
            "strategy": "vg2020",
            "year": 2016,
            "title": "Årsrapport 2016",
            "published_at": timezone.localtime(published.published_at).isoformat(timespec="seconds"),
            "url": "http://testserver/vg2020/api/v1/arsrapporter/vg2020/2016/",
            "page": "http://testserver/vg2020/arsrapporter/vg2020/2016/",
        }
    ]


def test_anonymous_reader_gets_the_frozen_figures_of_a_published_report(published):
    response = client_for(None).get("/vg2020/api/v1/arsrapporter/vg2020/2016/")
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Årsrapport 2016"
    assert data["snapshot"] == published.snapshot
    assert Decimal(data["snapshot"]["total"]["total"]) == sum(
        (entry.amount for entry in SpendingEntry.objects.filter(reporting_year__year=2016)), Decimal(0)
    )


def test_published_figures_stay_frozen_after_an_entry_is_edited(published, bhu_member):
    SpendingEntry.objects.filter(title="Alfa").update(amount=Decimal("999999.00"))
    make_entry(title="Sen insats", amount="1000.00")
    frozen = client_for(None).get("/vg2020/api/v1/arsrapporter/vg2020/2016/").json()
    assert frozen["snapshot"]["total"]["total"] == "300000.50"
    today = client_for(bhu_member).get("/vg2020/api/v1/uppfoljning/?fran=2016&till=2016").json()
    assert today["total"]["total"] == "1050999.50"
    assert SpendingEntry.objects.get(title="Alfa").amount == Decimal("999999.00")


@pytest.mark.parametrize("role", [None, "developer_vgr", "bhu_member", "admin_user"])
def test_a_draft_is_404_for_everyone_even_those_who_read_drafts(request, role):
    make_report(year=2016)
    user = request.getfixturevalue(role) if role else None
    response = client_for(user).get("/vg2020/api/v1/arsrapporter/vg2020/2016/")
    assert response.status_code == 404
    assert response.json() == {"error": "Det finns ingen publicerad årsrapport för vg2020 2016."}


def test_drafts_are_left_out_of_the_list_for_staff_too(admin_user):
    make_report(year=2016)
    assert client_for(admin_user).get("/vg2020/api/v1/arsrapporter/").json() == {"results": [], "count": 0}


def test_a_missing_report_is_404_with_a_swedish_message(published):
    response = client_for(None).get("/vg2020/api/v1/arsrapporter/vg2020/2019/")
    assert response.status_code == 404
    assert "ingen publicerad årsrapport" in response.json()["error"]


@pytest.mark.parametrize("path", ["/vg2020/api/v1/arsrapporter/", "/vg2020/api/v1/arsrapporter/vg2020/2016/"])
def test_the_api_is_read_only(published, admin_user, path):
    assert client_for(admin_user).post(path).status_code == 405


def test_an_older_snapshot_is_served_without_a_year_outside_its_period(admin_user):
    """Snapshots frozen before one-year reports stopped listing the year before keep it in
    the database; the API leaves it out, and the stored snapshot stays as it was."""
    report = make_published_report(user=admin_user, year=2016)
    stored = older_snapshot_of_2016()
    type(report).objects.filter(pk=report.pk).update(snapshot=stored)

    api = client_for(None).get("/vg2020/api/v1/arsrapporter/vg2020/2016/").json()

    assert [figure["key"] for figure in api["snapshot"]["breakdowns"]["year"]["figures"]] == ["2016"]
    report.refresh_from_db()
    assert report.snapshot == stored
