"""A submitted or approved actor-year is read-only on every write path; the other actors'
years, and a returned year, stay writable."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from followup import write_rule
from followup.entries import copy_entries, delete_entry, save_entry
from followup.models import SpendingEntry
from reporting.models import Status
from tests.conftest import client_for, make_entry
from tests.followup_entries.conftest import edit_data, entry_data
from tests.followup_spreadsheets.conftest import database_state, same_as, upload, xlsx

from .conftest import actor_year, reporting_year, set_status

pytestmark = pytest.mark.django_db

SUBMITTED_VGR = (
    "VGR:s år 2016 är inlämnat och kan inte ändras. Ingenting har ändrats. "
    "Kontakta en sammanställare om året behöver lämnas tillbaka."
)


@pytest.fixture(params=[Status.SUBMITTED, Status.APPROVED])
def locked_vgr(request, round_2016):
    return set_status(actor_year(round_2016, "VGR"), request.param)


def test_the_rule_refuses_the_locked_actor_only(round_2016):
    set_status(actor_year(round_2016, "VGR"), Status.SUBMITTED)
    vgr, gr = actor_year(round_2016, "VGR").actor, actor_year(round_2016, "GR").actor
    assert write_rule.refusal(vgr, reporting_year()) == SUBMITTED_VGR
    assert write_rule.is_writable(gr, reporting_year()) and write_rule.is_writable(None, reporting_year())


def test_approved_says_approved(round_2016):
    set_status(actor_year(round_2016, "VGR"), Status.APPROVED)
    assert "VGR:s år 2016 är godkänt" in write_rule.lock_reason(
        actor_year(round_2016).actor, reporting_year()
    )


@pytest.mark.parametrize("status", [Status.NOT_STARTED, Status.IN_PROGRESS, Status.RETURNED])
def test_open_and_returned_years_are_writable(round_2016, status):
    set_status(actor_year(round_2016, "VGR"), status)
    assert write_rule.is_writable(actor_year(round_2016).actor, reporting_year())


def test_the_filters_agree_with_the_rule(locked_vgr):
    vgr_entry, gr_entry = make_entry(actor="VGR"), make_entry(actor="GR")
    assert list(SpendingEntry.objects.writable()) == [gr_entry]
    assert list(SpendingEntry.objects.locked()) == [vgr_entry]


def test_edit_form_is_refused(locked_vgr, developer_vgr):
    entry = make_entry(title="Före")
    client_for(developer_vgr).post(
        reverse("followup:entry_update", args=[entry.pk]), edit_data(entry, title="Efter")
    )
    entry.refresh_from_db()
    assert entry.title == "Före"


def test_create_form_is_refused_with_the_rule_message(locked_vgr, developer_vgr):
    response = client_for(developer_vgr).post(reverse("followup:entry_create"), entry_data())
    assert SpendingEntry.objects.count() == 0
    assert "VGR:s år 2016 är" in response.content.decode()


def test_delete_is_refused(locked_vgr, developer_vgr):
    entry = make_entry()
    client_for(developer_vgr).post(reverse("followup:entry_delete", args=[entry.pk]), {})
    assert SpendingEntry.objects.filter(pk=entry.pk).exists()


def test_another_actors_developer_still_writes_the_same_year(locked_vgr, developer_gr):
    response = client_for(developer_gr).post(reverse("followup:entry_create"), entry_data(actor="GR"))
    assert response.status_code == 302 and SpendingEntry.objects.filter(actor__short_name="GR").count() == 1


def test_import_is_refused(locked_vgr, developer_vgr):
    entry = make_entry(title="Före")
    before = database_state()
    client = client_for(developer_vgr)
    response = upload(client, xlsx([same_as(entry, title="Efter")]))
    preview = client.get(response["Location"], follow=True) if response.status_code == 302 else response
    assert "VGR:s år 2016 är" in preview.content.decode()
    assert database_state() == before


def test_copy_from_last_year_is_refused(locked_vgr, developer_vgr):
    source = make_entry(year=2015, title="Förra året")
    client_for(developer_vgr).post(f"{reverse('followup:entry_copy')}?year=2016", {"entries": [source.pk]})
    assert not SpendingEntry.objects.filter(reporting_year__year=2016).exists()


def test_admin_change_is_refused(locked_vgr, admin_user):
    entry = make_entry(title="Före")
    client = client_for(admin_user)
    url = reverse("admin:followup_spendingentry_change", args=[entry.pk])
    response = client.get(url)
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(title="Ändrad i admin", municipalities=[])
    client.post(url, data)
    client.post(reverse("admin:followup_spendingentry_delete", args=[entry.pk]), {"post": "yes"})
    entry.refresh_from_db()
    assert entry.title == "Före"


def test_the_write_services_refuse(locked_vgr, developer_vgr):
    """The services every other path (forms, import, admin, demo commands) calls."""
    entry = make_entry(title="Före")
    entry.title = "Efter"
    with pytest.raises(ValidationError):
        save_entry(entry, municipalities=[], user=developer_vgr, expected_version=None)
    with pytest.raises(ValidationError):
        delete_entry(entry)
    with pytest.raises(ValidationError):
        copy_entries([make_entry(year=2015)], to_year=reporting_year(), user=developer_vgr)
    entry.refresh_from_db()
    assert entry.title == "Före"


def test_the_api_still_reads_a_locked_year(locked_vgr, developer_vgr):
    make_entry()
    response = client_for(developer_vgr).get(reverse("followup:api_entries"), {"year": 2016})
    assert response.status_code == 200 and json.loads(b"".join(response.streaming_content))["count"] == 1
