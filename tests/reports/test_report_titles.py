"""Every report page and drill-down list says in its <title> what it shows: its filters,
its period and, for a list of several pages, the page."""

import re
from html import unescape

import pytest

from tests.conftest import client_for, make_entry

from .conftest import bulk_entries

pytestmark = pytest.mark.django_db

SUFFIX = " – VG2020 uppföljning"


def title_of(response) -> str:
    return unescape(re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1))


def test_drilldown_names_its_filters_period_and_page(bhu_member):
    for number in range(60):
        make_entry(year=2016, goal=2, title=f"Insats {number}")
    response = client_for(bhu_member).get(
        "/vg2020/uppfoljning/insatser/?fran=2016&till=2016&malomrade=2&sida=2"
    )
    assert title_of(response) == "Insatser bakom siffran: Målområde 2, 2016, sida 2" + SUFFIX


def test_drilldown_of_one_page_names_no_page(bhu_member):
    make_entry(actor="GR", year=2017)
    response = client_for(bhu_member).get(
        "/vg2020/uppfoljning/insatser/?fran=2017&till=2017&aktor=gr&prioritering=ingen"
    )
    assert title_of(response) == "Insatser bakom siffran: GR, Ingen prioritering angiven, 2017" + SUFFIX


def test_every_drilldown_of_a_report_has_a_title_of_its_own(bhu_member):
    bulk_entries(80, seed=4)
    client = client_for(bhu_member)
    html = client.get("/vg2020/uppfoljning/?fran=2017&till=2017").content.decode()
    addresses = set(re.findall(r'href="(/vg2020/uppfoljning/insatser/\?[^"]+)"', html))
    titles = {title_of(client.get(unescape(address))) for address in addresses}
    assert len(addresses) > 50
    assert len(titles) == len(addresses)


def test_overview_names_its_filters_and_period(bhu_member):
    response = client_for(bhu_member).get("/vg2020/uppfoljning/?fran=2016&till=2018&aktor=gr&finansiering=eu")
    assert title_of(response) == "Uppföljning: GR, EU-medel, 2016–2018" + SUFFIX


def test_area_page_names_its_area_and_the_other_filters(bhu_member):
    response = client_for(bhu_member).get("/vg2020/uppfoljning/aktor/gr/?fran=2016&till=2016&malomrade=2")
    assert title_of(response) == "Uppföljning: Göteborgsregionens kommunalförbund, Målområde 2, 2016" + SUFFIX
