"""The report pages: who may see them, that their figures are right, and that bad filters
get a Swedish message (HTTP 400) and unknown areas a 404, never a server error."""

from decimal import Decimal
from html import escape

import pytest

from followup.models import FundingSource
from followup.reports import NONE_KEY
from followup.templatetags.report_tags import drilldown_url
from tests.conftest import client_for, focus_area, make_entry

from .conftest import bulk_entries

pytestmark = pytest.mark.django_db

PAGES = [
    "/vg2020/uppfoljning/",
    "/vg2020/uppfoljning/kraftsamling/2/",
    "/vg2020/uppfoljning/malomrade/3/",
    "/vg2020/uppfoljning/aktor/gr/",
    "/vg2020/uppfoljning/insatser/",
]


def total_of(entries, keep=lambda entry: True) -> Decimal:
    return sum((entry.amount for entry in entries if keep(entry)), Decimal(0))


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitor_is_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logga-in/?next=")


@pytest.mark.parametrize("path", PAGES)
def test_user_without_a_role_is_refused(user_without_role, path):
    assert client_for(user_without_role).get(path).status_code == 403


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("role", ["bhu_member", "developer_vgr", "admin_user"])
def test_report_readers_see_the_page(request, role, path):
    response = client_for(request.getfixturevalue(role)).get(path)
    assert response.status_code == 200


def test_report_readers_find_the_reports_in_the_navigation(bhu_member, client):
    assert 'href="/vg2020/uppfoljning/"' in client_for(bhu_member).get("/vg2020/").content.decode()
    assert 'href="/vg2020/uppfoljning/"' not in client.get("/vg2020/").content.decode()


def test_overview_figures_match_the_entries(bhu_member):
    entries = bulk_entries(200, seed=5)
    report = client_for(bhu_member).get("/vg2020/uppfoljning/").context["report"]
    assert report.total.total == total_of(entries)
    assert report.total.count == len(entries)
    by_actor = {figure.key: figure.total for figure in report.breakdowns["actor"].figures}
    for entry_actor in {entry.actor for entry in entries}:
        assert by_actor[entry_actor.slug] == total_of(entries, lambda e, a=entry_actor: e.actor == a)
    outside = next(figure for figure in report.breakdowns["focus_area"].figures if figure.key == NONE_KEY)
    assert outside.total == total_of(entries, lambda e: e.focus_area is None)


def test_focus_area_page_covers_only_that_focus_area(bhu_member):
    entries = bulk_entries(200, seed=6)
    response = client_for(bhu_member).get("/vg2020/uppfoljning/kraftsamling/2/?fran=2016&till=2018")
    report = response.context["report"]
    expected = total_of(
        entries, lambda e: e.focus_area_id == focus_area(2).pk and 2016 <= e.reporting_year.year <= 2018
    )
    assert report.total.total == expected
    assert sum((figure.total for figure in report.breakdowns["actor"].figures), Decimal(0)) == expected
    assert response.context["focus_area"].number == 2


def test_goal_area_page_covers_only_that_goal_area(bhu_member):
    entries = bulk_entries(200, seed=7)
    report = client_for(bhu_member).get("/vg2020/uppfoljning/malomrade/3/").context["report"]
    assert report.total.total == total_of(entries, lambda e: e.goal_area.number == 3)
    assert {figure.key for figure in report.breakdowns["priority"].figures} <= {
        *(str(number) for number in range(20, 33)),
        NONE_KEY,
    }


def test_actor_page_covers_only_that_actor_with_other_filters_kept(bhu_member):
    entries = bulk_entries(200, seed=8)
    report = client_for(bhu_member).get("/vg2020/uppfoljning/aktor/gr/?finansiering=eu").context["report"]
    assert report.total.total == total_of(
        entries, lambda e: e.actor.short_name == "GR" and e.funding_source == FundingSource.EU_FUNDS
    )


def figures_of(report):
    for breakdown in report.breakdowns.values():
        yield from [*breakdown.figures, breakdown.total]
    for matrix in report.matrices.values():
        yield from matrix.columns
        yield matrix.total
        for row in matrix.rows:
            yield row.header
            yield from row.cells


