"""Publishing freezes the year's figures; later edits show as differences, never as changes."""

from decimal import Decimal

import pytest

from publications.models import AnnualReport, PublicationStatus
from publications.snapshots import compare_snapshots
from tests.conftest import client_for, make_entry

from .conftest import make_published_report, make_report

pytestmark = pytest.mark.django_db


def test_publishing_stores_the_years_figures_with_the_report(admin_user):
    make_entry(year=2016, goal=1, amount="100000.00")
    make_entry(year=2016, goal=2, amount="50000.00")
    make_entry(year=2017, goal=1, amount="999.00")
    report = make_published_report(user=admin_user, year=2016)
    report.refresh_from_db()
    assert report.status == PublicationStatus.PUBLISHED
    assert report.published_by == admin_user
    assert report.snapshot["total"]["total"] == "150000.00"
    goal_areas = {f["key"]: f["total"] for f in report.snapshot["breakdowns"]["goal_area"]["figures"]}
    assert (goal_areas["1"], goal_areas["2"]) == ("100000.00", "50000.00")


def test_editing_an_entry_after_publishing_leaves_the_published_figures_unchanged(admin_user, bhu_member):
    entry = make_entry(year=2016, goal=1, amount="100000.00")
    make_published_report(user=admin_user, year=2016)
    entry.amount = Decimal("250000.00")
    entry.save()
    report = AnnualReport.objects.get(year=2016)
    assert report.snapshot["total"]["total"] == "100000.00"
    page = client_for(bhu_member).get(report.get_absolute_url()).content.decode()
    assert "100\u00a0000\u00a0kr" in page
    assert "De aktuella siffrorna har ändrats sedan publiceringen" in page


def test_published_page_shows_each_changed_figure_with_published_now_and_difference(admin_user, bhu_member):
    entry = make_entry(year=2016, goal=1, amount="100000.00")
    report = make_published_report(user=admin_user, year=2016)
    entry.amount = Decimal("250000.00")
    entry.save()
    response = client_for(bhu_member).get(report.get_absolute_url())
    rows = {(d.section, d.label): (d.published, d.now, d.difference) for d in response.context["differences"]}
    assert rows[("Totalt", "Alla insatser")] == (
        Decimal("100000.00"),
        Decimal("250000.00"),
        Decimal("150000.00"),
    )
    assert ("Per målområde", "1. En ledande kunskapsregion") in rows
    assert '<td class="num">150\u00a0000\u00a0kr</td>' in response.content.decode()


def test_unchanged_figures_raise_no_notice(admin_user, bhu_member):
    make_entry(year=2016, amount="100000.00")
    report = make_published_report(user=admin_user, year=2016)
    response = client_for(bhu_member).get(report.get_absolute_url())
    assert response.context["differences"] == []
    assert "De aktuella siffrorna är desamma som de publicerade" in response.content.decode()


def test_draft_shows_live_figures_marked_preliminary(bhu_member):
    make_entry(year=2016, amount="100000.00")
    report = make_report(year=2016)
    page = client_for(bhu_member).get(report.get_absolute_url()).content.decode()
    assert "Preliminära siffror" in page
    assert "100\u00a0000\u00a0kr" in page


def _snapshot(total: str, goal_areas: dict[str, str]) -> dict:
    figures = [
        {"key": key, "label": f"Målområde {key}", "total": amount} for key, amount in goal_areas.items()
    ]
    return {
        "total": {"total": total},
        "breakdowns": {"goal_area": {"title": "Per målområde", "figures": figures}},
        "matrices": {},
    }


def test_identical_snapshots_have_no_differences():
    snapshot = _snapshot("10.00", {"1": "10.00"})
    assert compare_snapshots(snapshot, snapshot) == []


def test_a_figure_new_since_publication_counts_as_zero_before():
    differences = compare_snapshots(
        _snapshot("10.00", {"1": "10.00"}), _snapshot("15.00", {"1": "10.00", "9": "5.00"})
    )
    assert [(d.label, d.published, d.now) for d in differences] == [
        ("Alla insatser", Decimal("10.00"), Decimal("15.00")),
        ("Målområde 9", Decimal("0.00"), Decimal("5.00")),
    ]


def test_figures_are_matched_by_key_not_by_label():
    published = _snapshot("10.00", {"1": "10.00"})
    renamed = _snapshot("10.00", {"1": "10.00"})
    renamed["breakdowns"]["goal_area"]["figures"][0]["label"] = "Nytt namn"
    assert compare_snapshots(published, renamed) == []
