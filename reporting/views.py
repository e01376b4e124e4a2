"""The reporting round's pages: the status board, opening and closing a round, an actor's
year with its history, the completeness check and submitting, the compiler's review.

Access, on the server in every view: compilers, BHU members and administrators read every
actor's year; a regional developer reads and submits only their own actors' years
(anyone else's is a 404); only compilers and administrators open, review and close.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from followup.models import ReportingYear
from followup.write_rule import genitive
from strategy import roles
from strategy.models import Actor
from strategy.shortcuts import current_strategy_or_404

from . import board, completeness, transitions
from .forms import CloseRoundForm, OpenRoundForm, ReviewForm, SubmitForm
from .models import ActorYear, ReportingRound

NOT_ALLOWED = "Ditt konto har inte behörighet att se rapporteringen."
COMPILERS_ONLY = "Bara sammanställare kan göra det här."


def _readable_actors(user: roles.User) -> QuerySet[Actor]:
    if roles.can_read_all(user):
        return Actor.objects.all()
    if roles.is_developer(user):
        return roles.editable_actors(user)
    raise PermissionDenied(NOT_ALLOWED)


def _year(request: HttpRequest, year: int) -> ReportingYear:
    strategy = current_strategy_or_404(request)
    return get_object_or_404(ReportingYear.objects.select_related("strategy"), strategy=strategy, year=year)


def _round(request: HttpRequest, year: int) -> ReportingRound:
    reporting_year = _year(request, year)
    round_ = ReportingRound.objects.filter(reporting_year=reporting_year).first()
    if round_ is None:
        raise Http404(f"Rapporteringen för {year} är inte öppnad.")
    round_.reporting_year = reporting_year
    return round_


def _actor_year(request: HttpRequest, year: int, actor: str) -> ActorYear:
    """The actor's year, for a user who may read it; 404 for another actor's developer."""
    readable = _readable_actors(request.user)
    round_ = _round(request, year)
    actor_year = get_object_or_404(
        ActorYear.objects.select_related("actor"), round=round_, actor__slug=actor, actor__in=readable
    )
    actor_year.round = round_
    return actor_year


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _require_compiler(request: HttpRequest) -> None:
    if not roles.can_run_round(request.user):
        raise PermissionDenied(COMPILERS_ONLY)


@login_required
@require_safe
def status_board(request: HttpRequest, year: int) -> HttpResponse:
    actors = _readable_actors(request.user)
    reporting_year = _year(request, year)
    round_ = ReportingRound.objects.filter(reporting_year=reporting_year).select_related("opened_by").first()
    today = timezone.localdate()
    context = {
        "year": reporting_year,
        "round": round_,
        "rows": board.rows(round_, actors) if round_ else [],
        "days_left": round_.days_left(today) if round_ else None,
        "days_overdue": -round_.days_left(today) if round_ else None,
        "can_run_round": roles.can_run_round(request.user),
        "all_actors": roles.can_read_all(request.user),
    }
    return render(request, "reporting/board.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def open_round(request: HttpRequest, year: int) -> HttpResponse:
    _require_compiler(request)
    reporting_year = _year(request, year)
    if ReportingRound.objects.filter(reporting_year=reporting_year).exists():
        messages.info(request, f"Rapporteringen för {year} är redan öppnad.")
        return redirect("reporting:board", year=year)
    form = OpenRoundForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            transitions.open_round(reporting_year, user=request.user, **form.cleaned_data)
        except transitions.TransitionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Rapporteringen för {year} är öppnad.")
            return redirect("reporting:board", year=year)
    return render(request, "reporting/open_round.html", {"year": reporting_year, "form": form})


@login_required
@require_safe
def actor_year_detail(request: HttpRequest, year: int, actor: str) -> HttpResponse:
    actor_year = _actor_year(request, year, actor)
    (row,) = board.rows(actor_year.round, Actor.objects.filter(pk=actor_year.actor_id))
    allowed = transitions.allowed(request.user, actor_year)
    context = {
        "actor_year": actor_year,
        "round": actor_year.round,
        "row": row,
        "history": actor_year.changes.select_related("changed_by"),
        "can_submit": transitions.SUBMIT in allowed,
        "review_actions": [action for action in transitions.REVIEW_ACTIONS if action in allowed],
        "review_form": ReviewForm(),
    }
    return render(request, "reporting/actor_year.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, year: int, actor: str) -> HttpResponse:
    if not roles.is_developer(request.user):
        raise PermissionDenied("Bara aktörens regionutvecklare lämnar in året.")
    actor_year = _actor_year(request, year, actor)
    check = completeness.check(actor_year.actor, actor_year.round.reporting_year)
    form = SubmitForm(request.POST if request.method == "POST" else None, no_entries=check.no_entries)
    refusal = transitions.refusal(request.user, actor_year, transitions.SUBMIT)
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            transitions.change_status(
                actor_year,
                transitions.SUBMIT,
                user=request.user,
                comment=form.cleaned_data["comment"],
                no_entries_confirmed=form.cleaned_data.get("no_entries", False),
                base_url=_base_url(request),
            )
        except transitions.TransitionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"{genitive(actor_year.actor.name)} år {year} är inlämnat. Tack!")
            return redirect(actor_year)
    context = {"actor_year": actor_year, "check": check, "form": form, "refusal": refusal}
    return render(request, "reporting/submit.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def review(request: HttpRequest, year: int, actor: str) -> HttpResponse:
    _require_compiler(request)
    actor_year = _actor_year(request, year, actor)
    action = {transition.name: transition for transition in transitions.REVIEW_ACTIONS}.get(
        request.POST.get("action", "")
    )
    form = ReviewForm(request.POST)
    if action is None or not form.is_valid():
        messages.error(request, "Välj godkänn, skicka tillbaka eller öppna igen. Ingenting har ändrats.")
        return redirect(actor_year)
    try:
        transitions.change_status(
            actor_year,
            action,
            user=request.user,
            comment=form.cleaned_data["comment"],
            base_url=_base_url(request),
        )
    except transitions.TransitionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"{actor_year.actor.short_name} {year}: {action.label.lower()} – klart.")
    return redirect(actor_year)


@login_required
@require_http_methods(["GET", "POST"])
def close_round(request: HttpRequest, year: int) -> HttpResponse:
    _require_compiler(request)
    round_ = _round(request, year)
    form = CloseRoundForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            transitions.close_round(round_, user=request.user, comment=form.cleaned_data["comment"])
        except transitions.TransitionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Uppföljningsåret {year} är stängt.")
            return redirect("reporting:board", year=year)
    rows = board.rows(round_, Actor.objects.all())
    not_approved = [row for row in rows if row.actor_year.status != "godkand"]
    context = {"round": round_, "form": form, "not_approved": not_approved}
    return render(request, "reporting/close_round.html", context, status=400 if form.errors else 200)
