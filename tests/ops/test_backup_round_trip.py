"""A backup made with dumpdata, loaded into an emptied database, keeps every figure.

The README's SQLite backup is exactly this: dumpdata to XML with natural keys (without
the tables Django fills itself), then flush and loaddata, with history recording off.
"""

from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import Count, Sum

from followup.models import EntryTotal, ReportingYear, SpendingEntry
from strategy.models import (
    Actor,
    ActorMembership,
    DevelopmentArea,
    FocusArea,
    GoalArea,
    Municipality,
    Priority,
    Strategy,
)
from tests.conftest import focus_area, make_entry

pytestmark = pytest.mark.django_db(transaction=True)

REFERENCE_MODELS = [
    Strategy,
    GoalArea,
    DevelopmentArea,
    Priority,
    FocusArea,
    Actor,
    Municipality,
    ReportingYear,
]
# XML, not JSON: Django's JSON encoder cuts timestamps to milliseconds.
BACKUP_OPTIONS = {
    "format": "xml",
    "natural_foreign": True,
    # The running totals are derived: the triggers rebuild them as the entries load.
    "exclude": ["contenttypes", "auth.permission", "sessions", "admin.logentry", "followup.entrytotal"],
}


def _figures() -> list[dict]:
    return list(
        SpendingEntry.objects.values("actor__short_name", "reporting_year__year")
        .annotate(total=Sum("amount"), count=Count("pk"))
        .order_by("actor__short_name", "reporting_year__year")
    )


def _everything() -> dict[str, list]:
    state = {model._meta.label: list(model.objects.order_by("pk").values()) for model in REFERENCE_MODELS}
    # Many-to-many rows are backed up as pairs; their own ids are not kept.
    state["focus area goal areas"] = sorted(
        FocusArea.goal_areas.through.objects.values_list("focusarea_id", "goalarea_id")
    )
    state["entries"] = list(SpendingEntry.objects.order_by("pk").values())
    state["entry municipalities"] = sorted(
        SpendingEntry.municipalities.through.objects.values_list("spendingentry_id", "municipality_id")
    )
    state["entry history"] = list(
        SpendingEntry.history.order_by("history_id").values("id", "history_type", "amount", "version")
    )
    # Rebuilt by the triggers, not restored: compared by key, without their own ids.
    state["running totals"] = sorted(
        EntryTotal.objects.exclude(entry_count=0).values_list(
            "reporting_year_id", "actor_id", "goal_area_id", "priority_key", "focus_area_key",
            "funding_source", "total", "entry_count", "size_total", "granted_with_size",
        )
    )  # fmt: skip
    state["users"] = list(User.objects.order_by("pk").values("pk", "username", "is_staff", "password"))
    state["user groups"] = sorted(User.groups.through.objects.values_list("user__username", "group__name"))
    state["memberships"] = sorted(ActorMembership.objects.values_list("user__username", "actor__short_name"))
    return state


@pytest.fixture
def reported_figures(developer_vgr, developer_gr, bhu_member, admin_user) -> None:
    borås = Municipality.objects.get(name="Borås")
    make_entry(actor="VGR", year=2014, amount="1234567.89", created_by=developer_vgr)
    make_entry(actor="VGR", year=2014, amount="0.01", priority=None)
    make_entry(actor="VGR", year=2016, amount="9999999999.99", focus_area=focus_area(1))
    make_entry(actor="GR", year=2016, amount="250000.50", goal=3).municipalities.add(borås)
    entry = make_entry(actor="Boråsregionen", year=2020, amount="42.00", total_project_size=Decimal("84.00"))
    entry.amount = Decimal("43.00")
    entry.version += 1
    entry.save()
    ReportingYear.objects.filter(year=2014).update(is_closed=True)


def test_dumpdata_and_loaddata_into_an_emptied_database_keep_every_figure(
    reported_figures, tmp_path: Path, settings
):
    figures_before, everything_before = _figures(), _everything()
    backup = tmp_path / "vg2020-backup.xml"
    call_command("dumpdata", output=str(backup), verbosity=0, **BACKUP_OPTIONS)

    call_command("flush", interactive=False, verbosity=0)
    assert SpendingEntry.objects.count() == Strategy.objects.count() == User.objects.count() == 0
    # As in the README: history is restored from the backup, not recorded anew.
    settings.SIMPLE_HISTORY_ENABLED = False
    call_command("loaddata", str(backup), verbosity=0)

    assert _figures() == figures_before
    assert _everything() == everything_before
    assert SpendingEntry.objects.aggregate(total=Sum("amount"))["total"] == Decimal("10001484611.39")
