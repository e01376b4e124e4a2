"""The report pages in Chromium: accessible (axe), a figure followed to its entries, the
error summary, what a regional developer sees, and printing."""

import re

import pytest

from tests.conftest import focus_area, make_entry

from .conftest import assert_accessible, sign_in_as

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
        ("/vg2020/uppfoljning/", "Uppföljning"),
        (
            "/vg2020/uppfoljning/kraftsamling/3/",
            "Insatser för att öka antalet ungdomar med fullföljd grundskola och gymnasieutbildning",
        ),
        ("/vg2020/uppfoljning/malomrade/2/", "En region för alla"),
        ("/vg2020/uppfoljning/aktor/gr/", "Göteborgsregionens kommunalförbund"),
        ("/vg2020/uppfoljning/insatser/?fran=2016&till=2018", "Insatser bakom siffran"),
    ],
)
def test_report_page_is_accessible_to_a_bhu_member(page, bhu_member, entries, path, heading):
    sign_in_as(page, bhu_member)
    page.goto(path)
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert page.locator('link[rel="stylesheet"][media="print"][href*="print.css"]').count() == 1
    assert_accessible(page)


def test_bhu_member_filters_and_follows_a_figure_to_its_entries(page, bhu_member, entries):
    sign_in_as(page, bhu_member)
    page.goto("/vg2020/")  # VG2030 is in force; 2016 is VG2020's
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
    assert page.get_by_role("link", name="Kunskapslyft").get_attribute("href").startswith("/vg2020/insatser/")
    assert_accessible(page)


def test_bad_filter_shows_the_error_summary_accessibly(page, bhu_member, entries):
    sign_in_as(page, bhu_member)
    page.goto("/vg2020/uppfoljning/?fran=abc&aktor=okand")
    summary = page.get_by_role("alert")
    assert summary.is_visible()
    summary.get_by_role("link", name=re.compile("Aktör")).click()
    assert page.evaluate("document.activeElement.id") == "id_aktor"
    assert_accessible(page)


def test_developer_sees_the_note_about_other_actors_entries(page, developer_vgr, entries):
    sign_in_as(page, developer_vgr)
    page.goto("/vg2020/uppfoljning/insatser/")
    assert page.get_by_text("Du ser enskilda insatser bara för dina egna aktörer.").is_visible()
    assert page.get_by_text("Pendling").count() == 0
    assert_accessible(page)


def test_printed_report_hides_the_filters_and_keeps_the_charts(page, bhu_member, entries):
    sign_in_as(page, bhu_member)
    page.goto("/vg2020/uppfoljning/")
    page.emulate_media(media="print")
    assert not page.locator("form.report-filters").is_visible()
    assert not page.get_by_role("navigation", name="Huvudmeny").is_visible()
    assert page.locator("svg.chart").first.is_visible()
    assert page.get_by_role("img", name=re.compile("Linjediagram: belopp per år")).is_visible()


# Every visible chart's text: its rendered font size (the computed size times the SVG's
# scale on screen) and whether it stays inside its chart.
CHART_TEXT = """() => [...document.querySelectorAll('svg.chart')]
  .filter((svg) => svg.getClientRects().length)
  .flatMap((svg) => {
    const box = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('text')].map((text) => {
      const rect = text.getBoundingClientRect();
      return {
        text: text.textContent,
        size: parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a,
        inside: rect.left >= box.left - 0.5 && rect.right <= box.right + 0.5,
      };
    });
  })"""


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("path", ["/vg2020/uppfoljning/", "/vg2020/uppfoljning/malomrade/1/"])
def test_chart_text_is_never_below_12_css_px_and_stays_inside_its_chart(
    page, bhu_member, entries, width, path
):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_as(page, bhu_member)
    page.goto(path)
    texts = page.evaluate(CHART_TEXT)
    assert len(texts) > 20
    assert [text["text"] for text in texts if text["size"] < 12 - 0.01] == []
    assert [text["text"] for text in texts if not text["inside"]] == []


@pytest.mark.parametrize(
    ("width", "shown"), [(320, "Stapeldiagram: per år"), (1280, "Linjediagram: belopp per år")]
)
def test_the_years_are_drawn_once_as_suits_the_width(page, bhu_member, entries, width, shown):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_as(page, bhu_member)
    page.goto("/vg2020/uppfoljning/")
    names = [name for name in page.get_by_role("img").all() if name.is_visible()]
    titles = [image.locator("title").first.text_content() for image in names]
    assert [title for title in titles if "år" in title.split(",")[0]] == [f"{shown}, 2014–2020"]


# The width a select's chosen option needs (its text in the select's font) against the
# room the select gives it (its inner width less the arrow, about 1.5 em).
CUT_OFF_SELECTS = """() => [...document.querySelectorAll('form.report-filters select')].filter((select) => {
  const style = getComputedStyle(select);
  const context = document.createElement('canvas').getContext('2d');
  context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const needed = context.measureText(select.options[select.selectedIndex].text).width;
  const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
    - 1.5 * parseFloat(style.fontSize);
  return needed > room;
}).map((select) => select.options[select.selectedIndex].text)"""


@pytest.mark.parametrize(
    ("width", "path"),
    [
        (320, "/vg2020/uppfoljning/"),
        (1280, "/vg2020/uppfoljning/"),
        # No select shows an 85-letter focus area whole on a phone; the report states it in words.
        (1280, "/vg2020/uppfoljning/?aktor=gr&kraftsamling=3"),
    ],
)
def test_every_filter_shows_its_chosen_value_whole(page, bhu_member, entries, width, path):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_as(page, bhu_member)
    page.goto(path)
    assert page.evaluate(CUT_OFF_SELECTS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
