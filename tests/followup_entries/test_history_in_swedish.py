"""History as people read it: admin's history pages in Swedish with kronor and names, the
import's reason on the entry page, closing and reopening a year in the year's history, and
import times in local time."""

import importlib
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.apps import apps

from followup.models import ImportBatch, ReportingYear
from followup.years import close_years, reopen_years
from strategy.models import Actor
from tests.conftest import client_for, make_entry

from .conftest import page_text

pytestmark = pytest.mark.django_db


def year_2015() -> ReportingYear:
    return ReportingYear.objects.get(strategy__slug="vg2020", year=2015)


def entry_history_page(admin_user, entry) -> str:
    return page_text(client_for(admin_user).get(f"/admin/followup/spendingentry/{entry.pk}/history/"))


def changed_amount(**fields):
    entry = make_entry(amount="1500000", **fields)
    entry.amount = Decimal("2000000")
    entry.version += 1
    entry.save()
    return entry


def import_batch(admin_user) -> ImportBatch:
    return ImportBatch.objects.create(
        created_by=admin_user,
        file_name="fil.xlsx",
        actor=Actor.objects.get(short_name="VGR"),
        reporting_year=year_2015(),
    )


def test_admin_entry_history_has_swedish_headings(admin_user):
    html = entry_history_page(admin_user, changed_amount())
    assert all(
        heading in html for heading in ["Tidpunkt", "Händelse", "Orsak", "Ändringar", "Beviljat belopp"]
    )
    assert not any(english in html for english in ["Changed by", "Change reason", "Date/time", "Object"])


def test_admin_entry_history_shows_amounts_in_kronor(admin_user):
    html = entry_history_page(admin_user, changed_amount())
    assert "1\u00a0500\u00a0000\u00a0kr" in html and "2\u00a0000\u00a0000\u00a0kr" in html
    assert "1500000.00" not in html


def test_admin_entry_history_names_references_and_shows_none_as_a_dash(admin_user):
    entry = make_entry()
    entry.last_import = import_batch(admin_user)
    entry.version += 1
    entry.save()
    html = entry_history_page(admin_user, entry)
    assert "Senaste import:</strong> –" in html
    assert "fil.xlsx" in html
    assert "Deleted" not in html and "pk=None" not in html


def test_entry_page_history_shows_the_import_reason(developer_vgr):
    entry = make_entry()
    entry.title = "Från Excel"
    entry.version += 1
    entry._change_reason = "Import: fil.xlsx (#3)"
    entry.save()
    html = page_text(client_for(developer_vgr).get(f"/vg2020/insatser/{entry.pk}/"))
    assert "av Okänd (system eller import) – Import: fil.xlsx (#3)</caption>" in html


def test_closing_a_year_in_admin_records_who_closed_it_in_the_years_history(admin_user):
    year = year_2015()
    client_for(admin_user).post(
        "/admin/followup/reportingyear/", {"action": "close_selected", "_selected_action": [year.pk]}
    )
    record = year.history.latest()
    assert (record.is_closed, record.history_user, record.history_change_reason) == (
        True,
        admin_user,
        "Året stängdes",
    )


def test_reopening_a_year_in_admin_records_who_reopened_it(admin_user):
    year = year_2015()
    close_years(ReportingYear.objects.filter(pk=year.pk), user=admin_user)
    client_for(admin_user).post(
        "/admin/followup/reportingyear/", {"action": "reopen_selected", "_selected_action": [year.pk]}
    )
    record = year.history.latest()
    assert (record.is_closed, record.history_user, record.history_change_reason) == (
        False,
        admin_user,
        "Året öppnades igen",
    )


def test_admin_history_page_of_a_year_shows_closing_and_reopening_in_swedish(admin_user):
    year = year_2015()
    close_years(ReportingYear.objects.filter(pk=year.pk), user=admin_user)
    reopen_years(ReportingYear.objects.filter(pk=year.pk), user=admin_user)
    html = page_text(client_for(admin_user).get(f"/admin/followup/reportingyear/{year.pk}/history/"))
    assert "<td>Året stängdes</td>" in html and "<td>Året öppnades igen</td>" in html
    assert "Stängt:</strong> ja&nbsp;&rarr;&nbsp;nej" in html


def test_a_years_history_version_is_not_saved_back(admin_user):
    year = year_2015()
    close_years(ReportingYear.objects.filter(pk=year.pk), user=admin_user)
    record = year.history.earliest()
    url = f"/admin/followup/reportingyear/{year.pk}/history/{record.history_id}/"
    response = client_for(admin_user).post(url, {"strategy": year.strategy_id, "year": "2099"})
    assert response.status_code == 302
    year.refresh_from_db()
    assert (year.year, year.is_closed) == (2015, True)


def test_entry_list_says_who_closed_the_year_and_when(developer_vgr, admin_user):
    close_years(ReportingYear.objects.filter(pk=year_2015().pk), user=admin_user)
    html = page_text(client_for(developer_vgr).get("/vg2020/insatser/?year=2015"))
    assert "Året stängdes" in html
    assert "av Ada." in html


def test_entry_list_says_who_reopened_the_year(developer_vgr, admin_user):
    years = ReportingYear.objects.filter(pk=year_2015().pk)
    close_years(years, user=admin_user)
    reopen_years(years, user=admin_user)
    html = page_text(client_for(developer_vgr).get("/vg2020/insatser/?year=2015"))
    assert "Året öppnades igen" in html


def test_a_year_closed_before_years_had_history_gets_its_closing_as_first_record(admin_user):
    now = datetime(2016, 2, 1, 9, 0, tzinfo=UTC)
    ReportingYear.objects.filter(pk=year_2015().pk).update(
        is_closed=True, closed_at=now, closed_by=admin_user
    )
    migration = importlib.import_module("followup.migrations.0008_year_history_submission_keys_text_limits")
    migration.record_earlier_closings(apps, None)
    record = year_2015().history.get()
    assert (record.history_date, record.history_user, record.history_change_reason) == (
        now,
        admin_user,
        "Året stängdes",
    )


def test_import_list_shows_the_import_time_in_local_time(developer_vgr, admin_user):
    batch = import_batch(admin_user)
    ImportBatch.objects.filter(pk=batch.pk).update(created_at=datetime(2017, 3, 1, 12, 0, tzinfo=UTC))
    html = page_text(client_for(developer_vgr).get("/vg2020/insatser/importer/"))
    assert '<time datetime="2017-03-01T13:00:00+01:00">1 mars 2017 13:00</time>' in html


def test_an_import_is_named_by_its_local_time(admin_user):
    batch = import_batch(admin_user)
    batch.created_at = datetime(2017, 7, 1, 12, 0, tzinfo=UTC)
    assert str(batch) == "fil.xlsx (2017-07-01 14:00)"
