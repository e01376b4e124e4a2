"""`make run` is safe to run any number of times (issue 12.4).

The Makefile's run target migrates and loads the demo data (`make demo`: load_demo, then
load_indicators) before it serves. Running those steps again, after people have worked in
the portal, must leave every table exactly as it was.
"""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from followup.demo import demo_entries
from followup.models import ImportBatch, ReportingYear, SpendingEntry
from followup.years import close_years
from strategy.models import Actor, Strategy
from tests.publications.conftest import make_published_report

from .fingerprint import differences, fingerprint

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quiet(settings) -> None:
    settings.LOGGING = {"version": 1, "disable_existing_loggers": False}


def run_steps() -> None:
    """What `make run` does before it starts the server."""
    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_indicators", stdout=io.StringIO())


def _work_in_the_portal() -> None:
    """What happened between the two runs in the probe: a year closed, an entry changed
    through an import, a report published, and a successor strategy, an actor and a user added."""
    admin = User.objects.get(username="admin")
    close_years(ReportingYear.objects.filter(strategy__slug="vg2020", year=2015), user=admin)
    entry = demo_entries().filter(reporting_year__year=2017, actor__short_name="VGR").first()
    entry.amount += 1000
    entry.version += 1
    entry.last_import = ImportBatch.objects.create(
        created_by=User.objects.get(username="utvecklare.vgr"),
        file_name="insatser.xlsx",
        actor=entry.actor,
        reporting_year=entry.reporting_year,
        updated_count=1,
    )
    entry.save()
    make_published_report(user=admin, year=2016)
    Strategy.objects.create(
        slug="vg2040", short_name="VG2040", name="Efterföljaren", start_year=2031, end_year=2040
    )
    Actor.objects.create(slug="ny", short_name="Ny", name="En ny aktör", kind=Actor.Kind.REGION)
    User.objects.create_user("en.annan", password="ett-annat-losenord")


def test_running_the_run_steps_again_changes_no_table():
    run_steps()
    _work_in_the_portal()
    before = fingerprint()

    run_steps()

    assert SpendingEntry.objects.count() > 300
    assert differences(before, fingerprint()) == []
