"""Anonymous visitors and regional developers read what is published; BHU members also read drafts;
only staff write and publish."""

import pytest

from publications.models import AnnualReport, Evaluation, PublicationStatus
from tests.conftest import client_for

from .conftest import make_published_report, make_report

pytestmark = pytest.mark.django_db

DRAFT_URL = "/vg2020/arsrapporter/vg2020/2016/"


@pytest.fixture
def draft(db):
    return make_report(year=2016, title="Hemligt utkast 2016")


def test_anonymous_visitor_gets_404_for_a_draft(draft):
    assert client_for(None).get(DRAFT_URL).status_code == 404


def test_anonymous_visitor_gets_404_for_a_drafts_pdf(draft):
    assert client_for(None).get(DRAFT_URL + "pdf/").status_code == 404


def test_regional_developer_gets_404_for_a_draft(draft, developer_vgr):
    assert client_for(developer_vgr).get(DRAFT_URL).status_code == 404


def test_bhu_member_reads_a_draft(draft, bhu_member):
    response = client_for(bhu_member).get(DRAFT_URL)
    assert response.status_code == 200
    assert "Utkast" in response.content.decode()


def test_staff_read_a_draft(draft, admin_user):
    assert client_for(admin_user).get(DRAFT_URL).status_code == 200


def test_anonymous_visitor_reads_a_published_report(admin_user):
    make_published_report(user=admin_user, year=2016, title="Årsrapport 2016")
    response = client_for(None).get(DRAFT_URL)
    assert response.status_code == 200
    assert "Årsrapport 2016" in response.content.decode()


def test_archive_lists_only_published_reports_for_anonymous_visitors(draft, admin_user):
    make_published_report(user=admin_user, year=2015, title="Offentlig rapport 2015")
    page = client_for(None).get("/vg2020/arsrapporter/").content.decode()
    assert "Offentlig rapport 2015" in page
    assert "Hemligt utkast 2016" not in page


def test_archive_lists_drafts_for_bhu_members(draft, bhu_member):
    assert "Hemligt utkast 2016" in client_for(bhu_member).get("/vg2020/arsrapporter/").content.decode()


def test_anonymous_visitor_is_sent_to_sign_in_before_writing():
    response = client_for(None).get("/vg2020/arsrapporter/ny/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logga-in/")


def test_bhu_member_may_not_create_a_report(bhu_member):
    response = client_for(bhu_member).post(
        "/vg2020/arsrapporter/ny/", {"year": "2016", "title": "X", "summary": "X", "narrative": "X"}
    )
    assert response.status_code == 403
    assert not AnnualReport.objects.exists()


def test_bhu_member_may_not_edit_a_draft(draft, bhu_member):
    response = client_for(bhu_member).post(
        DRAFT_URL + "andra/", {"year": "2016", "title": "Ändrad", "summary": "X", "narrative": "X"}
    )
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.title == "Hemligt utkast 2016"


def test_bhu_member_may_not_publish(draft, bhu_member):
    assert client_for(bhu_member).post(DRAFT_URL + "publicera/").status_code == 403
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.DRAFT


def test_regional_developer_asking_to_publish_a_draft_gets_404(draft, developer_vgr):
    assert client_for(developer_vgr).post(DRAFT_URL + "publicera/").status_code == 404
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.DRAFT


def test_anonymous_visitor_gets_404_for_a_draft_evaluation(admin_user):
    client_for(admin_user).post(
        "/vg2020/arsrapporter/utvardering/ny/",
        {"kind": "halvtid", "year": "2017", "title": "Halvtid", "summary": "S"},
    )
    assert Evaluation.objects.count() == 1
    assert client_for(None).get("/vg2020/arsrapporter/vg2020/utvardering/halvtid/").status_code == 404


def test_bhu_member_may_not_assess_a_goal_area(admin_user, bhu_member):
    client_for(admin_user).post(
        "/vg2020/arsrapporter/utvardering/ny/",
        {"kind": "halvtid", "year": "2017", "title": "Halvtid", "summary": "S"},
    )
    response = client_for(bhu_member).post(
        "/vg2020/arsrapporter/vg2020/utvardering/halvtid/malomrade/1/", {"rating": "3", "text": "Bra."}
    )
    assert response.status_code == 403
    assert not Evaluation.objects.get().assessments.exists()
