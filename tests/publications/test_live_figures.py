"""Live figures are not published. An anonymous visitor (or a signed-in user without a role)
reads only what was published; signed-in readers of the reports (regional developers, BHU,
staff) also see how today's figures differ."""

from decimal import Decimal

import pytest

from followup.models import SpendingEntry
from publications.models import Evaluation, EvaluationKind
from publications.publishing import publish
from tests.conftest import client_for, make_entry, make_user

from .conftest import make_published_report

pytestmark = pytest.mark.django_db

REPORT_URL = "/vg2020/arsrapporter/vg2020/2016/"
EVALUATION_URL = "/vg2020/arsrapporter/vg2020/utvardering/halvtid/"
LIVE_AMOUNT = "987\u00a0654\u00a0kr"


@pytest.fixture
def changed_since_publishing(vg2020, admin_user):
    """A report and an evaluation published with 100 000 kr for 2016, edited to 987 654 kr since."""
    entry = make_entry(year=2016, goal=1, amount="100000.00")
    make_published_report(user=admin_user, year=2016)
    evaluation = Evaluation.objects.create(
        strategy=vg2020, kind=EvaluationKind.MIDTERM, year=2017, title="Halvtid", summary="S."
    )
    publish(publication=evaluation, user=admin_user)
    SpendingEntry.objects.filter(pk=entry.pk).update(amount=Decimal("987654.00"))


@pytest.mark.parametrize("url", [REPORT_URL, EVALUATION_URL])
def test_anonymous_visitor_sees_only_the_published_figures(changed_since_publishing, url):
    response = client_for(None).get(url)
    page = response.content.decode()
    assert response.context["differences"] is None
    assert "100\u00a0000\u00a0kr" in page
    assert LIVE_AMOUNT not in page
    assert "har ändrats sedan publiceringen" not in page


@pytest.mark.parametrize("url", [REPORT_URL, EVALUATION_URL])
def test_signed_in_user_without_a_role_sees_only_the_published_figures(changed_since_publishing, url):
    page = client_for(make_user("utan.roll")).get(url).content.decode()
    assert LIVE_AMOUNT not in page


@pytest.mark.parametrize("role", ["developer_vgr", "bhu_member", "admin_user"])
@pytest.mark.parametrize("url", [REPORT_URL, EVALUATION_URL])
def test_signed_in_readers_see_the_differences_with_todays_figures(
    request, changed_since_publishing, role, url
):
    response = client_for(request.getfixturevalue(role)).get(url)
    page = response.content.decode()
    assert response.context["differences"]
    assert LIVE_AMOUNT in page
    assert "har ändrats sedan publiceringen" in page


def test_anonymous_visitor_is_not_told_that_todays_figures_are_the_same(admin_user):
    make_entry(year=2016, amount="100000.00")
    make_published_report(user=admin_user, year=2016)
    assert "De aktuella siffrorna" not in client_for(None).get(REPORT_URL).content.decode()
