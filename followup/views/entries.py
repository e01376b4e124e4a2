"""Pages where regional developers enter, change, copy and delete their actors' entries.

Access, on the server in every view:
- anonymous visitors are sent to sign in;
- BHU members and administrators read every entry and change nothing (403 on writes);
- a regional developer reads and writes only their own actors' entries; anyone else's
  entry gives 404, so that nothing about it is revealed.
"""

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from strategy import roles
from strategy.addresses import moved_to, reverse_for
from strategy.models import Actor, Strategy
from strategy.shortcuts import current_strategy_or_404

from .. import submissions, write_rule
from ..entries import (
    ENTRY_GONE,
    EntryGoneError,
    StaleEntryError,
    copy_entries,
    delete_entry,
    save_entry,
)
from ..forms import (
    CopyEntriesForm,
    CopyYearForm,
    DeleteEntryForm,
    EntryEditForm,
    EntryFilterForm,
    EntryForm,
    stored_form_data,
)
from ..history import entry_history
from ..listing import ListQuery, year_list
from ..merge import form_state, merge
from ..models import ReportingYear, SpendingEntry
from ..years import default_year, last_status_change

ENTRIES_PER_PAGE = 50
WRITE_REFUSED = "Ditt konto kan läsa insatser men inte lägga in eller ändra dem."
STALE_MESSAGE = (
    "Någon annan har sparat ändringar i insatsen efter att du öppnade formuläret. "
    "Dina ändringar har inte sparats än. Formuläret har nu deras värden i fälten du inte "
    "ändrade och dina i de fält du ändrade; jämför i tabellen och spara igen."
)


def _list_title(user: roles.User) -> str:
    return "Insatser" if roles.can_read_all(user) else "Mina insatser"


def _readable_actors(user: roles.User) -> QuerySet[Actor]:
    if not roles.can_read_reports(user):
        raise PermissionDenied("Ditt konto har inte behörighet att se insatser.")
    return Actor.objects.all() if roles.can_read_all(user) else roles.editable_actors(user)


def _writable_actors(user: roles.User) -> QuerySet[Actor]:
    """The actors this user writes for; 403 for read-only users (BHU, administrators)."""
    actors = roles.editable_actors(user)
    if not actors.exists():
        raise PermissionDenied(WRITE_REFUSED)
    return actors


class EntryElsewhere(Exception):
    """The entry belongs to another strategy than the address names (an old or edited link)."""

    def __init__(self, entry: SpendingEntry) -> None:
        self.entry = entry


def _in_page_strategy(request: HttpRequest, entry: SpendingEntry) -> SpendingEntry:
    if entry.reporting_year.strategy_id != current_strategy_or_404(request).pk:
        raise EntryElsewhere(entry)
    return entry


def _get_entry_for_user(request: HttpRequest, pk: int) -> SpendingEntry:
    entries = SpendingEntry.objects.visible_to(request.user).select_related(
        "actor", "reporting_year__strategy", "goal_area", "priority", "focus_area", "created_by", "updated_by"
    )
    return _in_page_strategy(request, get_object_or_404(entries, pk=pk))


def _get_entry_for_writer(request: HttpRequest, pk: int) -> SpendingEntry:
    """An entry of one of the user's own actors (any year); 404 for anyone else's.

    Raises EntryGoneError where there is none, which `_redirect_when_gone` turns into the
    list of the year it was deleted from, or a 404.
    """
    actors = _writable_actors(request.user)
    entries = SpendingEntry.objects.filter(actor__in=actors).select_related(
        "actor", "reporting_year__strategy", "goal_area", "priority", "focus_area"
    )
    entry = entries.filter(pk=pk).first()
    if entry is None:
        raise EntryGoneError(pk)
    return _in_page_strategy(request, entry)


