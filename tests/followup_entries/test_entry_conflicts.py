"""Two people edit one entry: the refused save shows what the other changed, keeps it in
every field the second person did not touch, and the next save writes only their own change."""

from decimal import Decimal

import pytest

from followup.models import SpendingEntry
from strategy import roles
from strategy.models import Municipality
from tests.conftest import client_for, make_entry, make_user

from .conftest import edit_data, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(db):
    """A second developer of VGR, who edits the same entry at the same time."""
    return make_user("utv.vgr2", group=roles.DEVELOPER_GROUP, actors=("VGR",), first_name="Kollega")


def url(entry: SpendingEntry) -> str:
    return f"/vg2020/insatser/{entry.pk}/andra/"


def as_posted(form) -> dict:
    """What the browser sends back when the refused form is saved again unchanged."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is not None:
            data[name] = [str(item) for item in value] if isinstance(value, list) else str(value)
    return data


def refused_after_colleague_saved(colleague, developer_vgr, entry, *, theirs: dict, yours: dict):
    """The colleague saves `theirs` from a form loaded at version 1; then `yours` from
    another form loaded at version 1 is refused. Returns the refusal."""
    loaded = edit_data(entry)
    assert client_for(colleague).post(url(entry), {**loaded, **theirs}).status_code == 302
    return client_for(developer_vgr).post(url(entry), {**loaded, **yours})


def test_refused_form_holds_the_other_persons_value_in_a_field_you_did_not_touch(colleague, developer_vgr):
    entry = make_entry(title="Original", amount="100000")
    response = refused_after_colleague_saved(
        colleague, developer_vgr, entry, theirs={"amount": "250 000"}, yours={"title": "Min rubrik"}
    )
    form = response.context["form"]
    assert (form["title"].value(), form["amount"].value()) == ("Min rubrik", "250\u00a0000")


def test_saving_the_refused_form_again_writes_only_your_change(colleague, developer_vgr):
    entry = make_entry(title="Original", amount="100000")
    response = refused_after_colleague_saved(
        colleague, developer_vgr, entry, theirs={"amount": "250 000"}, yours={"title": "Min rubrik"}
    )
    again = client_for(developer_vgr).post(url(entry), as_posted(response.context["form"]))
    assert again.status_code == 302
    entry.refresh_from_db()
    assert (entry.title, entry.amount, entry.version) == ("Min rubrik", Decimal("250000.00"), 3)


def test_municipalities_the_other_person_chose_are_kept_when_you_changed_only_the_title(
    colleague, developer_vgr
):
    entry = make_entry(title="Original")
    borås = Municipality.objects.get(name="Borås")
    response = refused_after_colleague_saved(
        colleague, developer_vgr, entry, theirs={"municipalities": borås.pk}, yours={"title": "Min rubrik"}
    )
    client_for(developer_vgr).post(url(entry), as_posted(response.context["form"]))
    entry.refresh_from_db()
    assert (entry.title, list(entry.municipalities.all())) == ("Min rubrik", [borås])


def test_refusal_lists_what_the_other_person_changed_with_their_value_beside_yours(colleague, developer_vgr):
    entry = make_entry(title="Original", amount="100000")
    response = refused_after_colleague_saved(
        colleague,
        developer_vgr,
        entry,
        theirs={"title": "Deras rubrik", "amount": "250 000"},
        yours={"title": "Min rubrik"},
    )
    changes = {change.name: change for change in response.context["their_changes"]}
    assert set(changes) == {"title", "amount"}
    title = changes["title"]
    assert (title.base, title.theirs, title.yours, title.both) == (
        "Original",
        "Deras rubrik",
        "Min rubrik",
        True,
    )
    amount = changes["amount"]
    assert (amount.theirs, amount.yours, amount.both) == (
        "250\u00a0000\u00a0kr",
        "100\u00a0000\u00a0kr",
        False,
    )


def test_refusal_page_shows_their_value_and_yours_in_the_table(colleague, developer_vgr):
    entry = make_entry(title="Original")
    response = refused_after_colleague_saved(
        colleague, developer_vgr, entry, theirs={"title": "Deras rubrik"}, yours={"title": "Min rubrik"}
    )
    html = page_text(response)
    assert "Det här ändrade Kollega (version 2)" in html
    assert "<td>Deras rubrik</td>" in html
    assert "<td>Min rubrik</td>" in html
    assert "ni har båda ändrat fältet" in html


def test_field_you_both_changed_keeps_your_value_in_the_form(colleague, developer_vgr):
    entry = make_entry(title="Original")
    response = refused_after_colleague_saved(
        colleague, developer_vgr, entry, theirs={"title": "Deras rubrik"}, yours={"title": "Min rubrik"}
    )
    assert response.context["form"]["title"].value() == "Min rubrik"


def test_a_version_the_history_does_not_hold_counts_every_difference_as_changed_by_both(developer_vgr):
    entry = make_entry(title="Original", amount="100000")
    response = client_for(developer_vgr).post(url(entry), edit_data(entry, title="Min rubrik", version=7))
    changes = {change.name: change for change in response.context["their_changes"]}
    assert (set(changes), changes["title"].base, changes["title"].both) == ({"title"}, None, True)
    entry.refresh_from_db()
    assert (entry.title, entry.version) == ("Original", 1)
