"""The running totals the triggers keep always equal the sums of the entries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Count, Q, Sum

from followup.models import EntryTotal, FundingSource, SpendingEntry
from tests.conftest import focus_area, make_entry

pytestmark = pytest.mark.django_db

KEY = ("reporting_year_id", "actor_id", "goal_area_id", "priority_key", "focus_area_key", "funding_source")


def sums_from_entries() -> dict:
    rows = SpendingEntry.objects.values(
        "reporting_year_id", "actor_id", "goal_area_id", "priority_id", "focus_area_id", "funding_source"
    ).annotate(
        total=Sum("amount"),
        count=Count("id"),
        size=Sum("total_project_size"),
        granted_with_size=Sum("amount", filter=Q(total_project_size__isnull=False)),
    )
    return {
        (
            r["reporting_year_id"],
            r["actor_id"],
            r["goal_area_id"],
            r["priority_id"] or 0,
            r["focus_area_id"] or 0,
            r["funding_source"],
        ): (
            Decimal(r["total"]).quantize(Decimal("0.01")),
            r["count"],
            Decimal(r["size"] or 0).quantize(Decimal("0.01")),
            Decimal(r["granted_with_size"] or 0).quantize(Decimal("0.01")),
        )
        for r in rows
    }


def sums_from_totals() -> dict:
    return {
        tuple(getattr(row, column) for column in KEY): (
            Decimal(row.total).quantize(Decimal("0.01")),
            row.entry_count,
            Decimal(row.size_total).quantize(Decimal("0.01")),
            Decimal(row.granted_with_size).quantize(Decimal("0.01")),
        )
        for row in EntryTotal.objects.all()
        if row.entry_count
    }


def test_totals_follow_creates_changes_and_deletes():
    first = make_entry(amount="1000.50", total_project_size=Decimal("3000"))
    second = make_entry(actor="GR", year=2018, goal=3, amount="250.25", focus_area=focus_area(2))
    make_entry(actor="GR", year=2018, goal=3, amount="99.99", focus_area=focus_area(2))
    assert sums_from_totals() == sums_from_entries()

    first.amount = Decimal("2000.00")
    first.funding_source = FundingSource.EU_FUNDS
    first.save()
    second.focus_area = None
    second.save()
    assert sums_from_totals() == sums_from_entries()

    first.delete()
    assert sums_from_totals() == sums_from_entries()


def test_totals_follow_bulk_writes():
    template = make_entry(amount="1")
    SpendingEntry.objects.bulk_create(
        [
            SpendingEntry(
                actor=template.actor,
                reporting_year=template.reporting_year,
                goal_area=template.goal_area,
                title=f"Bulk {n}",
                project_owner="Ägare",
                amount=Decimal(n) / 4,
                funding_source=FundingSource.STATE_FUNDS,
                total_project_size=Decimal(n) if n % 2 else None,
            )
            for n in range(1, 40)
        ]
    )
    for n in range(1, 15):
        make_entry(amount=str(n * 10), year=2014 + n % 7, goal=1 + n % 4)
    assert sums_from_totals() == sums_from_entries()
    SpendingEntry.objects.filter(reporting_year__year=2016).update(amount=Decimal("0.25"))
    assert sums_from_totals() == sums_from_entries()
    SpendingEntry.objects.filter(goal_area__number=2).delete()
    assert sums_from_totals() == sums_from_entries()


@pytest.mark.django_db(transaction=True)
def test_emptying_the_table_outside_the_orm_empties_the_totals():
    make_entry()
    make_entry(actor="BRG", amount="5")
    # PostgreSQL's TRUNCATE fires no row triggers, so it has a trigger of its own.
    statement = (
        "TRUNCATE followup_spendingentry_municipalities, followup_historicalspendingentry_municipalities, "
        "followup_spendingentry CASCADE"
        if connection.vendor == "postgresql"
        else "DELETE FROM followup_spendingentry"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement)
    assert sums_from_totals() == {}
    assert not EntryTotal.objects.exclude(entry_count=0).exists()


def test_deleting_entries_after_the_totals_were_emptied_leaves_no_negative_totals():
    # Django's flush empties the tables one by one, on SQLite the totals before the entries.
    make_entry(amount="43.00")
    EntryTotal.objects.all().delete()
    SpendingEntry.objects.all().delete()
    assert not EntryTotal.objects.exists()
