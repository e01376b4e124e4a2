"""The write rule and the write path every change of an entry goes through (followup.entries)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from followup import write_rule
from followup.entries import StaleEntryError, copy_entries, delete_entry, save_entry
from followup.models import ReportingYear, SpendingEntry
from strategy.models import Actor, GoalArea, Municipality
from tests.conftest import make_entry

from .conftest import close_year

pytestmark = pytest.mark.django_db

CLOSED_2014 = (
    "Uppföljningsåret 2014 är stängt och sammanställt. Ingenting har ändrats. "
    "Kontakta en administratör om året behöver öppnas igen."
)


def year(number: int) -> ReportingYear:
    return ReportingYear.objects.get(strategy__slug="vg2020", year=number)


def vgr() -> Actor:
    return Actor.objects.get(short_name="VGR")


def test_a_closed_year_is_refused_with_the_message_users_know():
    assert write_rule.refusal(vgr(), close_year(2014)) == CLOSED_2014


def test_an_open_year_is_writable_for_the_actor_and_as_a_whole():
    assert write_rule.is_writable(vgr(), year(2016)) and write_rule.is_writable(None, year(2016))


def test_ensure_writable_raises_the_refusal():
    with pytest.raises(ValidationError) as refused:
        write_rule.ensure_writable(vgr(), close_year(2014))
    assert refused.value.messages == [CLOSED_2014]


def test_editable_by_keeps_own_actors_entries_in_open_years_only(developer_vgr):
    own_open = make_entry(year=2016)
    make_entry(year=2014)
    make_entry(actor="GR", year=2016)
    close_year(2014)
    assert list(SpendingEntry.objects.editable_by(developer_vgr)) == [own_open]


def test_locked_and_writable_split_the_entries_by_the_rule():
    open_entry, closed_entry = make_entry(year=2016), make_entry(year=2014)
    close_year(2014)
    assert (list(SpendingEntry.objects.writable()), list(SpendingEntry.objects.locked())) == (
        [open_entry],
        [closed_entry],
    )


def test_open_years_are_the_ones_the_rule_leaves_open():
    close_year(2014)
    assert 2014 not in ReportingYear.objects.open().values_list("year", flat=True)


def test_save_entry_creates_an_entry_with_its_municipalities_at_version_one(developer_vgr):
    draft = SpendingEntry(
        actor=vgr(),
        reporting_year=year(2016),
        title="Ny",
        project_owner="Ägare",
        goal_area=GoalArea.objects.get(strategy__slug="vg2020", number=1),
        amount=Decimal("10.00"),
        funding_source="run",
    )
    borås = Municipality.objects.get(name="Borås")
    saved = save_entry(draft, municipalities=[borås], user=developer_vgr, expected_version=None)
    assert (saved.version, saved.created_by, list(saved.municipalities.all())) == (1, developer_vgr, [borås])


def test_save_entry_refuses_a_new_entry_in_a_closed_year(developer_vgr):
    draft = make_entry(year=2016)
    draft.pk = None
    draft.reporting_year = close_year(2014)
    with pytest.raises(ValidationError):
        save_entry(draft, municipalities=[], user=developer_vgr, expected_version=None)
    assert SpendingEntry.objects.count() == 1


def test_save_entry_moves_the_version_on_by_one(developer_vgr):
    entry = make_entry()
    entry.title = "Ändrad"
    save_entry(entry, municipalities=[], user=developer_vgr, expected_version=1)
    entry.refresh_from_db()
    assert (entry.title, entry.version, entry.updated_by) == ("Ändrad", 2, developer_vgr)


def test_save_entry_refuses_a_form_loaded_at_an_older_version(developer_vgr):
    entry = make_entry()
    SpendingEntry.objects.filter(pk=entry.pk).update(version=2, title="Kollegans")
    entry.title = "Min"
    with pytest.raises(StaleEntryError):
        save_entry(entry, municipalities=[], user=developer_vgr, expected_version=1)
    assert SpendingEntry.objects.get(pk=entry.pk).title == "Kollegans"


def test_save_entry_asks_the_rule_about_the_year_as_stored_not_the_copy_in_hand(developer_vgr):
    # A copy loaded while 2014 was open; the year closed since. Moving it to 2016 would
    # take it out of the closed year.
    entry = make_entry(year=2014)
    close_year(2014)
    entry.reporting_year = year(2016)
    with pytest.raises(ValidationError) as refused:
        save_entry(entry, municipalities=[], user=developer_vgr, expected_version=1)
    assert refused.value.messages == [CLOSED_2014]
    assert SpendingEntry.objects.get(pk=entry.pk).reporting_year.year == 2014


def test_save_entry_refuses_moving_an_entry_into_a_closed_year(developer_vgr):
    entry = make_entry(year=2016)
    entry.reporting_year = close_year(2014)
    with pytest.raises(ValidationError):
        save_entry(entry, municipalities=[], user=developer_vgr, expected_version=1)
    assert SpendingEntry.objects.get(pk=entry.pk).reporting_year.year == 2016


def test_delete_entry_refuses_an_entry_of_a_closed_year():
    entry = make_entry(year=2014)
    close_year(2014)
    with pytest.raises(ValidationError):
        delete_entry(entry)
    assert SpendingEntry.objects.filter(pk=entry.pk).exists()


def test_copy_into_a_closed_year_writes_nothing(developer_vgr):
    source = make_entry(year=2014)
    with pytest.raises(ValidationError):
        copy_entries([source], to_year=close_year(2015), user=developer_vgr)
    assert SpendingEntry.objects.count() == 1
