"""Every free text has a limit: stated on the form, refused by the form and the model's clean
(which the import uses) with a Swedish message, and by the database for long texts."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from followup.models import DESCRIPTION_MAX, SpendingEntry
from strategy.models import FocusArea, GoalArea, Strategy
from tests.conftest import client_for, make_entry

from .conftest import entry_count, entry_data, page_text

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
LIMITS = {"title": 200, "description": 4000, "case_number": 50, "project_owner": 200}


def limit_text(limit: int) -> str:
    return f"{limit:,}".replace(",", NBSP)


@pytest.mark.parametrize(("name", "limit"), LIMITS.items())
def test_entry_form_states_the_limit_in_the_hint(developer_vgr, name, limit):
    form = client_for(developer_vgr).get("/vg2020/insatser/ny/").context["form"]
    assert form[name].help_text.endswith(f"Högst {limit_text(limit)} tecken.")


@pytest.mark.parametrize(("name", "limit"), LIMITS.items())
def test_entry_form_refuses_a_text_over_the_limit_in_swedish(developer_vgr, name, limit):
    response = client_for(developer_vgr).post("/vg2020/insatser/ny/", entry_data(**{name: "x" * (limit + 1)}))
    assert response.context["form"].errors[name] == [
        f"Texten får vara högst {limit_text(limit)} tecken lång; den här har {limit + 1}."
    ]
    assert entry_count() == 0


def test_a_description_at_the_limit_is_saved(developer_vgr):
    client_for(developer_vgr).post("/vg2020/insatser/ny/", entry_data(description="x" * DESCRIPTION_MAX))
    assert len(SpendingEntry.objects.get().description) == DESCRIPTION_MAX


def test_model_clean_refuses_a_description_over_the_limit(db):
    entry = make_entry()
    entry.description = "x" * (DESCRIPTION_MAX + 1)
    with pytest.raises(ValidationError) as refused:
        entry.full_clean()
    assert refused.value.message_dict["description"] == [
        f"Texten får vara högst {limit_text(DESCRIPTION_MAX)} tecken lång; den här har {DESCRIPTION_MAX + 1}."
    ]


def test_database_refuses_a_description_over_the_limit_written_past_clean(db):
    entry = make_entry()
    with pytest.raises(IntegrityError), transaction.atomic():
        SpendingEntry.objects.filter(pk=entry.pk).update(description="x" * (DESCRIPTION_MAX + 1))


@pytest.mark.parametrize(
    ("model", "field", "limit"),
    [(Strategy, "purpose", 4000), (GoalArea, "tagline", 500), (FocusArea, "description", 4000)],
)
def test_database_refuses_reference_texts_over_their_limit(db, model, field, limit):
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.update(**{field: "x" * (limit + 1)})


def test_admin_form_of_a_focus_area_states_its_limit(admin_user):
    area = FocusArea.objects.first()
    html = page_text(client_for(admin_user).get(f"/admin/strategy/focusarea/{area.pk}/change/"))
    assert f"Högst {limit_text(4000)} tecken." in html
