"""The report pages in Chromium: accessible (axe), a figure followed to its entries, the
error summary, what a regional developer sees, and printing."""

import re

import pytest

from tests.conftest import PASSWORD, focus_area, make_entry

from .conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def entries(db):
    make_entry(
        actor="VGR", year=2016, goal=1, amount="1200000", title="Kunskapslyft", focus_area=focus_area(3)
    )
    make_entry(actor="GR", year=2017, goal=2, amount="800000", title="Pendling", total_project_size=2_000_000)
    make_entry(actor="BRG", year=2018, goal=3, amount="450000.50", title="Biogas")


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/uppfoljning/", "Uppföljning"),
        (
            "/uppfoljning/kraftsamling/3/",
            "Insatser för att öka antalet ungdomar med fullföljd grundskola och gymnasieutbildning",
        ),
        ("/uppfoljning/malomrade/2/", "En region för alla"),
        ("/uppfoljning/aktor/gr/", "Göteborgsregionens kommunalförbund"),
        ("/uppfoljning/insatser/?fran=2016&till=2018", "Insatser bakom siffran"),
    ],
)
def test_report_page_is_accessible_to_a_bhu_member(page, bhu_member, entries, path, heading):
    sign_in(page, bhu_member.username, PASSWORD)
    page.goto(path)
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert page.locator('link[rel="stylesheet"][media="print"][href*="print.css"]').count() == 1
    assert_accessible(page)


def test_bhu_member_filters_and_follows_a_figure_to_its_entries(page, bhu_member, entries):
    sign_in(page, bhu_member.username, PASSWORD)
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Uppföljning").click()
    page.get_by_label("Från år").select_option("2016")
    page.get_by_label("Till och med år").select_option("2017")
    page.get_by_role("button", name="Visa").click()
    assert re.search(r"\?fran=2016&till=2017", page.url)
    assert page.get_by_role("link", name=re.compile(r"^2,0.mnkr – visa insatserna$")).is_visible()
    page.get_by_role(
        "link", name=re.compile(r"^1.200 tkr: visa insatserna för Västra Götalandsregionen$")
    ).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Insatser bakom siffran"
    assert page.get_by_text(re.compile(r"^Totalt 1.200.000.kr i 1 insats\.$")).is_visible()
    assert page.get_by_role("link", name="Kunskapslyft").get_attribute("href").startswith("/insatser/")
    assert_accessible(page)


def test_bad_filter_shows_the_error_summary_accessibly(page, bhu_member, entries):
    sign_in(page, bhu_member.username, PASSWORD)
    page.goto("/uppfoljning/?fran=abc&aktor=okand")
    summary = page.get_by_role("alert")
    assert summary.is_visible()
    summary.get_by_role("link", name=re.compile("Aktör")).click()
    assert page.evaluate("document.activeElement.id") == "id_aktor"
    assert_accessible(page)


def test_developer_sees_the_note_about_other_actors_entries(page, developer_vgr, entries):
    sign_in(page, developer_vgr.username, PASSWORD)
    page.goto("/uppfoljning/insatser/")
    assert page.get_by_text("Du ser enskilda insatser bara för dina egna aktörer.").is_visible()
    assert page.get_by_text("Pendling").count() == 0
    assert_accessible(page)


def test_printed_report_hides_the_filters_and_keeps_the_charts(page, bhu_member, entries):
    sign_in(page, bhu_member.username, PASSWORD)
    page.goto("/uppfoljning/")
    page.emulate_media(media="print")
    assert not page.locator("form.report-filters").is_visible()
    assert not page.get_by_role("navigation", name="Huvudmeny").is_visible()
    assert page.locator("svg.chart").first.is_visible()
    assert page.get_by_role("img", name=re.compile("Linjediagram: belopp per år")).is_visible()
