"""Recommendations are followed up year by year; later reports list them with their current status."""

import pytest

from publications.models import RecommendationStatus, RecommendationUpdate
from publications.publishing import record_follow_up
from tests.conftest import client_for

from .conftest import make_published_report, make_recommendation, make_report

pytestmark = pytest.mark.django_db


def test_follow_up_of_the_latest_year_becomes_the_current_status(admin_user):
    recommendation = make_recommendation(make_report(year=2015))
    record_follow_up(
        recommendation=recommendation, year=2017, status="genomford", response="Klart.", user=admin_user
    )
    record_follow_up(
        recommendation=recommendation, year=2016, status="pagar", response="Påbörjat.", user=admin_user
    )
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.response) == (RecommendationStatus.DONE, "Klart.")
    assert list(recommendation.updates.values_list("year", "status")) == [
        (2016, "pagar"),
        (2017, "genomford"),
    ]


def test_a_second_follow_up_of_the_same_year_replaces_the_first(admin_user):
    recommendation = make_recommendation(make_report(year=2015))
    record_follow_up(recommendation=recommendation, year=2016, status="pagar", response="", user=admin_user)
    record_follow_up(
        recommendation=recommendation, year=2016, status="avford", response="Inaktuell.", user=admin_user
    )
    assert RecommendationUpdate.objects.filter(recommendation=recommendation).count() == 1
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.DROPPED


def test_report_lists_earlier_years_recommendations_with_their_current_status(admin_user):
    earlier = make_published_report(user=admin_user, year=2015)
    recommendation = make_recommendation(
        earlier, number=2, text="Stärk samverkan kring kompetensförsörjning."
    )
    record_follow_up(recommendation=recommendation, year=2016, status="pagar", response="", user=admin_user)
    record_follow_up(
        recommendation=recommendation,
        year=2017,
        status="genomford",
        response="Ny plattform.",
        user=admin_user,
    )
    report = make_published_report(user=admin_user, year=2016)
    response = client_for(None).get(report.get_absolute_url())
    assert list(response.context["earlier_recommendations"]) == [recommendation]
    page = response.content.decode()
    assert "Stärk samverkan kring kompetensförsörjning." in page
    assert "Genomförd" in page
    assert "Ny plattform." in page


def test_report_does_not_list_later_years_recommendations(admin_user):
    make_recommendation(make_published_report(user=admin_user, year=2017), text="Senare råd.")
    report = make_published_report(user=admin_user, year=2016)
    response = client_for(None).get(report.get_absolute_url())
    assert list(response.context["earlier_recommendations"]) == []


def test_anonymous_visitor_does_not_see_recommendations_of_an_unpublished_report(admin_user):
    make_recommendation(make_report(year=2015), text="Hemligt utkast.")
    report = make_published_report(user=admin_user, year=2016)
    assert "Hemligt utkast." not in client_for(None).get(report.get_absolute_url()).content.decode()


def test_staff_follow_up_a_recommendation_through_the_portal(admin_user):
    report = make_published_report(user=admin_user, year=2015)
    recommendation = make_recommendation(report)
    url = f"/vg2020/arsrapporter/vg2020/2015/rekommendationer/{recommendation.number}/uppfoljning/"
    response = client_for(admin_user).post(
        url, {"year": "2016", "status": "pagar", "response": "Arbetet har börjat."}
    )
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.response) == ("pagar", "Arbetet har börjat.")
    assert recommendation.updates.get().updated_by == admin_user


def test_follow_up_with_an_unknown_status_is_refused_with_a_message(admin_user):
    recommendation = make_recommendation(make_published_report(user=admin_user, year=2015))
    url = "/vg2020/arsrapporter/vg2020/2015/rekommendationer/1/uppfoljning/"
    response = client_for(admin_user).post(url, {"year": "2016", "status": "klar", "response": ""})
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not recommendation.updates.exists()


def test_bhu_member_may_not_follow_up_recommendations(admin_user, bhu_member):
    recommendation = make_recommendation(make_published_report(user=admin_user, year=2015))
    url = "/vg2020/arsrapporter/vg2020/2015/rekommendationer/1/uppfoljning/"
    response = client_for(bhu_member).post(url, {"year": "2016", "status": "pagar", "response": ""})
    assert response.status_code == 403
    assert not recommendation.updates.exists()


def test_staff_add_a_numbered_recommendation_to_a_draft(admin_user):
    report = make_report(year=2016)
    response = client_for(admin_user).post(
        "/vg2020/arsrapporter/vg2020/2016/rekommendationer/ny/", {"number": "1", "text": "Fokusera på unga."}
    )
    assert response.status_code == 302
    assert list(report.recommendations.values_list("number", "text")) == [(1, "Fokusera på unga.")]


def test_recommendation_number_taken_in_the_report_is_refused(admin_user):
    report = make_report(year=2016)
    make_recommendation(report, number=1)
    response = client_for(admin_user).post(
        "/vg2020/arsrapporter/vg2020/2016/rekommendationer/ny/", {"number": "1", "text": "Dubblett."}
    )
    assert "Rapporten har redan en rekommendation nummer 1." in response.content.decode()
    assert report.recommendations.count() == 1


def test_recommendations_of_a_published_report_cannot_be_added(admin_user):
    report = make_published_report(user=admin_user, year=2016)
    response = client_for(admin_user).post(
        "/vg2020/arsrapporter/vg2020/2016/rekommendationer/ny/",
        {"number": "1", "text": "För sent."},
        follow=True,
    )
    assert "En publicerad rapport ändras inte" in response.content.decode()
    assert not report.recommendations.exists()
