"""The annual report's draft shows the round's status; publishing a year whose round is not
complete needs an explicit confirmation."""

import pytest
from django.urls import reverse

from publications.models import AnnualReport
from reporting.models import Status as S
from tests.conftest import client_for, make_entry
from tests.publications.conftest import make_report

from .conftest import set_status

pytestmark = pytest.mark.django_db


def publish_url(report: AnnualReport) -> str:
    return reverse("publications:report_publish", kwargs={"strategy": "vg2020", "year": report.year})


def test_draft_page_shows_the_round_status(round_2016, admin_user):
    report = make_report(year=2016)
    page = client_for(admin_user).get(report.get_absolute_url()).content.decode()
    assert "Rapporteringen 2016: 0 av 6 aktörers år godkända, inte klar." in page


def test_publishing_an_incomplete_round_needs_the_confirmation(round_2016, admin_user):
    make_entry()
    report = make_report(year=2016)
    client = client_for(admin_user)
    refused = client.post(publish_url(report), {})
    assert "Rapporteringen för året är inte klar." in refused.content.decode()
    report.refresh_from_db()
    assert not report.is_published
    client.post(publish_url(report), {"confirm_round": "on"})
    report.refresh_from_db()
    assert report.is_published


def test_a_complete_round_publishes_without_the_question(round_2016, admin_user):
    make_entry()
    for actor_year in round_2016.actor_years.all():
        set_status(actor_year, S.APPROVED)
    report = make_report(year=2016)
    client_for(admin_user).post(publish_url(report), {})
    report.refresh_from_db()
    assert report.is_published
