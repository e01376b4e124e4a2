"""Publishing freezes the year's figures; later edits show as differences, never as changes."""

from decimal import Decimal

import pytest

from followup.reports import ReportFilters, build_report
from publications.models import AnnualReport, PublicationStatus
from publications.snapshots import compare_snapshots, snapshot_for_display, snapshot_sections
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


def live_figures(report: AnnualReport) -> dict:
    """Today's figures of the report's year, in today's snapshot format."""
    filters = ReportFilters(first_year=report.year, last_year=report.year)
    return build_report(strategy=report.strategy, filters=filters).as_snapshot()


def _added_since(live: dict) -> dict:
    """The live figures as they would be after a breakdown and a matrix were added to the
    reports (under names no real breakdown has)."""
    figure = {"key": "1.1", "label": "1.1 Ett nytt område", "total": live["total"]["total"]}
    live["breakdowns"]["added_after_publication"] = {
        "dimension": "added_after_publication",
        "title": "Per nytt område",
        "figures": [figure],
        "total": live["total"],
    }
    live["matrices"]["actor_by_added_after_publication"] = {
        "title": "Aktör × nytt område",
        "columns": [{"key": "eu", "label": "EU-medel", "total": live["total"]["total"]}],
        "rows": [{"header": {"key": "vgr", "label": "VGR"}, "cells": [{"total": live["total"]["total"]}]}],
        "total": live["total"],
    }
    return live


def test_sections_added_to_the_reports_after_publication_are_no_differences(admin_user):
    make_entry(year=2016, goal=1, amount="100000.00")
    report = make_published_report(user=admin_user, year=2016)
    live = _added_since(live_figures(report))
    assert compare_snapshots(report.snapshot, live) == []


def test_a_changed_figure_is_still_a_difference_beside_sections_added_since(admin_user):
    entry = make_entry(year=2016, goal=1, amount="100000.00")
    report = make_published_report(user=admin_user, year=2016)
    entry.amount = Decimal("250000.00")
    entry.save()
    live = _added_since(live_figures(report))
    differences = {
        (d.section, d.label): (d.published, d.now) for d in compare_snapshots(report.snapshot, live)
    }
    assert differences[("Per målområde", "1. En ledande kunskapsregion")] == (
        Decimal("100000.00"),
        Decimal("250000.00"),
    )
    assert not {section for section, _ in differences} & {
        "Per nytt område",
        "Aktör × nytt område",
    }


def test_published_figures_are_shown_under_the_dimensions_labels_in_the_annual_reports_order():
    snapshot = _snapshot("10.00", {"1": "10.00"})
    snapshot["breakdowns"]["actor"] = {"title": "Per aktör", "figures": []}
    sections = snapshot_sections(snapshot)
    assert [(section["heading"], section["title"]) for section in sections] == [
        ("Målområde", "Per målområde"),
        ("Aktör", "Per aktör"),
    ]


def _figure(key: str, total: str, *, previous: str = "0.00", last: str | None = None) -> dict:
    return {
        "key": key,
        "label": key,
        "total": total,
        "count": 1 if total != "0.00" else 0,
        "share": "100.0" if total != "0.00" else "0.0",
        "project_size_total": "0.00",
        "granted_with_size": "0.00",
        "last_year_total": total if last is None else last,
        "previous_year_total": previous,
    }


def older_snapshot_of_2016() -> dict:
    """A one-year snapshot as the report module froze it before the year before was kept
    out of the figures: its breakdown per year lists 2015 at zero after 2016."""
    total = _figure("total", "100000.00", previous="300000.00")
    return {
        "strategy": "vg2020",
        "first_year": 2016,
        "last_year": 2016,
        "filters": {"År": "2016"},
        "total": total,
        "breakdowns": {
            "goal_area": {
                "dimension": "goal_area",
                "title": "Per målområde",
                "figures": [_figure("1", "100000.00", previous="300000.00")],
                "total": total,
            },
            "year": {
                "dimension": "year",
                "title": "Per år",
                "figures": [
                    _figure("2016", "100000.00", previous="0.00"),
                    _figure("2015", "0.00", previous="300000.00", last="0.00"),
                ],
                "total": total,
            },
        },
        "matrices": {},
    }


def test_an_older_snapshot_is_shown_without_a_year_outside_its_period():
    shown = snapshot_for_display(older_snapshot_of_2016(), start_year=2014)
    assert [figure["key"] for figure in shown["breakdowns"]["year"]["figures"]] == ["2016"]


def test_showing_an_older_snapshot_leaves_the_stored_one_as_it_was_frozen():
    stored = older_snapshot_of_2016()
    snapshot_for_display(stored, start_year=2014)
    assert stored == older_snapshot_of_2016()


def test_an_older_snapshot_shows_no_change_against_a_year_before_the_strategy():
    stored = older_snapshot_of_2016()
    stored["first_year"] = stored["last_year"] = 2014
    shown = snapshot_for_display(stored, start_year=2014)
    assert shown["total"]["previous_year_total"] is None
    assert shown["breakdowns"]["goal_area"]["figures"][0]["previous_year_total"] is None


def test_an_older_snapshot_of_unchanged_figures_shows_no_differences(admin_user):
    make_entry(year=2015, goal=1, amount="300000.00")
    make_entry(year=2016, goal=1, amount="100000.00")
    report = make_published_report(user=admin_user, year=2016)
    AnnualReport.objects.filter(pk=report.pk).update(snapshot=older_snapshot_of_2016())
    report.refresh_from_db()
    assert compare_snapshots(report.snapshot, live_figures(report)) == []


def test_a_report_published_for_one_year_freezes_no_year_before(admin_user):
    make_entry(year=2015, goal=1, amount="300000.00")
    make_entry(year=2016, goal=1, amount="100000.00")
    report = make_published_report(user=admin_user, year=2016)
    assert [figure["key"] for figure in report.snapshot["breakdowns"]["year"]["figures"]] == ["2016"]
