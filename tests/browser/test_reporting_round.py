"""In Chromium: a reporting round for two actors, from opening to a closed year. A compiler
opens 2016 with a deadline; GR enters and submits; the compiler returns it with a comment;
GR fixes it and submits again; VGR submits; the compiler approves both and closes the year.
Every page visited is checked with axe-core; the mails are read back."""

import re

import pytest
from django.core import mail

from followup.models import ReportingYear
from reporting.models import ActorYear
from reporting.models import Status as S
from tests.conftest import make_entry

from .conftest import assert_accessible, sign_in_as, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def heading(page) -> str:
    return page.get_by_role("heading", level=1).inner_text()


def submit_year(page, actor: str) -> None:
    page.goto("/vg2020/insatser/?year=2016")
    assert_accessible(page)
    page.get_by_role("link", name=f"Kontrollera och lämna in {actor} 2016").click()
    assert heading(page).startswith("Lämna in 2016 för")
    assert_accessible(page)
    page.get_by_label("Vi bekräftar att uppgifterna för året är fullständiga.").check()
    page.get_by_role("button", name="Lämna in").click()
    assert "inlämnad" in page.locator("main").inner_text()
    assert_accessible(page)


def review(page, actor_slug: str, button: str, comment: str = "") -> None:
    page.goto(f"/vg2020/uppfoljning/rapportering/2016/{actor_slug}/")
    assert_accessible(page)
    if comment:
        page.get_by_label("Kommentar").fill(comment)
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()
    assert_accessible(page)


def test_a_round_for_two_actors_from_opening_to_a_closed_year(page, compiler, developer_gr, developer_vgr):
    developer_gr.email = "gustav@example.se"
    developer_gr.save()
    make_entry(actor="VGR", year=2016, title="VGR:s insats")

    sign_in_as(page, compiler)
    page.goto("/vg2020/uppfoljning/rapportering/2016/")
    assert heading(page) == "Rapportering 2016"
    assert_accessible(page)
    page.get_by_role("link", name="Öppna rapporteringen för 2016").click()
    assert_accessible(page)
    page.get_by_label("Sista dag att lämna in").fill("2017-03-15")
    page.get_by_label("Instruktioner till aktörerna").fill("Lämna in senast den 15 mars.")
    page.get_by_role("button", name="Öppna rapporteringen").click()
    assert page.get_by_text("15 mars 2017").first.is_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in_as(page, developer_gr)
    assert page.get_by_role("link", name="Att göra: lämna in 2016 för GR senast 15 mars 2017").is_visible()
    assert_accessible(page)
    page.goto("/vg2020/insatser/ny/?year=2016")
    page.get_by_label("Rubrik", exact=True).fill("Kompetensplattform")
    page.get_by_label("Projektägare").fill("GR Utbildning")
    page.get_by_label("Målområde").select_option(label="1. En ledande kunskapsregion")
    page.get_by_label("Beviljat belopp (kr)").fill("250 000")
    page.get_by_label("Finansieringskälla").select_option(label="Regionutvecklingsnämnden")
    page.get_by_role("button", name="Spara").click()
    assert heading(page) == "Kompetensplattform"
    submit_year(page, "GR")
    sign_out(page)

    sign_in_as(page, compiler)
    assert page.get_by_role("link", name="Att göra: granska GR:s inlämning för 2016").is_visible()
    review(page, "gr", "Skicka tillbaka", comment="Ange kommunerna för kompetensplattformen.")
    assert "Ange kommunerna för kompetensplattformen." in page.locator("main").inner_text()
    sign_out(page)
    returned = [message for message in mail.outbox if message.to == ["gustav@example.se"]]
    assert returned and "Ange kommunerna" in returned[-1].body

    sign_in_as(page, developer_gr)
    assert page.get_by_role("link", name=re.compile("rätta och lämna in 2016 för GR")).is_visible()
    submit_year(page, "GR")
    sign_out(page)

    sign_in_as(page, developer_vgr)
    submit_year(page, "VGR")
    sign_out(page)

    sign_in_as(page, compiler)
    review(page, "gr", "Godkänn")
    review(page, "vgr", "Godkänn")
    page.goto("/vg2020/uppfoljning/rapportering/2016/")
    assert_accessible(page)
    page.get_by_role("link", name="Stäng året 2016").click()
    assert_accessible(page)
    page.get_by_label("Stäng året, även om alla aktörers år inte är godkända.").check()
    page.get_by_role("button", name="Stäng året").click()
    assert page.get_by_text("Uppföljningsåret 2016 är stängt.").is_visible()
    assert_accessible(page)

    statuses = dict(ActorYear.objects.values_list("actor__short_name", "status"))
    assert (statuses["GR"], statuses["VGR"]) == (S.APPROVED, S.APPROVED)
    assert ReportingYear.objects.get(strategy__slug="vg2020", year=2016).is_closed


def test_password_pages_pass_axe(page, developer_vgr):
    page.goto("/konto/logga-in/")
    page.get_by_role("link", name="Glömt lösenordet?").click()
    assert heading(page) == "Glömt lösenord"
    assert_accessible(page)
    page.get_by_label("E-postadress").fill("ingen@example.se")
    page.get_by_role("button", name="Skicka länken").click()
    assert heading(page) == "Kolla din e-post"
    assert_accessible(page)
    page.goto("/konto/losenord/nytt/MQ/ogiltig-lank/")
    assert heading(page) == "Länken gäller inte längre"
    assert_accessible(page)
    page.goto("/konto/losenord/nytt/klart/")
    assert_accessible(page)
    sign_in_as(page, developer_vgr)
    page.get_by_role("link", name="Byt lösenord").click()
    assert heading(page) == "Byt lösenord"
    page.get_by_role("button", name="Byt lösenord").click()
    assert "Formuläret har" in page.get_by_role("alert").inner_text()
    assert_accessible(page)
