"""Publishing an evaluation freezes its evidence, as publishing an annual report freezes its
figures: spending per goal area and year, and the indicator values it cites. Later edits
show as differences for signed-in readers, never as changes. An evaluation cites only the
indicator values measured up to its own year."""

from decimal import Decimal

import pytest

from followup.models import SpendingEntry
from publications.models import Evaluation, EvaluationKind, IndicatorValue
from publications.publishing import publish
from tests.conftest import client_for, make_entry

from .conftest import make_indicator

pytestmark = pytest.mark.django_db

URL = "/vg2020/arsrapporter/vg2020/utvardering/halvtid/"


def make_midterm(vg2020) -> Evaluation:
    return Evaluation.objects.create(
        strategy=vg2020, kind=EvaluationKind.MIDTERM, year=2017, title="Halvtid", summary="S."
    )


def _spending(response, goal_area: int) -> list[tuple[str, Decimal]]:
    section = response.context["sections"][goal_area - 1]
    return [(figure.label, figure.total) for figure in section["spending"].figures]


def _cited_values(response, goal_area: int = 2) -> list[tuple[int, list[str]]]:
    [summary] = response.context["sections"][goal_area - 1]["indicators"]
    return [(row.year, row.values) for row in summary.rows]


@pytest.fixture
def published(vg2020, admin_user):
    entry = make_entry(year=2016, goal=2, amount="13987000.00", title="Insatsen")
    make_indicator(values={2014: "40", 2016: "45"})
    evaluation = publish(publication=make_midterm(vg2020), user=admin_user)
    return evaluation, entry


def test_publishing_an_evaluation_stores_its_evidence_with_it(published):
    evaluation, _ = published
    evaluation.refresh_from_db()
    goal_area_2 = evaluation.snapshot["goal_areas"][1]
    assert goal_area_2["number"] == 2
    assert {"year": 2016, "total": "13987000.00", "count": 1} in goal_area_2["spending"]
    [indicator] = evaluation.snapshot["indicators"]
    assert [(value["year"], Decimal(value["value"])) for value in indicator["values"]] == [
        (2014, Decimal("40")),
        (2016, Decimal("45")),
    ]


def test_an_entry_edited_after_publishing_leaves_the_evidence_unchanged(published):
    _, entry = published
    SpendingEntry.objects.filter(pk=entry.pk).update(amount=Decimal("13997000.00"))
    response = client_for(None).get(URL)
    assert ("2016", Decimal("13987000.00")) in _spending(response, goal_area=2)
    assert "13\u00a0987\u00a0000\u00a0kr" in response.content.decode()
    assert "13\u00a0997\u00a0000" not in response.content.decode()


def test_an_indicator_value_changed_after_publishing_leaves_the_cited_value_unchanged(published):
    IndicatorValue.objects.filter(year=2016).update(value=Decimal("30"))
    IndicatorValue.objects.create(indicator=IndicatorValue.objects.first().indicator, year=2017, value=50)
    response = client_for(None).get(URL)
    assert _cited_values(response) == [(2014, ["40"]), (2016, ["45"])]
    assert "Bedömning: på väg mot målet." in response.content.decode()


def test_a_signed_in_reader_sees_how_todays_evidence_differs(published, bhu_member):
    _, entry = published
    SpendingEntry.objects.filter(pk=entry.pk).update(amount=Decimal("13997000.00"))
    IndicatorValue.objects.filter(year=2016).update(value=Decimal("30"))
    response = client_for(bhu_member).get(URL)
    differences = response.context["differences"]
    assert [(d.section, d.label, d.published, d.now) for d in differences.spending] == [
        ("Målområde 2: insatser per år", "2016", Decimal("13987000.00"), Decimal("13997000.00"))
    ]
    assert [(d.area, d.year, d.published, d.now) for d in differences.values] == [
        ("Västra Götalands län", 2016, Decimal("45"), Decimal("30"))
    ]
    assert "Underlaget har ändrats sedan publiceringen" in response.content.decode()


def test_a_signed_in_reader_is_told_when_nothing_differs(published, bhu_member):
    response = client_for(bhu_member).get(URL)
    assert not response.context["differences"]
    assert "Det aktuella underlaget är detsamma som det publicerade." in response.content.decode()


def test_a_draft_evaluation_of_2017_cites_only_values_measured_up_to_2017(vg2020, bhu_member):
    make_midterm(vg2020)
    make_indicator(values={2014: "40", 2017: "47", 2019: "30"})
    response = client_for(bhu_member).get(URL)
    assert _cited_values(response) == [(2014, ["40"]), (2017, ["47"])]
    [summary] = response.context["sections"][1]["indicators"]
    assert (summary.progress.latest_year, summary.progress.label) == (2017, "på väg mot målet")


def test_a_published_evaluation_of_2017_freezes_only_values_measured_up_to_2017(vg2020, admin_user):
    make_indicator(values={2014: "40", 2017: "47", 2019: "30"})
    evaluation = publish(publication=make_midterm(vg2020), user=admin_user)
    [indicator] = evaluation.snapshot["indicators"]
    assert [value["year"] for value in indicator["values"]] == [2014, 2017]
