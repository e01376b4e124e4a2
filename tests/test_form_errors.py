"""Errors take you there, on every form of the portal: the page title says so first, the
summary links a group of radio buttons or checkboxes at its first option, the group's
fieldset names its message, a required radio group offers no empty choice, and the
script that focuses the summary is on every page (the browser tests check what it does)."""

import re
from collections.abc import Callable

import pytest
from django.test import Client

from tests.conftest import client_for, make_entry
from tests.followup_entries.conftest import edit_data, entry_data
from tests.followup_spreadsheets.conftest import row, upload, xlsx
from tests.publications.conftest import make_published_report, make_recommendation, make_report

pytestmark = pytest.mark.django_db

PREFIX = "<title>Fel i formuläret – "


def _entry_create(client: Client, **_) -> object:
    return client.post("/vg2020/insatser/ny/", entry_data(title=""))


def _entry_edit(client: Client, **_) -> object:
    entry = make_entry()
    return client.post(f"/vg2020/insatser/{entry.pk}/andra/", edit_data(entry, amount="tusen"))


def _entry_delete(client: Client, **_) -> object:
    entry = make_entry()
    return client.post(f"/vg2020/insatser/{entry.pk}/ta-bort/", {"submission_key": "x" * 65})


def _entry_list_filter(client: Client, **_) -> object:
    return client.get("/vg2020/insatser/", {"year": "1999"})


def _copy_year(client: Client, **_) -> object:
    return client.get("/vg2020/insatser/kopiera/", {"year": "abc"})


def _copy_entries(client: Client, **_) -> object:
    make_entry(year=2015)
    return client.post("/vg2020/insatser/kopiera/?year=2016", {})


def _import_upload(client: Client, **_) -> object:
    return client.post("/vg2020/insatser/import/", {"actor": "vgr", "year": "2016"})


def _import_preview(client: Client, **_) -> object:
    response = upload(client, xlsx([row(amount="minus tusen")]))
    return client.get(response["Location"])


def _report_filter(client: Client, **_) -> object:
    return client.get("/vg2020/uppfoljning/", {"fran": "abc"})


def _login(client: Client, **_) -> object:
    return Client().post("/konto/logga-in/", {"username": "utv.vgr", "password": "fel-losenord"})


def _report_form(client: Client, **_) -> object:
    return client.post("/vg2020/arsrapporter/ny/", {"year": "2016", "title": ""})


def _recommendation_form(client: Client, **_) -> object:
    make_report(year=2016)
    return client.post("/vg2020/arsrapporter/vg2020/2016/rekommendationer/ny/", {"number": "", "text": ""})


def _follow_up_form(client: Client, admin_user, **_) -> object:
    make_recommendation(make_published_report(user=admin_user, year=2015))
    return client.post("/vg2020/arsrapporter/vg2020/2015/rekommendationer/1/uppfoljning/", {"year": "2016"})


def _evaluation_form(client: Client, **_) -> object:
    return client.post("/vg2020/arsrapporter/utvardering/ny/", {"year": "2017", "title": "Utvärdering"})


def _assessment_form(client: Client, **_) -> object:
    client.post(
        "/vg2020/arsrapporter/utvardering/ny/",
        {"kind": "halvtid", "year": "2017", "title": "Halvtid", "summary": "."},
    )
    return client.post(
        "/vg2020/arsrapporter/vg2020/utvardering/halvtid/malomrade/2/", {"rating": "5", "text": ""}
    )


def _publish_confirm(client: Client, **_) -> object:
    make_report(year=2016)
    return client.post("/vg2020/arsrapporter/vg2020/2016/publicera/", {})


def _indicator_import(client: Client, **_) -> object:
    # A browser sends the form's fields even without a file.
    return client.post("/vg2020/indikatorer/importera/", {"file": ""})


# (who fills it in, how the form fails)
ERROR_STATES: dict[str, tuple[str, Callable]] = {
    "ny insats": ("developer_vgr", _entry_create),
    "ändra insats": ("developer_vgr", _entry_edit),
    "ta bort insats": ("developer_vgr", _entry_delete),
    "insatslistans filter": ("developer_vgr", _entry_list_filter),
    "kopiera: år": ("developer_vgr", _copy_year),
    "kopiera: insatser": ("developer_vgr", _copy_entries),
    "import: uppladdning": ("developer_vgr", _import_upload),
    "import: granskning": ("developer_vgr", _import_preview),
    "rapportfilter": ("developer_vgr", _report_filter),
    "inloggning": ("developer_vgr", _login),
    "årsrapport": ("admin_user", _report_form),
    "rekommendation": ("admin_user", _recommendation_form),
    "uppföljning av rekommendation": ("admin_user", _follow_up_form),
    "utvärdering": ("admin_user", _evaluation_form),
    "bedömning": ("admin_user", _assessment_form),
    "publicera": ("admin_user", _publish_confirm),
    "indikatorimport": ("admin_user", _indicator_import),
}


@pytest.fixture
def fast_password_hashing(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize("state", ERROR_STATES)
def test_every_forms_error_state_says_so_first_in_the_title(
    request, state, admin_user, fast_password_hashing
):
    role, fail = ERROR_STATES[state]
    response = fail(client_for(request.getfixturevalue(role)), admin_user=admin_user)
    html = response.content.decode()
    assert 'class="error-summary"' in html, f"{state}: inget felsammandrag"
    assert PREFIX in html


def test_a_form_without_errors_keeps_its_title(developer_vgr):
    html = client_for(developer_vgr).get("/vg2020/insatser/ny/").content.decode()
    assert "<title>Ny insats – VG2020 uppföljning</title>" in html


def test_every_page_loads_the_error_script_deferred(developer_vgr):
    html = client_for(developer_vgr).get("/vg2020/insatser/ny/").content.decode()
    assert '<script src="/static/js/errors.js" defer></script>' in html


def test_summary_links_a_checkbox_group_at_its_first_option(developer_vgr):
    html = _copy_entries(client_for(developer_vgr)).content.decode()
    assert '<a href="#id_entries_0">Insatser att kopiera: Välj minst en insats att kopiera.</a>' in html
    assert 'id="id_entries_0"' in html


def test_summary_links_a_radio_group_at_its_first_option(admin_user):
    html = _evaluation_form(client_for(admin_user)).content.decode()
    assert '<a href="#id_kind_0">' in html
    assert re.search(r'<input type="radio" name="kind" value="halvtid"[^>]*id="id_kind_0"', html)


def test_a_groups_message_is_named_by_its_fieldset(developer_vgr):
    html = _copy_entries(client_for(developer_vgr)).content.decode()
    assert '<fieldset aria-describedby="id_entries_helptext id_entries_error">' in html
    assert '<p class="field-error" id="id_entries_error">' in html


def test_a_fields_message_is_named_by_its_input(developer_vgr):
    html = _entry_create(client_for(developer_vgr)).content.decode()
    assert re.search(
        r'<input type="text" name="title"[^>]*aria-describedby="id_title_helptext id_title_error"', html
    )


def test_a_required_radio_group_offers_no_empty_choice(admin_user):
    html = client_for(admin_user).get("/vg2020/arsrapporter/utvardering/ny/").content.decode()
    assert "---------" not in html
    assert re.search(r'<input type="radio" name="kind" value="halvtid"[^>]*id="id_kind_0"', html)
