"""Published means published in Django admin too: a published annual report or evaluation, and
its recommendations and assessments, are read-only and cannot be deleted. A correction is a
new, recorded act (an erratum with who and when), shown on the page and in the API, while the
published PDF stays as it was."""

import pytest
from django.urls import reverse

from publications.models import (
    AnnualReport,
    Assessment,
    Erratum,
    Evaluation,
    EvaluationKind,
    PublishedPdf,
    Recommendation,
)
from publications.publishing import publish
from strategy.models import GoalArea
from tests.conftest import client_for, make_entry

from .conftest import make_recommendation, make_report

pytestmark = pytest.mark.django_db

CHANGE = {
    "strategy": "",
    "year": "2016",
    "title": "Ändrad i admin",
    "summary": "Ändrad.",
    "narrative": "Ändrad.",
    "recommendations-TOTAL_FORMS": "1",
    "recommendations-INITIAL_FORMS": "1",
    "recommendations-0-id": "",
    "recommendations-0-report": "",
    "recommendations-0-number": "1",
    "recommendations-0-text": "Ändrad rekommendation.",
    "errata-TOTAL_FORMS": "0",
    "errata-INITIAL_FORMS": "0",
}


@pytest.fixture
def report(admin_user) -> AnnualReport:
    make_entry(year=2016)
    draft = make_report(year=2016, title="Årsrapport 2016")
    make_recommendation(draft, text="Samla insatserna.")
    return publish(publication=draft, user=admin_user)


@pytest.fixture
def evaluation(vg2020, admin_user) -> Evaluation:
    draft = Evaluation.objects.create(
        strategy=vg2020, kind=EvaluationKind.MIDTERM, year=2017, title="Halvtid", summary="S."
    )
    Assessment.objects.create(
        evaluation=draft, goal_area=GoalArea.objects.get(strategy=vg2020, number=1), rating=3, text="Bra."
    )
    return publish(publication=draft, user=admin_user)


def _change_url(obj) -> str:
    return reverse(f"admin:publications_{obj._meta.model_name}_change", args=[obj.pk])


def _delete_url(obj) -> str:
    return reverse(f"admin:publications_{obj._meta.model_name}_delete", args=[obj.pk])


def test_admin_shows_a_published_report_read_only_without_delete(report, admin_user):
    page = client_for(admin_user).get(_change_url(report)).content.decode()
    assert 'name="title"' not in page
    assert 'name="recommendations-0-text"' not in page
    assert "Samla insatserna." in page
    assert _delete_url(report) not in page
    assert 'name="_save"' not in page


def test_admin_refuses_a_post_changing_a_published_report(report, admin_user):
    CHANGE["strategy"], CHANGE["recommendations-0-report"] = str(report.strategy_id), str(report.pk)
    CHANGE["recommendations-0-id"] = str(report.recommendations.get().pk)
    response = client_for(admin_user).post(_change_url(report), CHANGE)
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.title == "Årsrapport 2016"
    assert report.recommendations.get().text == "Samla insatserna."


def test_admin_refuses_to_delete_a_published_report(report, admin_user):
    client = client_for(admin_user)
    assert client.get(_delete_url(report)).status_code == 403
    assert client.post(_delete_url(report), {"post": "yes"}).status_code == 403
    assert AnnualReport.objects.filter(pk=report.pk).exists()


def test_admin_bulk_delete_leaves_a_published_report(report, admin_user):
    changelist = reverse("admin:publications_annualreport_changelist")
    client_for(admin_user).post(
        changelist, {"action": "delete_selected", "_selected_action": [report.pk], "post": "yes"}
    )
    assert AnnualReport.objects.filter(pk=report.pk).exists()


def test_admin_refuses_changing_or_deleting_a_published_reports_recommendation(report, admin_user):
    recommendation = report.recommendations.get()
    client = client_for(admin_user)
    data = {"report": report.pk, "number": "1", "text": "Ändrad.", "updates-TOTAL_FORMS": "0"}
    assert client.post(_change_url(recommendation), data).status_code == 403
    assert client.post(_delete_url(recommendation), {"post": "yes"}).status_code == 403
    assert Recommendation.objects.get(pk=recommendation.pk).text == "Samla insatserna."


def test_admin_shows_a_published_evaluation_read_only_and_refuses_to_delete_it(evaluation, admin_user):
    client = client_for(admin_user)
    page = client.get(_change_url(evaluation)).content.decode()
    assert 'name="title"' not in page
    assert 'name="assessments-0-text"' not in page
    assert client.post(_delete_url(evaluation), {"post": "yes"}).status_code == 403
    assert Evaluation.objects.filter(pk=evaluation.pk).exists()


def test_admin_still_edits_a_draft(admin_user):
    draft = make_report(year=2016)
    page = client_for(admin_user).get(_change_url(draft)).content.decode()
    assert 'name="title"' in page
    assert _delete_url(draft) in page


def _record_erratum(client, report: AnnualReport, text: str = "Rekommendation 1 gäller 2017, inte 2016."):
    return client.post(reverse("admin:publications_erratum_add"), {"annual_report": report.pk, "text": text})


def test_staff_record_an_erratum_with_who_and_when(report, admin_user):
    response = _record_erratum(client_for(admin_user), report)
    assert response.status_code == 302
    erratum = Erratum.objects.get()
    assert (erratum.annual_report, erratum.recorded_by) == (report, admin_user)
    assert erratum.recorded_at is not None


def test_the_erratum_is_shown_to_everyone_on_the_page_and_in_the_api(report, admin_user):
    _record_erratum(client_for(admin_user), report)
    page = client_for(None).get(report.get_absolute_url()).content.decode()
    assert "Rättelse" in page
    assert "Rekommendation 1 gäller 2017, inte 2016." in page
    [erratum] = client_for(None).get("/vg2020/api/v1/arsrapporter/vg2020/2016/").json()["errata"]
    assert (erratum["text"], erratum["recorded_by"]) == ("Rekommendation 1 gäller 2017, inte 2016.", "Ada")


def test_the_published_pdf_stays_as_published_after_an_erratum(report, admin_user):
    before = bytes(PublishedPdf.objects.get(annual_report=report).content)
    _record_erratum(client_for(admin_user), report)
    assert client_for(None).get("/vg2020/arsrapporter/vg2020/2016/pdf/").content == before


def test_a_draft_cannot_be_given_an_erratum(admin_user):
    draft = make_report(year=2016)
    response = _record_erratum(client_for(admin_user), draft)
    assert response.status_code == 200
    assert not Erratum.objects.exists()


def test_an_erratum_cannot_be_changed_or_deleted(report, admin_user):
    client = client_for(admin_user)
    _record_erratum(client, report)
    erratum = Erratum.objects.get()
    response = client.post(_change_url(erratum), {"annual_report": report.pk, "text": "Ny text."})
    assert response.status_code == 403
    assert client.post(_delete_url(erratum), {"post": "yes"}).status_code == 403
    assert Erratum.objects.get().text == "Rekommendation 1 gäller 2017, inte 2016."
