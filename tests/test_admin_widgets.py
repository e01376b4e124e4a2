"""The admin's accessible widgets (strategy/admin_widgets.py); axe checks every admin page in
tests/browser/test_admin_accessible.py."""

import pytest
from django import forms
from django.utils import timezone

from strategy.admin_widgets import DateTimeInput
from strategy.models import Actor
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_date_and_time_in_admin_is_one_input_that_its_label_names(admin_user):
    html = client_for(admin_user).get(f"/admin/auth/user/{admin_user.pk}/change/").content.decode()
    assert '<label class="required" for="id_date_joined">' in html
    assert '<input type="datetime-local" name="date_joined"' in html
    assert 'name="date_joined_0"' not in html


def test_the_date_and_time_input_keeps_the_seconds():
    field = forms.DateTimeField(widget=DateTimeInput)
    moment = timezone.localtime().replace(microsecond=0)
    shown = field.widget.format_value(field.prepare_value(moment))
    assert field.clean(shown) == moment


def test_many_to_many_fields_in_admin_are_checkboxes(admin_user):
    html = client_for(admin_user).get("/admin/strategy/focusarea/1/change/").content.decode()
    assert '<div id="id_goal_areas" class="checkbox-columns">' in html
    assert "SelectFilter2.js" not in html


def test_actor_in_admin_is_a_native_select(admin_user):
    html = client_for(admin_user).get("/admin/strategy/actormembership/add/").content.decode()
    assert '<select name="actor" data-context="available-source" required id="id_actor">' in html
    assert "select2" not in html


def test_every_input_of_a_tabular_inline_has_a_label(admin_user):
    gr = Actor.objects.get(short_name="GR")
    html = client_for(admin_user).get(f"/admin/strategy/actor/{gr.pk}/change/").content.decode()
    first = gr.municipalities.order_by("name").first()
    assert (
        f'<label class="visually-hidden" for="id_municipalities-0-code">Kommunkod ({first})</label>' in html
    )
    assert (
        f'<label class="visually-hidden" for="id_municipalities-0-DELETE">Radera? ({first})</label>' in html
    )


def test_a_municipality_code_that_is_not_four_digits_gets_a_swedish_message_not_a_constraint_name(admin_user):
    from strategy.models import Actor, Municipality
    from tests.conftest import client_for

    response = client_for(admin_user).post(
        "/admin/strategy/municipality/add/",
        {
            "code": "12a",
            "name": "Påhittad kommun",
            "county_code": "14",
            "association": Actor.objects.first().pk,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kommunkoden ska vara fyra siffror" in html
    assert "municipality_code_four_digits" not in html
    assert not Municipality.objects.filter(name="Påhittad kommun").exists()