def _in_the_entrys_strategy(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An entry's page asked for under another strategy (an old or edited link): the same
    page in the strategy the entry belongs to."""

    @wraps(view)
    def wrapper(request: HttpRequest, pk: int) -> HttpResponse:
        try:
            return view(request, pk)
        except EntryElsewhere as elsewhere:
            match = request.resolver_match
            return moved_to(
                request,
                reverse_for(elsewhere.entry.reporting_year.strategy, match.view_name, kwargs=match.kwargs),
            )

    return wrapper


def _redirect_when_gone(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An entry deleted before the request reached it (a second click on *Ta bort*, a save
    after someone else deleted it): its own actors' developers go to the year's list with a
    message, anyone else gets 404 as for any entry that is not theirs."""

    @wraps(view)
    def wrapper(request: HttpRequest, pk: int) -> HttpResponse:
        try:
            return view(request, pk)
        except EntryGoneError:
            deleted = (
                SpendingEntry.history.filter(
                    id=pk, history_type="-", actor__in=roles.editable_actors(request.user)
                )
                .select_related("reporting_year")
                .order_by("history_date")
                .last()
            )
            if deleted is None:
                raise Http404 from None
            messages.warning(request, ENTRY_GONE)
            return redirect(_list_url(deleted.reporting_year.year))

    return wrapper


def _already_sent(request: HttpRequest, sent: submissions.AlreadySubmitted, message: str) -> HttpResponse:
    """A repeated POST of a form whose first POST was written: where the first one led."""
    messages.info(request, message)
    return redirect(sent.result_url or reverse("followup:entry_list"))


def _refuse_locked(request: HttpRequest, entry: SpendingEntry) -> HttpResponse | None:
    """Back to the entry with the write rule's message when its figures may not change."""
    if refused := write_rule.refusal(entry.actor, entry.reporting_year):
        messages.error(request, refused)
        return redirect(entry)
    return None


def _list_url(year: int) -> str:
    return f"{reverse('followup:entry_list')}?year={year}"


def _crumbs(request: HttpRequest, year: int, entry: SpendingEntry | None = None) -> list[tuple[str, str]]:
    crumbs = [(f"{_list_title(request.user)} {year}", _list_url(year))]
    if entry is not None:
        crumbs.append((entry.title, entry.get_absolute_url()))
    return crumbs


@login_required
@require_safe
def entry_list(request: HttpRequest) -> HttpResponse:
    actors = _readable_actors(request.user)
    strategy = current_strategy_or_404(request)
    all_label = "Alla aktörer" if roles.can_read_all(request.user) else "Alla mina aktörer"
    year, actor, search = default_year(list(strategy.reporting_years.all())), None, ""
    form = EntryFilterForm(
        request.GET or None, initial={"year": year}, strategy=strategy, actors=actors, all_label=all_label
    )
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["year"] or year
        actor = form.cleaned_data["actor"]
        search = form.cleaned_data["q"].strip()
    shown_actors = [actor] if actor else sorted(actors, key=lambda item: (item.name, item.pk))
    rows, totals = year_list(year, shown_actors, search=search, strategy_id=strategy.pk)
    page = Paginator(rows, ENTRIES_PER_PAGE).get_page(request.GET.get("sida"))
    query = {"year": str(year.year) if year else "", "actor": actor.slug if actor else ""}
    context = {
        "title": _list_title(request.user),
        "form": form,
        "year": year,
        "actor": actor,
        "search": search,
        "page": page,
        "entries": page.object_list,
        "filters": ListQuery(query | {"q": search}),
        "totals": totals,
        # Some actor of the user's (or the chosen one) may still change this year's figures.
        "can_write": year is not None
        and any(
            write_rule.is_writable(own, year)
            for own in roles.editable_actors(request.user)
            if actor is None or own == actor
        ),
        "can_copy": year is not None and year.year > strategy.start_year,
        "status_change": last_status_change(year) if year else None,
        "export_query": urlencode(ListQuery(query).as_query()),
    }
    return render(request, "followup/entry_list.html", context)


@login_required
@require_safe
@_in_the_entrys_strategy
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _get_entry_for_user(request, pk)
    context = {
        "entry": entry,
        "municipalities": entry.municipalities.all(),
        "history": entry_history(entry),
        "locked": write_rule.lock_reason(entry.actor, entry.reporting_year),
        "can_edit": SpendingEntry.objects.editable_by(request.user).filter(pk=entry.pk).exists(),
        "crumbs": _crumbs(request, entry.reporting_year.year),
    }
    return render(request, "followup/entry_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def entry_create(request: HttpRequest) -> HttpResponse:
    actors = _writable_actors(request.user)
    strategy = current_strategy_or_404(request)
    if request.method == "POST":
        form = EntryForm(request.POST, user=request.user, strategy=strategy)
        if form.is_valid():
            try:
                with submissions.claimed(form.cleaned_data[submissions.FIELD], user=request.user) as token:
                    entry = save_entry(
                        form.save(commit=False),
                        municipalities=form.cleaned_data["municipalities"],
                        user=request.user,
                        expected_version=None,
                    )
                    token.result_url = entry.get_absolute_url()
            except submissions.AlreadySubmitted as sent:
                return _already_sent(request, sent, submissions.ALREADY_SENT)
            except ValidationError as error:
                form.add_error("reporting_year", error)
            else:
                messages.success(request, f"Insatsen ”{entry.title}” är sparad.")
                return redirect(entry)
    else:
        years = list(strategy.reporting_years.open())
        initial = {"actor": actors.first(), "reporting_year": request.GET.get("year") or default_year(years)}
        form = EntryForm(initial=initial, user=request.user, strategy=strategy)
    crumbs = [(_list_title(request.user), reverse("followup:entry_list"))]
    context = {"form": form, "entry": None, "crumbs": crumbs}
    return render(request, "followup/entry_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@_in_the_entrys_strategy
@_redirect_when_gone
def entry_update(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _get_entry_for_writer(request, pk)
    if refused := _refuse_locked(request, entry):
        return refused
    strategy = entry.reporting_year.strategy
    context: dict = {"entry": entry, "crumbs": _crumbs(request, entry.reporting_year.year, entry)}
    if request.method == "POST":
        form = EntryEditForm(request.POST, instance=entry, user=request.user, strategy=strategy)
        if form.is_valid():
            try:
                with submissions.claimed(form.cleaned_data[submissions.FIELD], user=request.user) as token:
                    saved = save_entry(
                        form.save(commit=False),
                        municipalities=form.cleaned_data["municipalities"],
                        user=request.user,
                        expected_version=form.cleaned_data["version"],
                    )
                    token.result_url = saved.get_absolute_url()
            except submissions.AlreadySubmitted as sent:
                return _already_sent(request, sent, submissions.ALREADY_SENT)
            except ValidationError as error:
                form.add_error("reporting_year", error)
            except StaleEntryError:
                form = _merged_form(request, form, strategy, context)
            else:
                messages.success(request, f"Ändringarna i ”{saved.title}” är sparade.")
                return redirect(saved)
    else:
        form = EntryEditForm(instance=entry, user=request.user, strategy=strategy)
    context["form"] = form
    return render(request, "followup/entry_form.html", context)


def _merged_form(
    request: HttpRequest, lost: EntryEditForm, strategy: Strategy, context: dict
) -> EntryEditForm:
    """The edit form after a lost race: the stored value in every field this user did not
    change, this user's in the rest, the stored version; and, in `context`, what the other
    person changed beside what this user typed (see followup.merge)."""
    current = _get_entry_for_writer(request, lost.instance.pk)
    merged = merge(version=lost.cleaned_data["version"], current=current, yours=form_state(lost.cleaned_data))
    data = stored_form_data(
        request.POST, instance=current, names=merged.take_theirs, user=request.user, strategy=strategy
    )
    # A fresh copy for the form: validating it writes the form's values onto its instance.
    fresh = _get_entry_for_writer(request, lost.instance.pk)
    form = EntryEditForm(data, instance=fresh, user=request.user, strategy=strategy)
    form.is_valid()
    form.add_error(None, STALE_MESSAGE)
    context.update(
        current=current,
        current_municipalities=current.municipalities.all(),
        their_changes=merged.changes,
    )
    return form


@login_required
@require_http_methods(["GET", "POST"])
@_in_the_entrys_strategy
@_redirect_when_gone
def entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _get_entry_for_writer(request, pk)
    if refused := _refuse_locked(request, entry):
        return refused
    form = DeleteEntryForm(request.POST if request.method == "POST" else None)
    list_url = _list_url(entry.reporting_year.year)
    if request.method == "POST" and form.is_valid():
        try:
            with submissions.claimed(form.cleaned_data[submissions.FIELD], user=request.user) as token:
                delete_entry(entry)
                token.result_url = list_url
        except submissions.AlreadySubmitted as sent:
            return _already_sent(request, sent, ENTRY_GONE)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(entry)
        messages.success(request, f"Insatsen ”{entry.title}” är borttagen.")
        return redirect(list_url)
    context = {"entry": entry, "form": form, "crumbs": _crumbs(request, entry.reporting_year.year, entry)}
    return render(request, "followup/entry_confirm_delete.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def entry_copy(request: HttpRequest) -> HttpResponse:
    actors = _writable_actors(request.user)
    strategy = current_strategy_or_404(request)
    years = [year for year in strategy.reporting_years.open() if year.year > strategy.start_year]
    to_year = default_year(years)
    year_form = CopyYearForm(request.GET or None, initial={"year": to_year}, strategy=strategy, shown=years)
    if year_form.is_bound and year_form.is_valid():
        to_year = year_form.cleaned_data["year"] or to_year
        problem = _copy_target_problem(to_year, strategy)
    elif year_form.is_bound:
        problem = "Välj ett av de öppna åren i listan."
    else:
        problem = _copy_target_problem(to_year, strategy)
    crumbs = _crumbs(request, to_year.year) if to_year else []
    context = {"year_form": year_form, "to_year": to_year, "problem": problem, "form": None, "crumbs": crumbs}
    if problem:
        if request.method == "POST":
            messages.error(request, problem)
        return render(request, "followup/entry_copy.html", context)

    sources = (
        SpendingEntry.objects.filter(actor__in=actors, reporting_year__strategy=strategy)
        .for_year(to_year.year - 1)
        .select_related("actor", "focus_area")
        .prefetch_related("municipalities")
    )
    form = CopyEntriesForm(
        request.POST if request.method == "POST" else None, sources=sources, from_year=to_year.year - 1
    )
    if request.method == "POST" and form.is_valid():
        try:
            with submissions.claimed(form.cleaned_data[submissions.FIELD], user=request.user) as token:
                copies = copy_entries(form.cleaned_data["entries"], to_year=to_year, user=request.user)
                token.result_url = _list_url(to_year.year)
        except submissions.AlreadySubmitted as sent:
            return _already_sent(request, sent, submissions.ALREADY_SENT)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                f"{len(copies)} insatser är kopierade till {to_year.year}. Gå igenom dem och ändra beloppen.",
            )
            return redirect(_list_url(to_year.year))
    context.update(form=form, from_year=to_year.year - 1, has_sources=sources.exists())
    return render(request, "followup/entry_copy.html", context)


def _copy_target_problem(year: ReportingYear | None, strategy: Strategy) -> str | None:
    if year is None:
        return "Det finns inget öppet år att kopiera till."
    if year.year <= strategy.start_year:
        return f"{year.year} är strategins första år; det finns inget föregående år att kopiera från."
    return write_rule.refusal(None, year)
