"""The state machine: every allowed and refused change of an actor-year's status, by role."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from followup.demo import ensure_demo_accounts
from followup.models import SpendingEntry
from reporting import transitions
from reporting.models import ActorYear, StatusChange
from reporting.models import Status as S
from strategy import roles
from tests.conftest import client_for, make_entry

from .conftest import actor_year, open_round, reporting_year, set_status

pytestmark = pytest.mark.django_db

ALL_STATUSES = list(S)
T = transitions.TRANSITIONS

# (transition, role) -> the statuses it is allowed from; every other status is refused.
ALLOWED = {
    ("submit", "developer_vgr"): {S.NOT_STARTED, S.IN_PROGRESS, S.RETURNED},
    ("submit", "developer_gr"): set(),
    ("submit", "bhu_member"): set(),
    ("submit", "compiler"): set(),
    ("submit", "admin_user"): set(),
    ("return", "compiler"): {S.SUBMITTED},
    ("return", "admin_user"): {S.SUBMITTED},
    ("return", "developer_vgr"): set(),
    ("return", "bhu_member"): set(),
    ("approve", "compiler"): {S.SUBMITTED},
    ("approve", "admin_user"): {S.SUBMITTED},
    ("approve", "developer_vgr"): set(),
    ("approve", "bhu_member"): set(),
    ("reopen", "compiler"): {S.APPROVED},
    ("reopen", "admin_user"): {S.APPROVED},
    ("reopen", "developer_vgr"): set(),
    ("reopen", "bhu_member"): set(),
}
CASES = [(name, role, status) for (name, role) in ALLOWED for status in ALL_STATUSES]


@pytest.mark.parametrize(("name", "role", "status"), CASES)
def test_each_transition_by_role_and_status(request, compiler, name, role, status):
    user = request.getfixturevalue(role)
    make_entry(actor="VGR", year=2016)
    make_entry(actor="GR", year=2016)  # so approving VGR does not close the year by itself
    round_ = open_round(compiler)
    subject = set_status(actor_year(round_, "VGR"), status)
    transition = T[name]
    allowed = status in ALLOWED[(name, role)]
    if allowed:
        changed = transitions.change_status(subject, transition, user=user, comment="Kommentar")
        assert (changed.status, StatusChange.objects.get().to_status) == (
            transition.target,
            transition.target,
        )
    else:
        with pytest.raises(transitions.TransitionRefused) as refused:
            transitions.change_status(subject, transition, user=user, comment="Kommentar")
        assert "Ingenting har ändrats" in str(refused.value)
        assert (ActorYear.objects.get(pk=subject.pk).status, StatusChange.objects.count()) == (status, 0)


def test_history_records_who_from_to_and_comment(compiler, developer_vgr):
    make_entry()
    subject = actor_year(open_round(compiler))
    transitions.change_status(subject, transitions.SUBMIT, user=developer_vgr)
    transitions.change_status(subject, transitions.RETURN, user=compiler, comment="Saknar kommun")
    rows = list(
        StatusChange.objects.values_list("changed_by__username", "from_status", "to_status", "comment")
    )
    assert rows == [
        ("utv.vgr", S.NOT_STARTED, S.SUBMITTED, ""),
        ("sammanstallare", S.SUBMITTED, S.RETURNED, "Saknar kommun"),
    ]


@pytest.mark.parametrize("name", ["return", "reopen"])
def test_return_and_reopen_need_a_comment(compiler, name):
    subject = set_status(actor_year(open_round(compiler)), S.SUBMITTED if name == "return" else S.APPROVED)
    with pytest.raises(transitions.TransitionRefused, match="kommentar"):
        transitions.change_status(subject, T[name], user=compiler, comment="  ")


def test_submitting_a_year_without_entries_needs_the_confirmation(compiler, developer_vgr):
    subject = actor_year(open_round(compiler))
    with pytest.raises(transitions.TransitionRefused, match="inga insatser"):
        transitions.change_status(subject, transitions.SUBMIT, user=developer_vgr)
    changed = transitions.change_status(
        subject, transitions.SUBMIT, user=developer_vgr, no_entries_confirmed=True
    )
    assert changed.status == S.SUBMITTED


def test_nothing_changes_in_a_closed_year(compiler, developer_vgr):
    make_entry()
    round_ = open_round(compiler)
    transitions.close_round(round_, user=compiler)
    with pytest.raises(transitions.TransitionRefused, match="stängt"):
        transitions.change_status(actor_year(round_), transitions.SUBMIT, user=developer_vgr)


def test_opening_makes_a_year_for_every_actor_and_only_once(compiler):
    round_ = open_round(compiler)
    assert round_.actor_years.count() == 6
    with pytest.raises(transitions.TransitionRefused, match="redan öppnad"):
        open_round(compiler)


@pytest.mark.parametrize("role", ["developer_vgr", "bhu_member"])
def test_only_compilers_open_a_round(request, role):
    with pytest.raises(transitions.TransitionRefused):
        open_round(request.getfixturevalue(role))


def test_approving_every_actor_closes_the_year(compiler):
    round_ = open_round(compiler)
    for subject in round_.actor_years.all():
        set_status(subject, S.SUBMITTED)
        transitions.change_status(subject, transitions.APPROVE, user=compiler)
    round_.refresh_from_db()
    assert reporting_year().is_closed and (round_.closed_by, round_.not_approved_at_close) == (compiler, "")


def test_closing_explicitly_records_the_actors_not_approved(compiler):
    round_ = open_round(compiler)
    for subject in round_.actor_years.exclude(actor__short_name__in=["GR", "VGR"]):
        set_status(subject, S.APPROVED)
    closed = transitions.close_round(round_, user=compiler, comment="Tiden är ute")
    assert reporting_year().is_closed and closed.not_approved_at_close == "GR, VGR"
    assert reporting_year().closed_by == compiler


def test_submit_mails_the_compilers_with_a_link(compiler, developer_vgr, django_capture_on_commit_callbacks):
    make_entry()
    subject = actor_year(open_round(compiler))
    with django_capture_on_commit_callbacks(execute=True):
        transitions.change_status(
            subject, transitions.SUBMIT, user=developer_vgr, base_url="https://portal.test"
        )
    (message,) = mail.outbox
    assert message.to == ["cecilia@example.se"]
    assert "Västra Götalandsregionen har lämnat in" in message.body
    assert "https://portal.test/vg2020/uppfoljning/rapportering/2016/vgr/" in message.body


def test_return_mails_the_actors_developers_with_the_comment(
    compiler, developer_vgr, developer_gr, django_capture_on_commit_callbacks
):
    developer_vgr.email, developer_gr.email = "vera@example.se", "gustav@example.se"
    developer_vgr.save()
    developer_gr.save()
    subject = set_status(actor_year(open_round(compiler)), S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        transitions.change_status(subject, transitions.RETURN, user=compiler, comment="Kommun saknas")
    (message,) = mail.outbox
    assert message.to == ["vera@example.se"]
    assert "skickats tillbaka" in message.subject and "Kommun saknas" in message.body


def test_a_refused_change_sends_no_mail(compiler, developer_gr, django_capture_on_commit_callbacks):
    make_entry()
    subject = actor_year(open_round(compiler))
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(transitions.TransitionRefused):
        transitions.change_status(subject, transitions.SUBMIT, user=developer_gr)
    assert mail.outbox == [] and SpendingEntry.objects.count() == 1


def test_admin_approve_action_uses_the_state_machine(compiler, admin_user):
    round_ = open_round(compiler)
    submitted = set_status(actor_year(round_, "VGR"), S.SUBMITTED)
    not_submitted = actor_year(round_, "GR")
    client_for(admin_user).post(
        reverse("admin:reporting_actoryear_changelist"),
        {"action": "approve_selected", "_selected_action": [submitted.pk, not_submitted.pk]},
    )
    statuses = dict(ActorYear.objects.values_list("actor__short_name", "status"))
    assert (statuses["VGR"], statuses["GR"]) == (S.APPROVED, S.NOT_STARTED)
    assert StatusChange.objects.get().changed_by == admin_user


def test_admin_cannot_change_a_status_by_hand(compiler, admin_user):
    subject = actor_year(open_round(compiler))
    url = reverse("admin:reporting_actoryear_change", args=[subject.pk])
    client_for(admin_user).post(
        url, {"status": S.APPROVED, "round": subject.round_id, "actor": subject.actor_id}
    )
    assert ActorYear.objects.get(pk=subject.pk).status == S.NOT_STARTED


def test_demo_has_a_compiler_account():
    ensure_demo_accounts()
    compiler_account = User.objects.get(username="sammanstallare")
    assert roles.is_compiler(compiler_account) and compiler_account.email == "sammanstallare@example.se"
