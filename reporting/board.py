"""What the status board and the start page read: each actor's year in a round, and the
tasks a signed-in user has in the open rounds."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Sum
from django.urls import reverse

from followup.models import EntryTotal
from followup.write_rule import genitive
from strategy import roles
from strategy.models import Actor

from .mail import swedish_date
from .models import ActorYear, ReportingRound, StatusChange
from .models import Status as S


@dataclass(frozen=True)
class Change:
    who: str
    when: datetime


@dataclass(frozen=True)
class BoardRow:
    actor_year: ActorYear
    status: str
    status_label: str
    entry_count: int
    total: Decimal
    last_change: StatusChange | None
    submitted: Change | None
    approved: Change | None


def _name(user: AbstractBaseUser) -> str:
    return user.get_full_name() or user.get_username()


def rows(round_: ReportingRound, actors) -> list[BoardRow]:
    """One row per actor of `actors` in the round: three queries whatever the number of entries."""
    actor_years = list(round_.actor_years.filter(actor__in=actors).select_related("actor"))
    sums = {
        row["actor_id"]: row
        for row in EntryTotal.objects.filter(reporting_year_id=round_.reporting_year_id)
        .values("actor_id")
        .annotate(amount=Sum("total"), count=Sum("entry_count"))
        .order_by()
    }
    changes: dict[int, list[StatusChange]] = {}
    for change in StatusChange.objects.filter(actor_year__in=actor_years).select_related("changed_by"):
        changes.setdefault(change.actor_year_id, []).append(change)
    result = []
    for actor_year in actor_years:
        own = changes.get(actor_year.pk, [])
        count = sums.get(actor_year.actor_id, {}).get("count") or 0
        status = actor_year.shown_status(count)

        def last(to: str, own=own) -> Change | None:
            found = [change for change in own if change.to_status == to]
            return Change(_name(found[-1].changed_by), found[-1].changed_at) if found else None

        result.append(
            BoardRow(
                actor_year=actor_year,
                status=status,
                status_label=S(status).label,
                entry_count=count,
                total=sums.get(actor_year.actor_id, {}).get("amount") or Decimal("0.00"),
                last_change=own[-1] if own else None,
                submitted=last(S.SUBMITTED),
                approved=last(S.APPROVED) if actor_year.status == S.APPROVED else None,
            )
        )
    return result


@dataclass(frozen=True)
class Task:
    text: str
    url: str


def tasks(user: AbstractBaseUser, today: date) -> list[Task]:
    """ "Att göra" for the start page: a developer's actors to submit or fix, a compiler's
    submissions to review, in the rounds of years still open."""
    if not user.is_authenticated:
        return []
    open_years = ActorYear.objects.for_open_rounds().select_related("round__reporting_year", "actor")
    found: list[Task] = []
    if roles.is_developer(user):
        own = open_years.filter(
            actor__in=Actor.objects.filter(memberships__user=user),
            status__in=(S.NOT_STARTED, S.IN_PROGRESS, S.RETURNED),
        ).order_by("round__reporting_year__year", "actor__name")
        for actor_year in own:
            year, deadline = actor_year.round.reporting_year.year, swedish_date(actor_year.round.deadline)
            verb = "rätta och lämna in" if actor_year.status == S.RETURNED else "lämna in"
            found.append(
                Task(
                    f"{verb} {year} för {actor_year.actor.short_name} senast {deadline}",
                    reverse("reporting:actor_year", args=[year, actor_year.actor.slug]),
                )
            )
    if roles.can_run_round(user):
        for actor_year in open_years.filter(status=S.SUBMITTED).order_by(
            "round__reporting_year__year", "actor__name"
        ):
            year = actor_year.round.reporting_year.year
            found.append(
                Task(
                    f"granska {genitive(actor_year.actor.short_name)} inlämning för {year}",
                    reverse("reporting:actor_year", args=[year, actor_year.actor.slug]),
                )
            )
    return found


@dataclass(frozen=True)
class RoundSummary:
    """How far a year's round has come, for the annual report's draft and publishing."""

    round: ReportingRound
    approved: int
    actors: int
    is_closed: bool

    @property
    def complete(self) -> bool:
        return self.is_closed or self.approved == self.actors


def round_summary(strategy, year: int) -> RoundSummary | None:
    """None when the year has no round (years followed up before the portal ran rounds)."""
    round_ = ReportingRound.objects.filter(
        reporting_year__strategy=strategy, reporting_year__year=year
    ).first()
    if round_ is None:
        return None
    statuses = list(round_.actor_years.values_list("status", flat=True))
    return RoundSummary(
        round=round_,
        approved=statuses.count(S.APPROVED),
        actors=len(statuses),
        is_closed=round_.reporting_year.is_closed,
    )
