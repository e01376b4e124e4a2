from html.parser import HTMLParser

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_start_page_presents_the_strategy(client: Client):
    response = client.get("/vg2020/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "En ledande kunskapsregion",
        "Invånarna i hela Västra Götaland ska ha möjlighet att utvecklas",
        "Bli föregångare i omställningen från fossil till förnybar energi",
        "Business Region Göteborg",
        "Samverkan",
        "Styrning och prioritering",
        "Koordinering",
        "Årlig uppföljning",
    ]:
        assert text in html


class _HeadingsInTerms(HTMLParser):
    """Headings inside a `<dt>`, which HTML does not allow (a term holds no heading)."""

    def __init__(self) -> None:
        super().__init__()
        self.open_terms = 0
        self.headings: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "dt":
            self.open_terms += 1
        elif self.open_terms and tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "dt":
            self.open_terms -= 1


def test_start_page_puts_no_heading_inside_a_term(client: Client):
    parser = _HeadingsInTerms()
    parser.feed(client.get("/vg2020/").content.decode())
    assert parser.headings == []


def test_start_page_keeps_its_four_ways_of_working_as_headings(client: Client):
    html = client.get("/vg2020/").content.decode()
    for heading in ["Samverkan", "Styrning och prioritering", "Koordinering", "Årlig uppföljning"]:
        assert f"<h3>{heading}</h3>" in html


def test_goal_area_page_lists_development_areas_and_priorities(client: Client):
    response = client.get("/vg2020/malomrade/4/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "4.2 Ökat utbyte med omvärlden" in html
    assert "Locka investeringar och nyetableringar till Västra Götaland" in html
    assert "Prioritering 32." in html


def test_focus_area_page_shows_period_and_goal_areas(client: Client):
    response = client.get("/vg2020/kraftsamling/3/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Insatser för att öka antalet ungdomar med fullföljd grundskola" in html
    assert "från 2015" in html
    assert "En region för alla" in html


def test_actor_page_lists_member_municipalities(client: Client):
    response = client.get("/vg2020/aktorer/borasregionen/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Medlemskommuner (8)" in html
    assert "Ulricehamn" in html
    assert "Skövde" not in html


@pytest.mark.parametrize(
    "path",
    [
        "/vg2020/malomrade/5/",
        "/vg2020/kraftsamling/9/",
        "/vg2030/malomrade/9/",
        "/vg2020/aktorer/okand/",
    ],
)
def test_unknown_strategy_objects_give_swedish_404(client: Client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_server_error_page_is_swedish_and_uses_base_layout(settings):
    from django.template import loader

    html = loader.get_template("500.html").render({})
    assert '<html lang="sv">' in html
    assert "Ett fel uppstod" in html
    assert "Hoppa till innehållet" in html


def test_403_page_is_swedish(rf):
    from django.core.exceptions import PermissionDenied
    from django.views.defaults import permission_denied

    response = permission_denied(rf.get("/"), PermissionDenied())
    assert response.status_code == 403
    assert "Åtkomst nekad" in response.content.decode()


def test_start_page_presents_vg2030_in_force_with_its_own_levels(client: Client):
    html = client.get("/").content.decode()
    assert "Regional utvecklingsstrategi för Västra Götaland 2021-2030" in html
    assert "Långsiktiga prioriteringar" in html
    assert "Stärka innovationskraften" in html
    assert "Fullföljda studier" in html
    assert "Säker och hållbar digital infrastruktur" in html  # a focus area under digitalisering
    assert "Fyra" not in html and "Målområden" not in html


def test_start_page_links_to_the_earlier_strategy(client: Client):
    html = client.get("/").content.decode()
    assert "Tidigare strategier" in html
    assert 'href="/vg2020/"' in html


def test_vg2020_page_says_which_strategy_is_in_force_now(client: Client):
    html = client.get("/vg2020/").content.decode()
    assert "VG2020 gällde 2014–2020" in html
    assert 'href="/vg2030/"' in html


def test_long_term_priority_page_has_no_development_areas(client: Client):
    html = client.get("/vg2030/malomrade/2/").content.decode()
    assert "Bygga kompetens" in html
    assert "Långsiktig prioritering" in html
    assert "Utvecklingsområden" not in html


def test_footer_names_the_pages_strategy(client: Client):
    assert "VG2020 – strategi för tillväxt" in client.get("/vg2020/aktorer/").content.decode()
    assert "antagen 16 februari 2021" in client.get("/vg2030/aktorer/").content.decode()


def test_a_strategy_without_priorities_leaves_them_out_of_form_report_and_list(developer_vgr):
    from tests.conftest import client_for, make_entry

    make_entry(strategy="vg2030", year=2022, goal=1, title="Laddinfrastruktur")
    client = client_for(developer_vgr)
    form = client.get("/vg2030/insatser/ny/").content.decode()
    assert "Långsiktig prioritering" in form and 'name="priority"' not in form
    assert "Kraftsamling" in form
    report = client.get("/vg2030/uppfoljning/?fran=2022&till=2022").content.decode()
    assert "Per prioritering" not in report and 'name="prioritering"' not in report
    assert "Per långsiktig prioritering" in report and "Per målområde" not in report
    assert "Aktör × långsiktig prioritering" in report and "Alla långsiktiga prioriteringar" in report
    listing = client.get("/vg2030/insatser/?year=2022").content.decode()
    assert "Laddinfrastruktur" in listing and ">Prioritering<" not in listing


def test_an_entry_without_a_priority_level_is_saved_from_the_form(developer_vgr):
    from followup.models import SpendingEntry
    from strategy.models import GoalArea
    from tests.conftest import client_for

    client = client_for(developer_vgr)
    page = client.get("/vg2030/insatser/ny/")
    goal = GoalArea.objects.get(strategy__slug="vg2030", number=2)
    data = {
        "actor": page.context["form"].fields["actor"].queryset.first().pk,
        "reporting_year": "2022",
        "title": "Kompetensinsats",
        "project_owner": "Högskolan Väst",
        "goal_area": goal.pk,
        "amount": "250 000",
        "funding_source": "run",
    }
    response = client.post("/vg2030/insatser/ny/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = SpendingEntry.objects.get(title="Kompetensinsats")
    assert (entry.goal_area, entry.priority, entry.reporting_year.year) == (goal, None, 2022)
