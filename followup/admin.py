from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from strategy.admin import StrategyAdmin
from strategy.models import Strategy

from . import formatting
from .models import ReportingYear, SpendingEntry
from .years import close_years, ensure_reporting_years, reopen_years


@admin.register(ReportingYear)
class ReportingYearAdmin(admin.ModelAdmin):
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
        count = reopen_years(queryset)
        self.message_user(request, f"{count} år öppnades igen.", messages.SUCCESS)


admin.site.unregister(Strategy)


@admin.register(Strategy)
class StrategyWithYearsAdmin(StrategyAdmin):
    """The strategy admin, which also creates the reporting years of the strategy's period."""

    def save_model(self, request: HttpRequest, obj: Strategy, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if created := ensure_reporting_years(obj):
            self.message_user(request, f"{created} uppföljningsår skapades för {obj.short_name}.")


@admin.register(SpendingEntry)
class SpendingEntryAdmin(SimpleHistoryAdmin):
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
    autocomplete_fields = ["actor"]
    filter_horizontal = ["municipalities"]
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by", "last_import", "version"]
    history_list_display = ["amount", "version"]

    @admin.display(description="år", ordering="reporting_year__year")
    def year(self, entry: SpendingEntry) -> int:
        return entry.reporting_year.year

    @admin.display(description="beviljat belopp", ordering="amount")
    def amount_kr(self, entry: SpendingEntry) -> str:
        return formatting.format_kr(entry.amount)

    def save_model(self, request: HttpRequest, obj: SpendingEntry, form, change: bool) -> None:
        # A change in admin moves the version on too, so that a form a developer has open
        # notices it instead of overwriting it.
        if change:
            obj.version += 1
        else:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    # Entries of closed years are shown read-only and cannot be deleted, one by one or in bulk
    # (the bulk delete asks this for every selected entry).
    def has_change_permission(self, request: HttpRequest, obj: SpendingEntry | None = None) -> bool:
        if obj is not None and obj.reporting_year.is_closed:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: SpendingEntry | None = None) -> bool:
        if obj is not None and obj.reporting_year.is_closed:
            return False
        return super().has_delete_permission(request, obj)
