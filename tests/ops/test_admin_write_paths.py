"""Admin obeys the write rule: no admin URL of any registered model changes a closed year.

The walk posts, as a superuser, to every URL that each registered ModelAdmin serves
(`admin.site._registry` and `get_urls()`), for every object a closed year's entries and
the closed years themselves refer to, the way a browser would submit the page's form,
with the change that would hurt most typed in (an entry moved to an open year, a year
renumbered, every inline row marked for deletion) and every list action confirmed. The
closed years' entries, their municipalities, the years and the entry history must be
exactly as before each post.
"""

import hashlib
import re
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.db import models
from django.test import Client
from django.urls import URLPattern, reverse

from followup.models import ReportingYear, SpendingEntry
from followup.years import close_years
from strategy import roles
from strategy.models import Actor, Municipality, Priority, Strategy
from tests.conftest import client_for, focus_area, make_entry, make_user

pytestmark = pytest.mark.django_db

# Reopening is the one way, by design, to let a closed year change again.
DESIGNED_TO_OPEN = {"reopen_selected"}


def fingerprint() -> str:
    def rows(queryset: models.QuerySet) -> list[tuple]:
        fields = [field.attname for field in queryset.model._meta.concrete_fields]
        return list(queryset.order_by("pk").values_list(*fields))

    links = SpendingEntry.municipalities.through.objects.all()
    state = [
        rows(SpendingEntry.objects.all()),
        rows(links),
        rows(ReportingYear.objects.all()),
        rows(SpendingEntry.history.all()),
    ]
    counts = [len(table) for table in state]
    return f"{counts} {hashlib.sha256(repr(state).encode()).hexdigest()}"


class _FormFields(HTMLParser):
    """What a browser posts from the page's own form (no action, or an empty one), with
    every inline row's delete box ticked."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._in_form = False
        self._select: tuple[str, list[str], str | None] | None = None
        self._textarea: str | None = None

    def _add(self, name: str | None, value: str) -> None:
        if name:
            self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "form":
            self._in_form = a.get("method", "").lower() == "post" and not a.get("action")
        if not self._in_form or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input":
            kind = a.get("type", "text")
            if kind == "checkbox" and (name or "").endswith("-DELETE"):
                self._add(name, "on")
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._add(name, a.get("value", "on"))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self._add(name, a.get("value", ""))
        elif tag == "select":
            self._select = (name, [], None) if "multiple" in a else (name, [], "")
        elif tag == "option" and self._select is not None:
            select_name, chosen, first = self._select
            if "selected" in a:
                chosen.append(a.get("value", ""))
            if first == "":
                self._select = (select_name, chosen, a.get("value", ""))
        elif tag == "textarea":
            self._textarea = name
            self._add(name, "")

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.data[self._textarea][-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        elif tag == "select" and self._select is not None:
            name, chosen, first = self._select
            for value in chosen or ([first] if first is not None else []):
                self._add(name, value)
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _form_data(client: Client, url: str) -> dict[str, list[str]]:
    response = client.get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return {}
    parser = _FormFields()
    parser.feed(response.content.decode())
    return parser.data


@pytest.fixture
def closed_years(developer_vgr: User, admin_user: User) -> list[SpendingEntry]:
    """2014 and 2015 closed; one entry written in 2016 and then moved into 2014 (so its
    history holds an open-year version to revert to), one of GR's with a focus area."""
    closer = make_user("stangare", is_staff=True)
    göteborg = Municipality.objects.get(name="Göteborg")
    moved = make_entry(
        year=2016,
        title="Flyttad till 2014",
        created_by=developer_vgr,
        priority=Priority.objects.filter(goal_area__number=1, goal_area__strategy__slug="vg2020").first(),
    )
    moved.municipalities.add(Municipality.objects.get(name="Borås"))
    moved.reporting_year = ReportingYear.objects.get(strategy__slug="vg2020", year=2014)
    moved.version += 1
    moved.save()
    gr_entry = make_entry(actor="GR", year=2015, title="GR 2015", updated_by=developer_vgr)
    gr_entry.focus_area = focus_area(1)
    gr_entry.save()
    gr_entry.municipalities.add(göteborg)
    close_years(ReportingYear.objects.filter(strategy__slug="vg2020", year__in=[2014, 2015]), user=closer)
    return [moved, gr_entry]


def _related(obj: models.Model) -> list[models.Model]:
    found = [getattr(obj, field.name) for field in obj._meta.concrete_fields if field.is_relation]
    for field in obj._meta.many_to_many:
        found.extend(getattr(obj, field.name).all())
    return [item for item in found if item is not None]


def _objects_of_closed_years() -> dict[type, list[models.Model]]:
    """The closed years, their entries, and what those refer to, two steps out."""
    seen: dict[type, list[models.Model]] = {}
    todo: list[models.Model] = [
        *SpendingEntry.objects.filter(reporting_year__is_closed=True),
        *ReportingYear.objects.filter(is_closed=True),
    ]
    for depth in range(3):
        next_round = []
        for obj in todo:
            objects = seen.setdefault(type(obj), [])
            if obj not in objects:
                objects.append(obj)
                if depth < 2:
                    next_round.extend(_related(obj))
        todo = next_round
    return seen


