"""Concurrent edits and imports against the real PostgreSQL database lose and double nothing.

Real threads, each with its own database connection (closed when the thread ends), in
a transactional test so that every commit is a real commit other threads can see.
The edit rule is the portal's optimistic locking: in one transaction, lock the row
(select_for_update), compare the version the user saw, save with version + 1, or
refuse. The import rule: a batch of rows is one transaction, all or nothing.
"""

import threading
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Sum

from followup.models import FundingSource, ReportingYear, SpendingEntry
from strategy.models import Actor, GoalArea
from tests.conftest import make_entry

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
]

THREADS = 6
ROUNDS = 8
BARRIER_TIMEOUT = 30


class StaleVersion(Exception):
    """The entry was changed by someone else after this user read it."""


def update_amount(*, pk: int, seen_version: int, new_amount: Decimal) -> None:
    with transaction.atomic():
        entry = SpendingEntry.objects.select_for_update().get(pk=pk)
        if entry.version != seen_version:
            raise StaleVersion
        entry.amount = new_amount
        entry.version = seen_version + 1
        entry.save()


def run_in_threads(count: int, work: Callable[[int], None]) -> list[BaseException]:
    """Run work(index) in `count` threads; return what they raised."""
    errors: list[BaseException] = []

    def target(index: int) -> None:
        try:
            work(index)
        except BaseException as error:
            errors.append(error)
            raise
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "En tråd blev aldrig klar"
    return errors


def test_concurrent_edits_of_one_entry_lose_no_update_and_report_every_refusal():
    entry = make_entry(amount="0.00")
    barrier = threading.Barrier(THREADS, timeout=BARRIER_TIMEOUT)
    lock = threading.Lock()
    saved: list[Decimal] = []
    refused: list[int] = []

    def edit(index: int) -> None:
        increment = Decimal(index + 1) * Decimal("1000.01")
        for _ in range(ROUNDS):
            seen = SpendingEntry.objects.values("amount", "version").get(pk=entry.pk)
            barrier.wait()  # everyone has read the same version; now all save at once
            try:
                update_amount(
                    pk=entry.pk, seen_version=seen["version"], new_amount=seen["amount"] + increment
                )
            except StaleVersion:
                with lock:
                    refused.append(index)
            else:
                with lock:
                    saved.append(increment)
            barrier.wait()  # this round's winner has committed before anyone reads again

    errors = run_in_threads(THREADS, edit)

    assert errors == []
    assert len(saved) == ROUNDS
    assert len(refused) == ROUNDS * (THREADS - 1)
    entry.refresh_from_db()
    assert entry.amount == sum(saved, Decimal("0.00"))
    assert entry.version == 1 + ROUNDS
    assert entry.history.filter(history_type="~").count() == ROUNDS


def test_concurrent_imports_count_every_committed_row_once_and_nothing_of_a_failed_batch():
    actor = Actor.objects.get(short_name="GR")
    year = ReportingYear.objects.get(strategy__slug="vg2020", year=2017)
    goal_area = GoalArea.objects.get(strategy__slug="vg2020", number=2)
    batches_per_thread, rows_per_batch = 6, 5
    lock = threading.Lock()
    committed: list[Decimal] = []
    failed_batches: list[tuple[int, int]] = []

    def import_batches(index: int) -> None:
        for batch in range(batches_per_thread):
            amounts = [Decimal(f"{index + 1}{batch}{row}.25") for row in range(rows_per_batch)]
            # Every third batch holds a negative amount in its last row: the database
            # constraint refuses it and the whole batch must go with it.
            if batch % 3 == 2:
                amounts[-1] = Decimal("-1.00")
            try:
                with transaction.atomic():
                    for row, amount in enumerate(amounts):
                        SpendingEntry.objects.create(
                            actor=actor,
                            reporting_year=year,
                            goal_area=goal_area,
                            title=f"Import {index}-{batch}-{row}",
                            project_owner="Importören",
                            amount=amount,
                            funding_source=FundingSource.EU_FUNDS,
                        )
            except IntegrityError:
                with lock:
                    failed_batches.append((index, batch))
            else:
                with lock:
                    committed.extend(amounts)

    errors = run_in_threads(THREADS, import_batches)

    assert errors == []
    assert len(failed_batches) == THREADS * 2
    figures = SpendingEntry.objects.filter(actor=actor, reporting_year=year).aggregate(
        total=Sum("amount"), count=Count("pk")
    )
    assert figures["count"] == len(committed) == THREADS * 4 * rows_per_batch
    assert figures["total"] == sum(committed, Decimal("0.00"))
    assert not SpendingEntry.objects.filter(
        title__in=[f"Import {i}-{b}-0" for i, b in failed_batches]
    ).exists()
    assert SpendingEntry.objects.values("title").annotate(n=Count("pk")).filter(n__gt=1).count() == 0
