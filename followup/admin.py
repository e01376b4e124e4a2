"""Admin for reporting years and spending entries, and the guards every admin write obeys.

Entries are written through `followup.entries` (locks, the write rule, the version) on
every admin path: change, add, delete, the bulk delete and the history "revert" pages.
Rows that a locked entry refers to (its municipalities, the users recorded on it) cannot
be deleted, since deleting them would change the locked entry.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse

from strategy.admin import MunicipalityAdmin, PortalUserAdmin, StrategyAdmin
from strategy.admin_widgets import ACCESSIBLE_FORMFIELDS
from strategy.models import Municipality, Strategy

from . import formatting, write_rule
from .admin_history import SwedishHistoryAdmin
from .entries import ENTRY_GONE, EntryGoneError, delete_entry, save_entry
from .models import ReportingYear, SpendingEntry
from .years import close_years, ensure_reporting_years, reopen_years

GONE = "Insatsen är borttagen och kan inte återställas från historiken."
YEAR_NOT_REVERTED = (
    "Ett uppföljningsår återställs inte från historiken. Stäng eller öppna det med åtgärderna i listan."
)


def _valid_history_ids(object_id: str, version_id: str) -> str:
    object_id = unquote(object_id)
    if not (str(object_id).isdigit() and str(version_id).isdigit()):
        raise Http404
    return object_id


@admin.register(ReportingYear)
class ReportingYearAdmin(SwedishHistoryAdmin):
    """Years, closed and reopened with the actions; their history shows who did it and when."""

    list_display = ["year", "strategy", "is_closed", "closed_at", "closed_by"]
    list_filter = ["strategy", "is_closed"]
    readonly_fields = ["is_closed", "closed_at", "closed_by"]
    actions = ["close_selected", "reopen_selected"]
    list_select_related = ["strategy", "closed_by"]

    @admin.action(description="Stäng valda år (insatserna kan inte längre ändras)")
    def close_selected(self, request: HttpRequest, queryset: QuerySet[ReportingYear]) -> None:
        count = close_years(queryset, user=request.user)
        self.message_user(request, f"{count} år stängdes.", messages.SUCCESS)

    @admin.action(description="Öppna valda år igen")
    def reopen_selected(self, request: HttpRequest, queryset: QuerySet[ReportingYear]) -> None:
        count = reopen_years(queryset, user=request.user)
        self.message_user(request, f"{count} år öppnades igen.", messages.SUCCESS)

    # A closed year is compiled: its strategy and number stay, and it is not deleted.
    # Closing and reopening are the actions above.
    def has_change_permission(self, request: HttpRequest, obj: ReportingYear | None = None) -> bool:
        if obj is not None and not write_rule.is_writable(None, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: ReportingYear | None = None) -> bool:
        if obj is not None and not write_rule.is_writable(None, obj):
            return False
        return super().has_delete_permission(request, obj)

    # The history is the year's trace, not an undo: a version is shown, never saved back.
    def revert_disabled(self, request: HttpRequest, obj: ReportingYear | None = None) -> bool:
        return True

    def get_readonly_fields(self, request: HttpRequest, obj: ReportingYear | None = None):
        if request.resolver_match and request.resolver_match.url_name.endswith("_simple_history"):
            return [field.name for field in ReportingYear._meta.fields if field.editable]
        return super().get_readonly_fields(request, obj)

    def history_form_view(self, request: HttpRequest, object_id, version_id, extra_context=None):
        object_id = _valid_history_ids(object_id, version_id)
        if request.method == "POST":
            self.message_user(request, YEAR_NOT_REVERTED, messages.ERROR)
            return HttpResponseRedirect(reverse("admin:followup_reportingyear_history", args=[object_id]))
        return super().history_form_view(request, object_id, version_id, extra_context)


admin.site.unregister(Strategy)


@admin.register(Strategy)
class StrategyWithYearsAdmin(StrategyAdmin):
    """The strategy admin, which also creates the reporting years of the strategy's period."""

    def save_model(self, request: HttpRequest, obj: Strategy, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if created := ensure_reporting_years(obj):
            self.message_user(request, f"{created} uppföljningsår skapades för {obj.short_name}.")


@admin.register(SpendingEntry)
class SpendingEntryAdmin(SwedishHistoryAdmin):
    list_display = [
        "title",
        "actor",
        "year",
        "goal_area",
        "focus_area",
        "funding_source",
        "amount_kr",
        "updated_at",
    ]
    list_filter = [
        "reporting_year__year",
        "reporting_year__is_closed",
        "actor",
        "goal_area",
        "focus_area",
        "funding_source",
    ]
    search_fields = ["title", "description", "case_number", "project_owner"]
    list_select_related = ["actor", "reporting_year", "goal_area", "focus_area"]
    formfield_overrides = ACCESSIBLE_FORMFIELDS
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by", "last_import", "version"]
    history_list_display = ["amount_kr", "version"]

    @admin.display(description="år", ordering="reporting_year__year")
    def year(self, entry: SpendingEntry) -> int:
        return entry.reporting_year.year

    @admin.display(description="beviljat belopp", ordering="amount")
    def amount_kr(self, entry: SpendingEntry) -> str:
        return formatting.format_kr(entry.amount)

    def _stored_writable(self, obj: SpendingEntry) -> bool:
        # Asked of the entry as stored: on the history pages `obj` is an old copy, and
        # where that copy would move the entry is the form's and save_entry's question.
        # Kept on the object for the request: a page asks about ten times.
        if not hasattr(obj, "_stored_writable"):
            obj._stored_writable = SpendingEntry.objects.writable().filter(pk=obj.pk).exists()
        return obj._stored_writable

    # Locked entries are shown read-only and cannot be deleted, one by one or in bulk
    # (the bulk delete asks this for every selected entry).
    def has_change_permission(self, request: HttpRequest, obj: SpendingEntry | None = None) -> bool:
        if obj is not None and not self._stored_writable(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: SpendingEntry | None = None) -> bool:
        if obj is not None and not self._stored_writable(obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: SpendingEntry | None = None):
        # The change page turns read-only by itself without change permission; the
        # history pages do not, so they are told.
        if obj is not None and not self._stored_writable(obj):
            meta = SpendingEntry._meta
            return [field.name for field in [*meta.fields, *meta.many_to_many] if field.editable]
        return super().get_readonly_fields(request, obj)

    def save_model(self, request: HttpRequest, obj: SpendingEntry, form, change: bool) -> None:
        obj._history_user = request.user
        save_entry(
            obj,
            municipalities=form.cleaned_data["municipalities"],
            user=request.user,
            expected_version=None,
        )

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        # save_entry wrote the municipalities with the entry, under its locks.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request: HttpRequest, obj: SpendingEntry) -> None:
        delete_entry(obj)

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[SpendingEntry]) -> None:
        for entry in queryset:
            delete_entry(entry)

    def _refused(self, request: HttpRequest, message: str, to: str) -> HttpResponseRedirect:
        self.message_user(request, message, messages.ERROR)
        return HttpResponseRedirect(to)

    # A year closed between the form's check and the write: the write path refuses, and
    # the page says so instead of failing. The same for an entry deleted meanwhile.
    def changeform_view(self, request: HttpRequest, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            return self._refused(request, error.messages[0], request.path)
        except EntryGoneError:
            return self._refused(request, ENTRY_GONE, reverse("admin:followup_spendingentry_changelist"))

    def delete_view(self, request: HttpRequest, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as error:
            return self._refused(request, error.messages[0], request.path)
        except EntryGoneError:
            return self._refused(request, ENTRY_GONE, reverse("admin:followup_spendingentry_changelist"))

    def changelist_view(self, request: HttpRequest, extra_context=None):
        try:
            with transaction.atomic():
                return super().changelist_view(request, extra_context)
        except ValidationError as error:
            return self._refused(request, error.messages[0], request.get_full_path())
        except EntryGoneError:
            return self._refused(request, ENTRY_GONE, request.get_full_path())

    def history_form_view(
        self, request: HttpRequest, object_id, version_id, extra_context=None
    ) -> HttpResponse:
        """The revert page: read-only, and a post refused, where the stored entry is locked or gone.

        simple-history saves a revert through save_model, so it takes the write path;
        here it also runs in one transaction.
        """
        object_id = _valid_history_ids(object_id, version_id)
        record = get_object_or_404(SpendingEntry.history, id=object_id, history_id=version_id)
        history_list = reverse("admin:followup_spendingentry_history", args=[record.id])
        stored = SpendingEntry.objects.select_related("actor", "reporting_year").filter(pk=record.id).first()
        if stored is None:
            reason = refused = GONE
        else:
            reason = write_rule.lock_reason(stored.actor, stored.reporting_year)
            refused = write_rule.refusal(stored.actor, stored.reporting_year)
        if refused and request.method == "POST":
            return self._refused(request, refused, history_list)
        if refused:
            self.message_user(request, f"{reason} Insatsen kan inte återställas härifrån.", messages.WARNING)
            return super().history_form_view(request, object_id, version_id, extra_context)
        try:
            with transaction.atomic():
                return super().history_form_view(request, object_id, version_id, extra_context)
        except ValidationError as error:
            return self._refused(request, error.messages[0], history_list)
        except EntryGoneError:
            return self._refused(request, GONE, history_list)


def _used_by_locked_entries(user: User) -> bool:
    entries = SpendingEntry.objects.locked().filter(Q(created_by=user) | Q(updated_by=user))
    return entries.exists() or ReportingYear.objects.filter(closed_by=user).exists()


admin.site.unregister(Municipality)


@admin.register(Municipality)
class GuardedMunicipalityAdmin(MunicipalityAdmin):
    """A municipality that locked entries name cannot be deleted (here, in bulk or from an actor's page)."""

    def has_delete_permission(self, request: HttpRequest, obj: Municipality | None = None) -> bool:
        if obj is not None and SpendingEntry.objects.locked().filter(municipalities=obj).exists():
            return False
        return super().has_delete_permission(request, obj)


admin.site.unregister(User)


@admin.register(User)
class GuardedUserAdmin(PortalUserAdmin):
    """A user recorded on locked entries or as having closed a year is deactivated, not deleted."""

    def has_delete_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        if obj is not None and _used_by_locked_entries(obj):
            return False
        return super().has_delete_permission(request, obj)
