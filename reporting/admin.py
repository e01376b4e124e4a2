"""Admin shows the rounds, the actors' years, their history and the sent reminders read-only;
statuses change only through the compiler's action here, which calls the same state
machine as the portal's pages (`reporting.transitions`). Returning and reopening need a
comment for the actor, so they are done on the actor-year's page in the portal."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from . import transitions
from .models import ActorYear, ReportingRound, SentReminder, StatusChange


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    fields = ["changed_at", "changed_by", "from_status", "to_status", "comment"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(ReportingRound)
class ReportingRoundAdmin(ReadOnlyAdmin):
    list_display = [
        "reporting_year",
        "deadline",
        "opened_by",
        "opened_at",
        "closed_at",
        "not_approved_at_close",
    ]
    list_select_related = ["reporting_year__strategy", "opened_by"]


@admin.register(ActorYear)
class ActorYearAdmin(ReadOnlyAdmin):
    list_display = ["actor", "round", "status", "changed_at"]
    list_filter = ["round", "status"]
    list_select_related = ["actor", "round__reporting_year"]
    inlines = [StatusChangeInline]
    actions = ["approve_selected"]

    @admin.action(description="Godkänn valda inlämnade år")
    def approve_selected(self, request: HttpRequest, queryset: QuerySet[ActorYear]) -> None:
        approved, refused = 0, []
        base_url = request.build_absolute_uri("/").rstrip("/")
        for actor_year in queryset.select_related("actor", "round__reporting_year"):
            try:
                transitions.change_status(
                    actor_year, transitions.APPROVE, user=request.user, base_url=base_url
                )
                approved += 1
            except transitions.TransitionRefused as refusal:
                refused.append(f"{actor_year.actor.short_name}: {refusal}")
        if approved:
            self.message_user(request, f"{approved} år godkändes.", messages.SUCCESS)
        for message in refused:
            self.message_user(request, message, messages.ERROR)


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnlyAdmin):
    list_display = ["actor_year", "from_status", "to_status", "changed_by", "changed_at", "comment"]
    list_select_related = ["actor_year__actor", "actor_year__round__reporting_year", "changed_by"]


@admin.register(SentReminder)
class SentReminderAdmin(ReadOnlyAdmin):
    list_display = ["round", "actor", "kind", "sent_at", "recipients"]
    list_select_related = ["round__reporting_year", "actor"]
