"""The reporting round's small parts on other apps' pages: the round's status above an
entry list, and the "Att göra" tasks on the start page."""

from django import template
from django.utils import timezone

from followup.models import ReportingYear
from strategy import roles
from strategy.models import Actor

from .. import board, transitions
from ..models import ReportingRound

register = template.Library()


@register.inclusion_tag("reporting/_entry_list_round.html", takes_context=True)
def round_status(context, year: ReportingYear | None, actor: Actor | None = None) -> dict:
    """The round's deadline and the status of the user's actors' years (or the chosen
    actor's), with a link to submit where the user may."""
    user = context["request"].user
    round_ = ReportingRound.objects.filter(reporting_year=year).first() if year else None
    if round_ is None:
        return {"round": None}
    if actor is not None:
        actors = Actor.objects.filter(pk=actor.pk)
    elif roles.can_read_all(user):
        actors = Actor.objects.none()
    else:
        actors = roles.editable_actors(user)
    rows = board.rows(round_, actors)
    for row in rows:
        row.actor_year.round = round_
    return {
        "round": round_,
        "rows": [(row, transitions.SUBMIT in transitions.allowed(user, row.actor_year)) for row in rows],
    }


@register.inclusion_tag("reporting/_home_tasks.html", takes_context=True)
def todo_tasks(context) -> dict:
    return {"tasks": board.tasks(context["request"].user, timezone.localdate())}


@register.inclusion_tag("reporting/_round_summary.html")
def round_summary(strategy, year: int) -> dict:
    """The round's status on an annual report's draft page."""
    return {"summary": board.round_summary(strategy, year), "year": year}
