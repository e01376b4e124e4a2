"""In Chromium: a regional developer enters, edits and deletes an entry; another actor's
developer cannot touch it. Every page visited is checked with axe-core."""

import re

import pytest

from followup.models import SpendingEntry
from tests.conftest import make_entry

from .conftest import assert_accessible, sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page) -> None:
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_load_state()


def test_developer_enters_edits_and_deletes_an_entry_and_another_actor_cannot_touch_it(
    page, developer_vgr, developer_gr
):
    sign_in_as(page, developer_vgr)
    page.goto("/vg2020/")  # VG2030 is in force; 2016 is VG2020's
    page.get_by_role("link", name="Mina insatser").click()
    page.get_by_label("År", exact=True).select_option("2016")
    page.get_by_role("button", name="Visa").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Mina insatser 2016"
    assert_accessible(page)

    page.get_by_role("link", name="Lägg in en ny insats").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Lägg in en ny insats"
    assert_accessible(page)

    page.get_by_label("Beviljat belopp (kr)").fill("tusen kronor")
    page.get_by_role("button", name="Spara").click()
    summary = page.get_by_role("alert")
    assert "Formuläret har" in summary.inner_text()
    assert_accessible(page)
    summary.get_by_role("link", name=re.compile("^Rubrik")).click()
    assert page.evaluate("document.activeElement.id") == "id_title"

    page.get_by_label("Rubrik", exact=True).fill("Inkubator för nya företag")
    page.get_by_label("Projektägare").fill("Innovatum")
    page.get_by_label("Målområde").select_option(label="1. En ledande kunskapsregion")
    page.get_by_label("Beviljat belopp (kr)").fill("1 234 567 kr")
    page.get_by_label("Finansieringskälla").select_option(label="Regionutvecklingsnämnden")
    page.get_by_role("button", name="Spara").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Inkubator för nya företag"
    assert page.get_by_text("1\u00a0234\u00a0567\u00a0kr").first.is_visible()
    assert_accessible(page)
    entry = SpendingEntry.objects.get()
    assert entry.reporting_year.year == 2016

    page.get_by_role("link", name="Ändra insatsen").click()
    assert_accessible(page)
    page.get_by_label("Beviljat belopp (kr)").fill("2 000 000")
    page.get_by_role("button", name="Spara").click()
    assert page.get_by_role("cell", name="2\u00a0000\u00a0000\u00a0kr").first.is_visible()
    assert_accessible(page)
    entry.refresh_from_db()
    assert (str(entry.amount), entry.version) == ("2000000.00", 2)

    sign_out(page)
    sign_in_as(page, developer_gr)
    for path in ["", "andra/", "ta-bort/"]:
        response = page.goto(f"/vg2020/insatser/{entry.pk}/{path}")
        assert response.status == 404
        assert "Inkubator" not in page.content()
    page.goto("/vg2020/insatser/?year=2016")
    assert "Inkubator" not in page.content()
    sign_out(page)

    sign_in_as(page, developer_vgr)
    page.goto(f"/vg2020/insatser/{entry.pk}/")
    page.get_by_role("link", name="Ta bort insatsen").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Ta bort insatsen?"
    assert_accessible(page)
    page.get_by_role("button", name="Ja, ta bort insatsen").click()
    assert page.get_by_text("Insatsen ”Inkubator för nya företag” är borttagen.").is_visible()
    assert_accessible(page)
    assert not SpendingEntry.objects.exists()


def test_copy_page_and_a_closed_year_are_accessible(page, developer_vgr):
    make_entry(year=2015, title="Förra årets insats")
    sign_in_as(page, developer_vgr)
    page.goto("/vg2020/insatser/kopiera/?year=2016")
    page.get_by_label("Förra årets insats").check()
    assert_accessible(page)
    page.get_by_role("button", name="Kopiera till 2016").click()
    assert page.get_by_role("link", name="Förra årets insats").is_visible()
    assert_accessible(page)
    assert SpendingEntry.objects.filter(reporting_year__year=2016).count() == 1


def _box(page, selector: str) -> dict:
    return page.evaluate(f"document.querySelector({selector!r}).getBoundingClientRect().toJSON()")


def test_errors_take_you_there_on_the_entry_form(page, developer_vgr):
    sign_in_as(page, developer_vgr)
    page.set_viewport_size({"width": 800, "height": 600})
    page.goto("/vg2020/insatser/ny/")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_load_state()  # the title is read, not waited for as a locator is

    assert page.title().startswith("Fel i formuläret – ")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    page.get_by_role("alert").get_by_role("link", name=re.compile("^Finansieringskälla")).click()

    assert page.evaluate("document.activeElement.id") == "id_funding_source"
    label, message, field = (
        _box(page, "label[for=id_funding_source]"),
        _box(page, "#id_funding_source_error"),
        _box(page, "#id_funding_source"),
    )
    viewport = page.viewport_size["height"]
    assert 0 <= label["top"] < message["top"] < field["bottom"] <= viewport


def test_errors_take_you_to_the_first_option_of_a_checkbox_group(page, developer_vgr):
    make_entry(year=2015, title="Förra årets insats")
    sign_in_as(page, developer_vgr)
    page.goto("/vg2020/insatser/kopiera/?year=2016")
    page.get_by_role("button", name="Kopiera till 2016").click()

    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert_accessible(page)
    page.get_by_role("alert").get_by_role("link", name=re.compile("^Insatser att kopiera")).click()
    assert page.evaluate("document.activeElement.id") == "id_entries_0"


def test_a_lost_race_shows_the_other_persons_changes_accessibly(page, developer_vgr):
    entry = make_entry(title="Original")
    sign_in_as(page, developer_vgr)
    page.goto(f"/vg2020/insatser/{entry.pk}/andra/")
    entry.amount, entry.version = 250_000, entry.version + 1
    entry.save()  # someone else saves while the form is open
    page.get_by_label("Rubrik", exact=True).fill("Min rubrik")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_load_state()  # the title is read, not waited for as a locator is

    assert page.title().startswith("Fel i formuläret – ")
    assert page.get_by_role("cell", name="250\u00a0000\u00a0kr").first.is_visible()
    assert page.get_by_label("Beviljat belopp (kr)").input_value() == "250\u00a0000"
    assert_accessible(page)