def _entry_data(entry: SpendingEntry, year: ReportingYear) -> dict:
    """A valid admin entry form: `entry`'s values, moved to `year`."""
    return {
        "actor": entry.actor_id,
        "reporting_year": year.pk,
        "title": "Ändrad via admin",
        "project_owner": entry.project_owner,
        "goal_area": entry.goal_area_id,
        "amount": "1",
        "funding_source": entry.funding_source,
        "municipalities": [],
    }


def _next_strategy() -> Strategy:
    return Strategy.objects.get(slug="vg2030")


def _urls(model_admin: admin.ModelAdmin, objects: list[models.Model]) -> list[str]:
    """Every URL the ModelAdmin serves, filled in with each object (and each of its history records)."""
    meta = model_admin.model._meta
    prefix = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    urls = []
    for pattern in model_admin.get_urls():
        assert isinstance(pattern, URLPattern)
        text = str(pattern.pattern).removeprefix("^").removesuffix("$")
        holes = re.findall(r"<[^>]+>|\([^)]*\)", text)
        if not holes:
            urls.append(prefix + text)
            continue
        for obj in objects:
            records = list(obj.history.all()) if len(holes) == 2 else [None]
            for record in records:
                values = [str(obj.pk)] if record is None else [str(obj.pk), str(record.history_id)]
                url = text
                for hole, value in zip(holes, values, strict=True):
                    url = url.replace(hole, value, 1)
                urls.append(prefix + url)
    return urls


def test_no_admin_url_of_any_model_changes_a_closed_year(closed_years, admin_user):
    client = client_for(admin_user)
    objects = _objects_of_closed_years()
    open_year = ReportingYear.objects.get(strategy__slug="vg2020", year=2016)
    # What a form gets typed in: a closed entry moved to an open year, a closed year moved
    # to another strategy; a new entry in a closed year.
    attacks = {
        SpendingEntry: _entry_data(closed_years[0], open_year),
        ReportingYear: {"strategy": _next_strategy().pk, "year": "2021"},
    }
    add_attacks = {SpendingEntry: _entry_data(closed_years[0], closed_years[0].reporting_year)}
    before = fingerprint()
    changed = []
    walked = 0
    for model, model_admin in admin.site._registry.items():
        model_objects = objects.get(model, [])
        for url in _urls(model_admin, model_objects):
            attack = add_attacks if url.endswith("/add/") else attacks
            data = {**_form_data(client, url), **attack.get(model, {}), "post": "yes"}
            client.post(url, data)
            walked += 1
            if (after := fingerprint()) != before:
                changed.append(url)
                before = after
        request = client.get(reverse("admin:index")).wsgi_request
        for action in model_admin.get_actions(request):
            if action in DESIGNED_TO_OPEN or not model_objects:
                continue
            changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            selected = [str(obj.pk) for obj in model_objects]
            client.post(changelist, {"action": action, "_selected_action": selected, "post": "yes"})
            walked += 1
            if (after := fingerprint()) != before:
                changed.append(f"{changelist} {action}")
                before = after
    assert changed == []
    # The walk reached the entries' own pages, their history and the reference rows.
    assert walked > 100
    assert {SpendingEntry, ReportingYear, Actor, Municipality, User} <= set(objects)


def _revert_url(entry: SpendingEntry, year: int) -> str:
    record = entry.history.filter(reporting_year__year=year).earliest("history_date")
    return f"/admin/followup/spendingentry/{entry.pk}/history/{record.history_id}/"


def test_history_revert_of_a_closed_year_entry_changes_nothing(closed_years, admin_user):
    moved = closed_years[0]
    open_year = ReportingYear.objects.get(strategy__slug="vg2020", year=2016)
    before = fingerprint()
    response = client_for(admin_user).post(
        _revert_url(moved, 2016), _entry_data(moved, open_year), follow=True
    )
    assert fingerprint() == before
    assert (
        "Uppföljningsåret 2014 är stängt och sammanställt. Ingenting har ändrats."
        in response.content.decode()
    )


def test_history_revert_page_of_a_closed_year_entry_is_read_only_and_says_why(closed_years, admin_user):
    response = client_for(admin_user).get(_revert_url(closed_years[0], 2016))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="reporting_year"' not in html
    assert "Uppföljningsåret 2014 är stängt och sammanställt. Insatsen kan inte återställas härifrån." in html


def test_history_revert_in_an_open_year_is_saved_through_the_write_path(admin_user):
    entry = make_entry(year=2016, title="Första")
    entry.title = "Andra"
    entry.version += 1
    entry.save()
    first = entry.history.get(title="Första")
    client = client_for(admin_user)
    url = f"/admin/followup/spendingentry/{entry.pk}/history/{first.history_id}/"
    data = {**_form_data(client, url), "_save": "1"}
    assert client.post(url, data).status_code == 302
    entry.refresh_from_db()
    assert (entry.title, entry.version, entry.updated_by) == ("Första", 3, admin_user)


