"""Factories for the reporting round: a round opened for a year, an actor's year in it."""

from datetime import date

import pytest
from django.contrib.auth.models import User

from followup.models import ReportingYear
from reporting import transitions
from reporting.models import ActorYear, ReportingRound, Status
from tests.conftest import make_user


def reporting_year(year: int = 2016) -> ReportingYear:
    return ReportingYear.objects.get(strategy__slug="vg2020", year=year)


def open_round(user: User, year: int = 2016, deadline: date = date(2017, 3, 15)) -> ReportingRound:
    return transitions.open_round(
        reporting_year(year), user=user, deadline=deadline, instructions="Lämna in senast i mars."
    )


def actor_year(round_: ReportingRound, actor: str = "VGR") -> ActorYear:
    return ActorYear.objects.select_related("round__reporting_year", "actor").get(
        round=round_, actor__short_name=actor
    )


def set_status(actor_year_: ActorYear, status: Status) -> ActorYear:
    """Put an actor-year straight into a status, as the setup of a test (not a transition)."""
    ActorYear.objects.filter(pk=actor_year_.pk).update(status=status)
    actor_year_.refresh_from_db()
    return actor_year_


@pytest.fixture
def round_2016(compiler) -> ReportingRound:
    return open_round(compiler)


@pytest.fixture
def second_compiler(db) -> User:
    return make_user("sammanstallare2", group="Sammanställare", email="sam2@example.se")
