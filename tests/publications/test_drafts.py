"""A draft and its parts change only while it is a draft: a change read before someone else
published it is refused when it is saved, and nothing is written."""

import pytest
from django.core.exceptions import ValidationError

from publications.models import AnnualReport, Assessment, Evaluation, EvaluationKind, Recommendation
from publications.publishing import publish, save_assessment, save_draft, save_recommendation
from strategy.models import GoalArea

from .conftest import make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def midterm(vg2020):
    return Evaluation.objects.create(
        strategy=vg2020, kind=EvaluationKind.MIDTERM, year=2017, title="Halvtid", summary="S."
    )


def test_a_change_to_a_report_published_meanwhile_is_refused(admin_user):
    report = make_report(year=2016, title="Årsrapport 2016")
    stale = AnnualReport.objects.get(pk=report.pk)
    publish(publication=report, user=admin_user)
    stale.title = "Ändrad efteråt"
    with pytest.raises(ValidationError):
        save_draft(draft=stale, user=admin_user)
    assert AnnualReport.objects.get(pk=report.pk).title == "Årsrapport 2016"


def test_a_recommendation_for_a_report_published_meanwhile_is_refused(admin_user):
    report = make_report(year=2016)
    stale = AnnualReport.objects.get(pk=report.pk)
    publish(publication=report, user=admin_user)
    with pytest.raises(ValidationError):
        save_recommendation(recommendation=Recommendation(report=stale, number=1, text="För sent."))
    assert not Recommendation.objects.exists()


def test_an_assessment_for_an_evaluation_published_meanwhile_is_refused(midterm, admin_user, vg2020):
    stale = Evaluation.objects.get(pk=midterm.pk)
    publish(publication=midterm, user=admin_user)
    assessment = Assessment(
        evaluation=stale, goal_area=GoalArea.objects.get(strategy=vg2020, number=1), rating=3, text="Bra."
    )
    with pytest.raises(ValidationError):
        save_assessment(assessment=assessment, user=admin_user)
    assert not Assessment.objects.exists()


def test_saving_an_assessment_records_who_changed_the_evaluation(midterm, admin_user, vg2020):
    assessment = Assessment(
        evaluation=midterm, goal_area=GoalArea.objects.get(strategy=vg2020, number=1), rating=3, text="Bra."
    )
    save_assessment(assessment=assessment, user=admin_user)
    assert Evaluation.objects.get(pk=midterm.pk).updated_by == admin_user


def test_publishing_an_evaluation_records_who_and_when(midterm, admin_user):
    publish(publication=midterm, user=admin_user)
    midterm.refresh_from_db()
    assert (midterm.status, midterm.published_by) == ("publicerad", admin_user)
    assert midterm.published_at is not None
