"""The round's pages through HTTP: the board, the completeness check and submitting, the
compiler's review, closing, the entry list's round box and the start page's tasks."""

from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse

from reporting.models import ActorYear, ReportingRound, StatusChange
from reporting.models import Status as S
from tests.conftest import client_for, make_entry

from .conftest import actor_year, reporting_year, set_status

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def test_compiler_opens_a_round_with_a_deadline(compiler):
    response = client_for(compiler).post(
        reverse("reporting:open_round", args=[2016]),
        {"deadline": "2017-03-15", "instructions": "Senast i mars."},
    )
    assert response.status_code == 302
    round_ = ReportingRound.objects.get(reporting_year=reporting_year())
    assert (str(round_.deadline), round_.opened_by, round_.actor_years.count()) == ("2017-03-15", compiler, 6)


def test_a_bad_deadline_is_refused_with_the_error_summary(compiler):
    response = client_for(compiler).post(
        reverse("reporting:open_round", args=[2016]), {"deadline": "15 mars"}
    )
    assert "Skriv datumet som ÅÅÅÅ-MM-DD." in text(response) and 'id="error-summary"' in text(response)
    assert not ReportingRound.objects.exists()


def test_board_lists_every_actor_for_readers_with_entries_and_totals(round_2016, bhu_member):
    make_entry(actor="GR", amount="1500.00")
    response = client_for(bhu_member).get(reverse("reporting:board", args=[2016]))
    rows = {row.actor_year.actor.short_name: row for row in response.context["rows"]}
    assert len(rows) == 6
    assert (rows["GR"].status, rows["GR"].entry_count, rows["GR"].total) == (
        S.IN_PROGRESS,
        1,
        Decimal("1500.00"),
    )
    assert rows["VGR"].status == S.NOT_STARTED
    assert "15 mars 2017" in text(response)


def test_board_shows_a_developer_only_their_own_actors(round_2016, developer_gr):
    response = client_for(developer_gr).get(reverse("reporting:board", args=[2016]))
    assert [row.actor_year.actor.short_name for row in response.context["rows"]] == ["GR"]


def test_board_before_the_round_offers_compilers_to_open_it(compiler):
    response = client_for(compiler).get(reverse("reporting:board", args=[2016]))
    assert "Öppna rapporteringen för 2016" in text(response)


def test_completeness_check_lists_what_is_missing_and_totals_next_to_last_year(round_2016, developer_vgr):
    make_entry(year=2015, amount="100.00", goal=1)
    make_entry(year=2016, amount="300.00", goal=1, title="Utan kommun")
    response = client_for(developer_vgr).get(reverse("reporting:submit", args=[2016, "vgr"]))
    check = response.context["check"]
    assert [entry.title for entry in check.without_municipality] == ["Utan kommun"]
    first = check.by_goal_area[0]
    assert (first.this_year, first.last_year, first.change_percent, first.flagged) == (
        Decimal("300.00"),
        Decimal("100.00"),
        Decimal("200"),
        True,
    )


@override_settings(REPORTING_CHANGE_WARNING_SHARE=3.0)
def test_the_change_share_is_a_setting(round_2016, developer_vgr):
    make_entry(year=2015, amount="100.00")
    make_entry(year=2016, amount="300.00")
    response = client_for(developer_vgr).get(reverse("reporting:submit", args=[2016, "vgr"]))
    assert response.context["check"].flagged_changes == []


def test_submitting_needs_the_confirmation_and_then_locks_the_year(round_2016, developer_vgr):
    make_entry()
    client = client_for(developer_vgr)
    url = reverse("reporting:submit", args=[2016, "vgr"])
    refused = client.post(url, {})
    assert refused.status_code == 400 and "Bekräfta att uppgifterna är fullständiga." in text(refused)
    assert actor_year(round_2016).status == S.NOT_STARTED
    assert client.post(url, {"confirm": "on"}).status_code == 302
    assert actor_year(round_2016).status == S.SUBMITTED


