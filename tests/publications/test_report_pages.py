"""Staff write drafts in the portal and publish them, confirming a year without entries."""

import pytest

from publications.models import AnnualReport, PublicationStatus
from tests.conftest import client_for, make_entry

from .conftest import make_published_report, make_report

pytestmark = pytest.mark.django_db

FORM = {"year": "2016", "title": "Årsrapport 2016", "summary": "Året i korthet.", "narrative": "Ett.\n\nTvå."}


def test_staff_create_a_draft_through_the_form(admin_user):
    response = client_for(admin_user).post("/vg2020/arsrapporter/ny/", FORM)
    report = AnnualReport.objects.get()
    assert response["Location"] == "/vg2020/arsrapporter/vg2020/2016/"
    assert (report.title, report.status, report.created_by) == (
        "Årsrapport 2016",
        PublicationStatus.DRAFT,
        admin_user,
    )


def test_missing_title_is_listed_in_the_error_summary_linking_to_the_field(admin_user):
    response = client_for(admin_user).post("/vg2020/arsrapporter/ny/", {**FORM, "title": ""})
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert '<a href="#id_title">Rubrik: Detta fält måste fyllas i.</a>' in page
    assert not AnnualReport.objects.exists()


def test_a_second_report_for_the_same_year_is_refused(admin_user):
    make_report(year=2016)
    response = client_for(admin_user).post("/vg2020/arsrapporter/ny/", FORM)
    assert "Det finns redan en årsrapport för 2016." in response.content.decode()
    assert AnnualReport.objects.count() == 1


def test_year_outside_the_strategy_is_refused(admin_user):
    response = client_for(admin_user).post("/vg2020/arsrapporter/ny/", {**FORM, "year": "2030"})
    assert response.status_code == 200
    assert not AnnualReport.objects.exists()


def test_staff_edit_a_draft(admin_user):
    report = make_report(year=2016)
    client_for(admin_user).post("/vg2020/arsrapporter/vg2020/2016/andra/", {**FORM, "title": "Ny rubrik"})
    report.refresh_from_db()
    assert (report.title, report.updated_by) == ("Ny rubrik", admin_user)


def test_a_published_report_cannot_be_edited(admin_user):
    report = make_published_report(user=admin_user, year=2016)
    response = client_for(admin_user).post(
        "/vg2020/arsrapporter/vg2020/2016/andra/", {**FORM, "title": "Ändrad"}, follow=True
    )
    assert "En publicerad rapport ändras inte. Ingenting har ändrats." in response.content.decode()
    report.refresh_from_db()
    assert report.title == "Årsrapport 2016"


def test_publishing_a_year_with_entries_needs_only_the_confirmation_page(admin_user):
    make_entry(year=2016)
    make_report(year=2016)
    confirm = client_for(admin_user).get("/vg2020/arsrapporter/vg2020/2016/publicera/")
    assert "confirm_empty" not in confirm.content.decode()
    response = client_for(admin_user).post("/vg2020/arsrapporter/vg2020/2016/publicera/")
    assert response.status_code == 302
    assert AnnualReport.objects.get().status == PublicationStatus.PUBLISHED


def test_publishing_a_year_without_entries_asks_for_explicit_confirmation(admin_user):
    make_report(year=2016)
    response = client_for(admin_user).post("/vg2020/arsrapporter/vg2020/2016/publicera/")
    assert "Det finns inga insatser för året. Kryssa i rutan" in response.content.decode()
    assert AnnualReport.objects.get().status == PublicationStatus.DRAFT


def test_publishing_a_year_without_entries_goes_ahead_when_confirmed(admin_user):
    make_report(year=2016)
    client_for(admin_user).post("/vg2020/arsrapporter/vg2020/2016/publicera/", {"confirm_empty": "on"})
    report = AnnualReport.objects.get()
    assert report.status == PublicationStatus.PUBLISHED
    assert report.snapshot["total"]["total"] == "0.00"


def test_publishing_twice_changes_nothing(admin_user):
    make_entry(year=2016)
    report = make_published_report(user=admin_user, year=2016)
    response = client_for(admin_user).post("/vg2020/arsrapporter/vg2020/2016/publicera/", follow=True)
    assert "En publicerad rapport ändras inte" in response.content.decode()
    assert AnnualReport.objects.get().published_at == report.published_at
