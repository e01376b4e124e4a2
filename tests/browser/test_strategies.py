"""Two strategies side by side in Chromium: VG2020's 2016 report, the switcher to VG2030's
2022 report and back, and the page across strategies, with axe on every page."""

import pytest

from tests.conftest import make_entry

from .conftest import assert_accessible, sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def entries(db):
    make_entry(actor="VGR", year=2016, goal=1, amount="1200000", title="Kunskapslyft")
    make_entry(
        actor="GR", year=2022, goal=2, amount="800000", title="Kompetens i industrin", strategy="vg2030"
    )


def _switch_to(page, short_name: str) -> None:
    page.get_by_role("navigation", name="Byt strategi").get_by_role("link", name=short_name).click()


def test_walk_from_vg2020_to_vg2030_and_back(page, bhu_member, entries):
    sign_in_as(page, bhu_member)
    page.goto("/vg2020/uppfoljning/?fran=2016&till=2016")
    assert "VG2020" in page.title()
    assert "1\u00a0200" in page.locator("main").inner_text()
    assert_accessible(page)

    _switch_to(page, "VG2030")
    assert page.url.endswith("/vg2030/uppfoljning/")
    page.goto(page.url + "?fran=2022&till=2022")
    main = page.locator("main").inner_text()
    assert "Bygga kompetens" in main or "bygga kompetens" in main
    assert "Per prioritering" not in main
    assert "VG2030" in page.title()
    assert_accessible(page)

    _switch_to(page, "VG2020")
    assert "/vg2020/uppfoljning/" in page.url
    assert "Per prioritering" in page.locator("main").inner_text()
    assert_accessible(page)


def test_start_page_and_page_across_strategies_are_accessible(page, bhu_member, entries):
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Regional utvecklingsstrategi")
    assert_accessible(page)
    page.goto("/vg2020/")
    assert_accessible(page)
    sign_in_as(page, bhu_member)
    page.goto("/over-strategier/")
    text = page.locator("main").inner_text()
    assert "2016" in text and "2022" in text and "VG2030" in text
    assert_accessible(page)