def test_every_figure_links_to_a_list_with_the_same_total(bhu_member):
    bulk_entries(120, seed=9)
    client = client_for(bhu_member)
    response = client.get("/vg2020/uppfoljning/?fran=2016&till=2019")
    html = response.content.decode()
    report = response.context["report"]
    checked = {}
    for figure in figures_of(report):
        url = drilldown_url(report.filters, figure)
        assert escape(url) in html, figure.label
        if url not in checked:
            checked[url] = client.get(url).context["totals"]
        assert (checked[url].total, checked[url].count) == (figure.total, figure.count), figure.label
    assert len(checked) > 100


def test_area_page_figures_link_to_lists_with_the_same_total(bhu_member):
    bulk_entries(120, seed=10)
    client = client_for(bhu_member)
    report = client.get("/vg2020/uppfoljning/malomrade/2/").context["report"]
    for figure in [
        *report.breakdowns["priority"].figures,
        *report.breakdowns["actor"].figures,
        *report.matrices["actor_by_focus_area"].columns,
    ]:
        totals = client.get(drilldown_url(report.filters, figure)).context["totals"]
        assert (totals.total, totals.count) == (figure.total, figure.count), figure.label


def test_overview_shows_swedish_amounts_and_the_years_compared(bhu_member):
    make_entry(actor="VGR", year=2017, amount="3000000", total_project_size=Decimal("9000000"))
    make_entry(actor="GR", year=2017, amount="1000000")
    make_entry(actor="VGR", year=2016, amount="2000000")
    html = client_for(bhu_member).get("/vg2020/uppfoljning/?fran=2017&till=2017").content.decode()
    assert "4,0\u00a0mnkr" in html
    assert "4\u00a0000\u00a0000\u00a0kr" in html
    assert "Belopp (tkr)" in html
    assert "3\u00a0000</a>" in html.replace('<span class="visually-hidden">', "</a>")
    assert "75,0\u00a0%" in html
    assert "Förändring 2017 mot 2016 (tkr)" in html
    assert "+1\u00a0000" in html
    assert "+50,0\u00a0%" in html


def test_area_pages_link_back_to_the_overview_with_the_same_filters(bhu_member):
    html = client_for(bhu_member).get("/vg2020/uppfoljning/aktor/gr/?fran=2015").content.decode()
    assert 'href="/vg2020/uppfoljning/?fran=2015&amp;till=2020"' in html


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/vg2020/uppfoljning/?fran=abc", "”abc” är inget år i strategins period"),
        ("/vg2020/uppfoljning/?fran=2013", "”2013” är inget år i strategins period"),
        ("/vg2020/uppfoljning/?till=2031", "”2031” är inget år i strategins period"),
        ("/vg2020/uppfoljning/?fran=2019&till=2015", "Året 2015 ligger före från-året 2019."),
        ("/vg2020/uppfoljning/?aktor=okand", "Det finns ingen aktör med kortnamnet ”okand”."),
        ("/vg2020/uppfoljning/?malomrade=7", "Det finns inget målområde med nummer ”7”."),
        ("/vg2020/uppfoljning/?prioritering=40", "Det finns ingen prioritering med nummer ”40”."),
        ("/vg2020/uppfoljning/?kraftsamling=x", "Det finns inget kraftsamlingsområde med nummer ”x”."),
        ("/vg2020/uppfoljning/?finansiering=lotto", "Det finns ingen finansieringskälla som heter ”lotto”."),
        ("/vg2020/uppfoljning/kraftsamling/1/?fran=abc", "”abc” är inget år i strategins period"),
        (
            "/vg2020/uppfoljning/malomrade/1/?prioritering=30",
            "ingen prioritering med nummer ”30” i det här målområdet",
        ),
        ("/vg2020/uppfoljning/aktor/vgr/?till=1999", "”1999” är inget år i strategins period"),
        ("/vg2020/uppfoljning/insatser/?fran=2020&till=2014", "Året 2014 ligger före från-året 2020."),
        ("/vg2020/uppfoljning/insatser/?ordning=pris", "Listan kan inte sorteras efter ”pris”."),
    ],
)
def test_bad_filter_shows_the_error_summary_and_no_figures(bhu_member, path, message):
    make_entry()
    response = client_for(bhu_member).get(path)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert message in html
    assert "report" not in response.context
    assert "totals" not in response.context


@pytest.mark.parametrize(
    "path",
    [
        "/vg2020/uppfoljning/kraftsamling/9/",
        "/vg2020/uppfoljning/malomrade/5/",
        "/vg2020/uppfoljning/aktor/finns-inte/",
    ],
)
def test_unknown_area_or_actor_in_the_address_is_not_found(bhu_member, path):
    assert client_for(bhu_member).get(path).status_code == 404
