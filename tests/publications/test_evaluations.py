"""Evaluations assess each goal area on a stated scale, with its indicators and spending as evidence."""

import pytest

from publications.models import Assessment, Evaluation, PublicationStatus
from tests.conftest import client_for, make_entry

from .conftest import make_indicator

pytestmark = pytest.mark.django_db

MIDTERM = {
    "kind": "halvtid",
    "year": "2017",
    "title": "Halvtidsutvärdering av VG2020",
    "summary": "Halvvägs.",
}
URL = "/vg2020/arsrapporter/vg2020/utvardering/halvtid/"


@pytest.fixture
def midterm(admin_user):
    client_for(admin_user).post("/vg2020/arsrapporter/utvardering/ny/", MIDTERM)
    return Evaluation.objects.get()


def test_staff_create_a_midterm_evaluation_as_a_draft(midterm, admin_user):
    assert (midterm.kind, midterm.year, midterm.status, midterm.created_by) == (
        "halvtid",
        2017,
        PublicationStatus.DRAFT,
        admin_user,
    )


def test_final_evaluation_within_the_period_is_refused(admin_user):
    response = client_for(admin_user).post(
        "/vg2020/arsrapporter/utvardering/ny/", {**MIDTERM, "kind": "slut"}
    )
    assert "Slututvärderingen görs efter strategins sista år, 2020." in response.content.decode()
    assert not Evaluation.objects.exists()


def test_staff_assess_a_goal_area_on_the_scale(midterm, admin_user):
    client_for(admin_user).post(URL + "malomrade/2/", {"rating": "3", "text": "Fler fullföljer studierna."})
    assessment = Assessment.objects.get()
    assert (assessment.goal_area.number, assessment.rating) == (2, 3)


def test_rating_off_the_scale_is_refused(midterm, admin_user):
    response = client_for(admin_user).post(URL + "malomrade/2/", {"rating": "5", "text": "För bra."})
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not Assessment.objects.exists()


def test_evaluation_page_states_the_scale_and_the_rating(midterm, admin_user):
    client_for(admin_user).post(URL + "malomrade/2/", {"rating": "3", "text": "Fler fullföljer studierna."})
    page = client_for(admin_user).get(URL).content.decode()
    assert "1 – Svag utveckling mot målet" in page
    assert "4 – Målet är i huvudsak nått" in page
    assert "Bedömning: 3 – God utveckling mot målet" in page


def test_evaluation_shows_each_goal_areas_spending_per_year_as_evidence(midterm, admin_user):
    make_entry(year=2015, goal=2, amount="300000.00")
    make_entry(year=2017, goal=2, amount="200000.00")
    make_entry(year=2018, goal=2, amount="999999.00")
    response = client_for(admin_user).get(URL)
    spending = response.context["sections"][1]["spending"]
    assert [(f.label, str(f.total)) for f in spending.figures] == [
        ("2014", "0.00"),
        ("2015", "300000.00"),
        ("2016", "0.00"),
        ("2017", "200000.00"),
    ]
    assert spending.total.total == 500000


def test_evaluation_shows_the_goal_areas_indicators_with_their_verdict(midterm, admin_user):
    make_indicator(values={2014: "40", 2017: "47"})
    response = client_for(admin_user).get(URL)
    [summary] = response.context["sections"][1]["indicators"]
    assert summary.progress.label == "på väg mot målet"
    assert "Bedömning: på väg mot målet." in response.content.decode()


def test_staff_publish_an_evaluation_and_anonymous_visitors_read_it(midterm, admin_user):
    client_for(admin_user).post(URL + "publicera/")
    midterm.refresh_from_db()
    assert midterm.status == PublicationStatus.PUBLISHED
    assert client_for(None).get(URL).status_code == 200
    assert "Halvtidsutvärdering av VG2020" in client_for(None).get("/vg2020/arsrapporter/").content.decode()
