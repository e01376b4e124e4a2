"""`manage.py send_reminders`: before and after the deadline, to the developers of actors
that have not submitted, never twice (the locmem mail backend holds what was sent)."""

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from reporting import transitions
from reporting.models import SentReminder
from reporting.models import Status as S
from tests.conftest import make_user

from .conftest import actor_year, open_round, set_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def developers(db):
    make_user("utv.vgr", group="Regionutvecklare", actors=("VGR",), email="vera@example.se")
    make_user("utv.gr", group="Regionutvecklare", actors=("GR",), email="gustav@example.se")


def run(today: str, *args: str) -> str:
    out = StringIO()
    call_command("send_reminders", "--today", today, *args, stdout=out)
    return out.getvalue()


def test_nothing_is_sent_long_before_the_deadline(compiler, developers):
    open_round(compiler, deadline=date(2017, 3, 15))
    run("2017-03-01")
    assert mail.outbox == []


def test_reminder_a_week_before_goes_once_to_the_actors_not_submitted(compiler, developers):
    round_ = open_round(compiler, deadline=date(2017, 3, 15))
    set_status(actor_year(round_, "GR"), S.SUBMITTED)
    run("2017-03-08")
    run("2017-03-09")
    assert [message.to for message in mail.outbox] == [["vera@example.se"]]
    assert "senast 15 mars 2017" in mail.outbox[0].subject
    assert "http://127.0.0.1:8000/vg2020/uppfoljning/rapportering/2016/" in mail.outbox[0].body


def test_after_the_deadline_one_more_reminder_then_never_again(compiler, developers):
    open_round(compiler, deadline=date(2017, 3, 15))
    run("2017-03-10")
    run("2017-03-16")
    run("2017-03-20")
    subjects = [message.subject for message in mail.outbox if message.to == ["vera@example.se"]]
    assert len(subjects) == 2 and "inte inlämnade" in subjects[1]
    assert SentReminder.objects.filter(actor__short_name="VGR").count() == 2


def test_days_before_is_an_option(compiler, developers):
    open_round(compiler, deadline=date(2017, 3, 15))
    run("2017-03-01", "--days-before", "14")
    assert len(mail.outbox) == 2


def test_a_closed_year_gets_no_reminders(compiler, developers):
    transitions.close_round(open_round(compiler, deadline=date(2017, 3, 15)), user=compiler)
    run("2017-03-16")
    assert mail.outbox == []