def test_a_year_without_entries_asks_for_vi_har_inga_insatser(round_2016, developer_vgr):
    client = client_for(developer_vgr)
    url = reverse("reporting:submit", args=[2016, "vgr"])
    page = client.get(url)
    assert "Vi har inga insatser detta år." in text(page)
    assert client.post(url, {"confirm": "on"}).status_code == 400
    assert client.post(url, {"confirm": "on", "no_entries": "on"}).status_code == 302
    assert actor_year(round_2016).status == S.SUBMITTED


def test_compiler_returns_with_a_comment_shown_in_the_history(round_2016, compiler, developer_vgr):
    set_status(actor_year(round_2016), S.SUBMITTED)
    url = reverse("reporting:review", args=[2016, "vgr"])
    client_for(compiler).post(url, {"action": "return", "comment": "Kommun saknas på två insatser"})
    assert actor_year(round_2016).status == S.RETURNED
    page = client_for(developer_vgr).get(reverse("reporting:actor_year", args=[2016, "vgr"]))
    assert "Kommun saknas på två insatser" in text(page) and "inlämnad → återsänd" in text(page)


def test_return_without_a_comment_changes_nothing(round_2016, compiler):
    set_status(actor_year(round_2016), S.SUBMITTED)
    response = client_for(compiler).post(
        reverse("reporting:review", args=[2016, "vgr"]), {"action": "return"}, follow=True
    )
    assert "Skriv en kommentar" in text(response)
    assert (actor_year(round_2016).status, StatusChange.objects.count()) == (S.SUBMITTED, 0)


def test_closing_lists_the_actors_not_approved(round_2016, compiler):
    client = client_for(compiler)
    page = client.get(reverse("reporting:close_round", args=[2016]))
    assert "Göteborgsregionen" in text(page)
    client.post(reverse("reporting:close_round", args=[2016]), {"confirm": "on"})
    assert reporting_year().is_closed
    round_2016.refresh_from_db()
    assert "GR" in round_2016.not_approved_at_close.split(", ")


def test_entry_list_shows_the_round_and_the_submit_link(round_2016, developer_vgr):
    response = client_for(developer_vgr).get(reverse("followup:entry_list"), {"year": 2016})
    assert "Sista dag att lämna in: 15 mars 2017" in text(response)
    assert reverse("reporting:submit", args=[2016, "vgr"]) in text(response)


def test_entry_list_has_no_submit_link_once_submitted(round_2016, developer_vgr):
    set_status(actor_year(round_2016), S.SUBMITTED)
    response = client_for(developer_vgr).get(reverse("followup:entry_list"), {"year": 2016})
    assert reverse("reporting:submit", args=[2016, "vgr"]) not in text(response)


def test_start_page_shows_the_developers_task(round_2016, developer_gr):
    response = client_for(developer_gr).get(reverse("strategy:home"))
    assert "Att göra: lämna in 2016 för GR senast 15 mars 2017" in text(response)


def test_start_page_shows_the_compiler_what_to_review(round_2016, compiler):
    set_status(actor_year(round_2016, "GR"), S.SUBMITTED)
    response = client_for(compiler).get(reverse("strategy:home"))
    assert "Att göra: granska GR:s inlämning för 2016" in text(response)


def test_start_page_has_no_tasks_for_anonymous_visitors(round_2016, client):
    assert "Att göra" not in text(client.get(reverse("strategy:home")))


def test_another_actors_year_is_not_found(round_2016, developer_gr):
    assert (
        client_for(developer_gr).get(reverse("reporting:actor_year", args=[2016, "vgr"])).status_code == 404
    )
    assert ActorYear.objects.filter(status=S.SUBMITTED).count() == 0


def test_entry_list_offers_no_new_entry_once_the_only_actor_submitted(round_2016, developer_vgr):
    client = client_for(developer_vgr)
    assert "Lägg in en ny insats" in text(client.get(reverse("followup:entry_list"), {"year": 2016}))
    set_status(actor_year(round_2016), S.SUBMITTED)
    assert "Lägg in en ny insats" not in text(client.get(reverse("followup:entry_list"), {"year": 2016}))


def test_bhu_is_offered_no_new_entry_for_a_chosen_actor(round_2016, bhu_member):
    response = client_for(bhu_member).get(reverse("followup:entry_list"), {"year": 2016, "actor": "vgr"})
    assert "Lägg in en ny insats" not in text(response)