def test_history_revert_of_a_deleted_entry_is_refused(admin_user):
    entry = make_entry(year=2016, title="Borttagen")
    record = entry.history.get()
    entry.delete()
    client = client_for(admin_user)
    url = f"/admin/followup/spendingentry/{record.id}/history/{record.history_id}/"
    response = client.post(url, _entry_data(record.instance, record.reporting_year))
    assert response.status_code == 302
    assert not SpendingEntry.objects.filter(pk=record.id).exists()


def test_history_page_with_a_history_id_that_is_not_a_number_is_not_found(admin_user):
    entry = make_entry()
    response = client_for(admin_user).get(f"/admin/followup/spendingentry/{entry.pk}/history/abc/")
    assert response.status_code == 404


def test_closed_year_cannot_be_moved_to_another_strategy_in_admin(closed_years, admin_user):
    year = ReportingYear.objects.get(strategy__slug="vg2020", year=2014)
    response = client_for(admin_user).post(
        f"/admin/followup/reportingyear/{year.pk}/change/", {"strategy": _next_strategy().pk, "year": "2021"}
    )
    assert response.status_code == 403
    year.refresh_from_db()
    assert (year.strategy.slug, year.year) == ("vg2020", 2014)


def test_closed_year_without_entries_cannot_be_deleted_in_admin(admin_user):
    year = ReportingYear.objects.get(strategy__slug="vg2020", year=2020)
    close_years(ReportingYear.objects.filter(pk=year.pk), user=admin_user)
    client_for(admin_user).post(f"/admin/followup/reportingyear/{year.pk}/delete/", {"post": "yes"})
    assert ReportingYear.objects.filter(pk=year.pk).exists()


def test_municipality_named_by_a_closed_year_entry_cannot_be_deleted(closed_years, admin_user):
    göteborg = Municipality.objects.get(name="Göteborg")
    client_for(admin_user).post(f"/admin/strategy/municipality/{göteborg.pk}/delete/", {"post": "yes"})
    assert Municipality.objects.filter(pk=göteborg.pk).exists()


def test_municipality_named_by_a_closed_year_entry_cannot_be_deleted_from_its_actors_page(
    closed_years, admin_user
):
    gr = Actor.objects.get(short_name="GR")
    client = client_for(admin_user)
    url = f"/admin/strategy/actor/{gr.pk}/change/"
    response = client.post(url, _form_data(client, url))
    assert response.status_code == 200
    assert "Göteborg kan inte tas bort" in response.content.decode()
    assert gr.municipalities.filter(name="Göteborg").exists()


def test_unused_municipality_can_still_be_deleted_from_its_actors_page(admin_user):
    gr = Actor.objects.get(short_name="GR")
    client = client_for(admin_user)
    url = f"/admin/strategy/actor/{gr.pk}/change/"
    assert client.post(url, _form_data(client, url)).status_code == 302
    assert not gr.municipalities.exists()


def test_user_recorded_on_a_closed_year_entry_cannot_be_deleted(closed_years, developer_vgr, admin_user):
    client_for(admin_user).post(f"/admin/auth/user/{developer_vgr.pk}/delete/", {"post": "yes"})
    assert User.objects.filter(pk=developer_vgr.pk).exists()


def test_user_with_no_closed_year_records_can_still_be_deleted(admin_user):
    leaver = make_user("slutat", group=roles.DEVELOPER_GROUP, actors=("VGR",))
    make_entry(year=2016, created_by=leaver)
    client_for(admin_user).post(f"/admin/auth/user/{leaver.pk}/delete/", {"post": "yes"})
    assert not User.objects.filter(pk=leaver.pk).exists()


def test_entry_added_in_admin_into_a_closed_year_is_refused_on_the_year(closed_years, admin_user):
    closed = ReportingYear.objects.get(strategy__slug="vg2020", year=2014)
    data = {**_entry_data(closed_years[0], closed), "title": "Ny i stängt år"}
    response = client_for(admin_user).post("/admin/followup/spendingentry/add/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["reporting_year"] == [
        "Uppföljningsåret 2014 är stängt och sammanställt. Ingenting har ändrats. "
        "Kontakta en administratör om året behöver öppnas igen."
    ]
    assert not SpendingEntry.objects.filter(title="Ny i stängt år").exists()


def test_year_closed_after_the_form_check_is_refused_by_the_write_path_with_a_message(
    closed_years, admin_user, monkeypatch
):
    # As if 2014 closed between the form's validation and the save: the form sees nothing.
    monkeypatch.setattr(SpendingEntry, "clean", lambda self: None)
    entry = make_entry(year=2016, title="Öppen")
    closed = ReportingYear.objects.get(strategy__slug="vg2020", year=2014)
    data = {**_entry_data(entry, closed), "title": "Öppen"}
    response = client_for(admin_user).post(
        f"/admin/followup/spendingentry/{entry.pk}/change/", data, follow=True
    )
    assert (
        "Uppföljningsåret 2014 är stängt och sammanställt. Ingenting har ändrats."
        in response.content.decode()
    )
    entry.refresh_from_db()
    assert (entry.reporting_year.year, entry.version) == (2016, 1)
