"""Every page belongs to a strategy, and its address says which (strategy/addresses.py)."""

import pytest
from django.test.utils import override_script_prefix
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from strategy.addresses import addresses_in, reverse_for
from strategy.models import RESERVED_SLUGS, Strategy
from tests.conftest import client_for, make_entry

pytestmark = pytest.mark.django_db


def _first_segments(resolver: URLResolver, route: str = "") -> set[str]:
    segments = set()
    for pattern in resolver.url_patterns:
        full = route + str(pattern.pattern).lstrip("^")
        if isinstance(pattern, URLResolver):
            segments |= _first_segments(pattern, full)
        elif isinstance(pattern, URLPattern):
            first = full.split("/")[0].split("\\")[0]
            if first and "<" not in first and "(" not in first:
                segments.add(first)
    return segments


def test_no_strategy_slug_can_take_a_first_segment_of_the_portals_own_addresses():
    assert _first_segments(get_resolver()) - {"insatser", "uppfoljning"} <= RESERVED_SLUGS
    assert {"insatser", "uppfoljning", "static"} <= RESERVED_SLUGS


def test_a_reserved_slug_is_refused_with_a_swedish_message():
    strategy = Strategy(slug="insatser", short_name="X", name="X", start_year=2031, end_year=2040)
    with pytest.raises(Exception, match="används redan av portalens egna adresser"):
        strategy.full_clean()


def test_an_old_address_goes_to_the_strategy_in_force(bhu_member):
    response = client_for(bhu_member).get("/uppfoljning/")
    assert (response.status_code, response["Location"]) == (302, "/vg2030/uppfoljning/")


def test_an_old_address_with_a_year_goes_to_that_years_strategy(bhu_member):
    response = client_for(bhu_member).get("/uppfoljning/?fran=2016&till=2016")
    assert response["Location"] == "/vg2020/uppfoljning/?fran=2016&till=2016"


def test_a_year_of_another_strategy_goes_to_its_strategy(bhu_member):
    response = client_for(bhu_member).get("/vg2030/insatser/?year=2016")
    assert response["Location"] == "/vg2020/insatser/?year=2016"


def test_a_form_posted_to_an_old_address_keeps_its_method(developer_vgr):
    response = client_for(developer_vgr).post("/insatser/ny/", {"title": "x"})
    assert (response.status_code, response["Location"]) == (307, "/vg2030/insatser/ny/")


def test_the_first_portals_strategy_addresses_still_answer(client):
    response = client.get("/strategi/vg2020/malomrade/1/")
    assert (response.status_code, response["Location"]) == (301, "/vg2020/malomrade/1/")
    assert client.get(response["Location"]).status_code == 200


def test_links_to_admin_and_signing_in_carry_no_strategy(admin_user):
    html = client_for(None).get("/vg2020/").content.decode()
    assert 'href="/konto/logga-in/"' in html
    html = client_for(admin_user).get("/vg2030/").content.decode()
    assert 'href="/admin/"' in html and 'action="/konto/logga-ut/"' in html


def test_links_on_a_page_stay_in_its_strategy(bhu_member):
    html = client_for(bhu_member).get("/vg2030/uppfoljning/").content.decode()
    assert 'href="/vg2030/uppfoljning/insatser/' in html or "Inga insatser" in html
    assert 'href="/vg2030/insatser/"' in html


def test_an_entry_opened_under_the_wrong_strategy_goes_to_its_own(developer_vgr):
    entry = make_entry(year=2016)
    response = client_for(developer_vgr).get(f"/vg2030/insatser/{entry.pk}/")
    assert response["Location"] == f"/vg2020/insatser/{entry.pk}/"


def test_reverse_for_gives_another_strategys_address_from_any_page():
    vg2030 = Strategy.objects.get(slug="vg2030")
    assert reverse_for(vg2030, "followup:report_overview") == "/vg2030/uppfoljning/"
    assert reverse("followup:report_overview") == "/vg2020/uppfoljning/"
    with override_script_prefix("/portal/"), addresses_in(vg2030):
        # The base is the server's mount point, read per request; outside one it is "/".
        assert reverse("followup:report_overview") == "/vg2030/uppfoljning/"


def test_the_switcher_opens_the_same_page_in_the_other_strategy(bhu_member):
    html = client_for(bhu_member).get("/vg2020/uppfoljning/?fran=2016&till=2016").content.decode()
    assert 'aria-label="Byt strategi"' in html
    assert 'href="/vg2030/uppfoljning/"' in html
