"""The report module's additions for the pages: year-over-year change and list totals."""

from decimal import Decimal

import pytest

from followup import charts
from followup.models import EntryTotal
from followup.reports import ReportFilters, build_report, list_totals, year_over_year
from followup.templatetags.report_tags import breakdown_rows, chart_bars
from strategy.models import GoalArea
from tests.conftest import make_entry

pytestmark = pytest.mark.django_db


def test_each_year_is_compared_with_the_year_before(vg2020):
    make_entry(year=2016, amount="200000")
    make_entry(year=2017, amount="300000")
    make_entry(year=2018, amount="0")
    report = build_report(strategy=vg2020, filters=ReportFilters(first_year=2015, last_year=2018))
    rows = year_over_year(report.by_year)
    assert [(row.figure.key, row.previous_year) for row in rows] == [
        ("2015", 2014),
        ("2016", 2015),
        ("2017", 2016),
        ("2018", 2017),
    ]
    assert rows[0].change is None
    assert (rows[1].change, rows[1].change_percent) == (Decimal("200000.00"), None)
    assert (rows[2].change, rows[2].change_percent) == (Decimal("100000.00"), Decimal("50.0"))
    assert (rows[3].change, rows[3].change_percent) == (Decimal("-300000.00"), Decimal("-100.0"))


def test_list_totals_count_every_entry_for_bhu(bhu_member):
    make_entry(actor="VGR", amount="100.50")
    make_entry(actor="GR", amount="200.25")
    totals = list_totals(EntryTotal.objects.all(), bhu_member)
    assert (totals.total, totals.count) == (Decimal("300.75"), 2)
    assert not totals.hides_entries


def test_list_totals_tell_a_developer_what_they_see_of_the_figure(developer_vgr):
    make_entry(actor="VGR", amount="100.50")
    make_entry(actor="GR", amount="200.25")
    totals = list_totals(EntryTotal.objects.all(), developer_vgr)
    assert (totals.total, totals.count) == (Decimal("300.75"), 2)
    assert (totals.visible_total, totals.visible_count) == (Decimal("100.50"), 1)
    assert totals.hides_entries


def test_list_totals_of_nothing_are_zero(bhu_member):
    totals = list_totals(EntryTotal.objects.none(), bhu_member)
    assert (totals.total, totals.count) == (Decimal("0.00"), 0)


def test_table_rows_escape_every_name_they_show(vg2020):
    # The rows of the report tables and the chart bars are written in Python, not by the
    # template engine: a name typed in admin is still text, never markup.
    GoalArea.objects.filter(strategy=vg2020, number=1).update(name='<script>alert("x")</script> & Co')
    make_entry(goal=1, amount="1000")
    report = build_report(strategy=vg2020, filters=ReportFilters(first_year=2014, last_year=2020))
    by_goal_area = report.sections("overview")[0]
    rows = breakdown_rows(by_goal_area, report.filters)
    bars = chart_bars(charts.bar_chart(by_goal_area, chart_id="diagram", period="2014–2020"))
    for html in (rows, bars):
        assert "<script>" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html
