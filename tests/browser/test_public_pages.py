import pytest

from tests.conftest import PASSWORD

from .conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    ("/", "Regional utvecklingsstrategi för Västra Götaland 2021-2030"),
    ("/vg2020/", "VG2020 – strategi för tillväxt och utveckling i Västra Götaland 2014–2020"),
    ("/vg2030/malomrade/3/", "Öka inkludering"),
    ("/vg2030/kraftsamling/2/", "Digitalisering"),
    ("/vg2020/malomrade/2/", "En region för alla"),
    ("/vg2020/kraftsamling/2/", "Bli föregångare i omställningen från fossil till förnybar energi"),
    ("/vg2020/aktorer/", "Aktörer"),
    ("/vg2020/aktorer/skaraborg/", "Skaraborgs Kommunalförbund (Skaraborg)"),
    ("/konto/logga-in/", "Logga in"),
    ("/finns-inte/", "Sidan finns inte"),
]


@pytest.mark.parametrize(("path", "heading"), PUBLIC_PAGES)
def test_public_page_is_accessible(page, path, heading):
    page.goto(path)
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert_accessible(page)


def test_keyboard_user_can_skip_to_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Hoppa till innehållet")
    assert skip_link.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_admin_signs_in_and_reaches_admin(page, admin_user):
    sign_in(page, admin_user.username, PASSWORD)
    assert page.get_by_role("link", name="Administration").is_visible()
    page.get_by_role("link", name="Administration").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Administrera portalen"
    assert_accessible(page)
    page.goto("/admin/strategy/municipality/")
    assert page.get_by_text("Kungsbacka").is_visible()
    assert_accessible(page)


def test_failed_sign_in_shows_linked_error(page, developer_vgr):
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(developer_vgr.username)
    page.get_by_label("Lösenord").fill("fel-lösenord")
    page.get_by_role("button", name="Logga in").click()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page)
