"""A submit racing an edit of the same actor-year, against the real PostgreSQL database:
the edit lands before the submit or is refused, never after it.

Real threads with their own connections, released together by a barrier, many rounds so
that both orders are met. Right after the submit commits, its thread reads the entry; the
entry must still read the same at the end, so no edit was written after the submit.
"""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from followup.entries import save_entry
from followup.models import SpendingEntry
from reporting import transitions
from reporting.models import ActorYear
from reporting.models import Status as S
from tests.conftest import make_entry
from tests.ops.test_concurrency import BARRIER_TIMEOUT, run_in_threads
from tests.reporting.conftest import actor_year, open_round

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

ROUNDS = 12


def test_an_edit_racing_a_submit_lands_before_it_or_is_refused(compiler, developer_vgr):
    entry = make_entry(amount="1.00")
    subject = actor_year(open_round(compiler))
    outcomes = {"saved": 0, "refused": 0}
    for number in range(ROUNDS):
        ActorYear.objects.filter(pk=subject.pk).update(status=S.IN_PROGRESS)
        barrier = threading.Barrier(2, timeout=BARRIER_TIMEOUT)
        seen_after_submit: list[Decimal] = []

        def work(index: int, number=number, barrier=barrier, seen_after_submit=seen_after_submit) -> None:
            barrier.wait()
            if index == 0:
                transitions.change_status(actor_year(subject.round), transitions.SUBMIT, user=developer_vgr)
                seen_after_submit.append(SpendingEntry.objects.get(pk=entry.pk).amount)
                return
            edited = SpendingEntry.objects.get(pk=entry.pk)
            edited.amount = Decimal(number + 2)
            try:
                save_entry(edited, municipalities=[], user=developer_vgr, expected_version=None)
                outcomes["saved"] += 1
            except ValidationError:
                outcomes["refused"] += 1

        assert run_in_threads(2, work) == []
        assert SpendingEntry.objects.get(pk=entry.pk).amount == seen_after_submit[0]
        assert ActorYear.objects.get(pk=subject.pk).status == S.SUBMITTED
    assert outcomes["saved"] + outcomes["refused"] == ROUNDS
