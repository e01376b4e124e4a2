"""Admin for the publications. Published means published here too: a published annual report or
evaluation, and its recommendations and assessments, are shown read-only and cannot be
deleted, one by one or in bulk (the bulk delete asks `has_delete_permission` for every
selected row). Drafts are written and published in the portal, which freezes the figures.
A correction of something published is a new, recorded act: an erratum (`Erratum`), which
is added here and never changed or removed afterwards.
"""

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from . import publishing
from .forms import ErratumForm
from .kinds import kind_of
from .models import (
    AnnualReport,
    Assessment,
    Erratum,
    Evaluation,
    Indicator,
    IndicatorValue,
    PublicationStatus,
    Recommendation,
    RecommendationUpdate,
)

PUBLICATION_READONLY = ["status", "published_at", "published_by", "created_by", "updated_by", "erratum_link"]


def _published(obj: AnnualReport | Evaluation | None) -> bool:
    return obj is not None and obj.is_published


class PublishedReadOnly:
    """For a publication's admin, and its inlines (where `obj` is the publication): read-only and
    never deleted once it is published."""

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return not _published(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return not _published(obj) and super().has_delete_permission(request, obj)


class PublishedPartsReadOnly(PublishedReadOnly):
    """An inline of a publication's parts: none added to a published one either."""

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return not _published(obj) and super().has_add_permission(request, obj)


class ErratumInline(admin.TabularInline):
    """The corrections recorded for a publication, read only: they are added on their own form."""

    model = Erratum
    extra = 0
    fields = ["recorded_at", "recorded_by", "text"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class PublicationAdmin(PublishedReadOnly, admin.ModelAdmin):
    # Publishing freezes the figures: it happens through the portal's publish page only.
    readonly_fields = PUBLICATION_READONLY

    @admin.display(description="rättelse")
    def erratum_link(self, obj: AnnualReport | Evaluation) -> str:
        if not _published(obj):
            return "Ett utkast rättas inte: ändra det i stället."
        url = f"{reverse('admin:publications_erratum_add')}?{kind_of(obj).owner_field}={obj.pk}"
        return format_html('<a href="{}">Registrera en rättelse</a>', url)


class RecommendationInline(PublishedPartsReadOnly, admin.TabularInline):
    model = Recommendation
    extra = 0
    fields = ["number", "text", "status", "response"]
    readonly_fields = ["status", "response"]


@admin.register(AnnualReport)
class AnnualReportAdmin(PublicationAdmin):
    list_display = ["year", "title", "status", "published_at"]
    list_filter = ["strategy", "status"]
    search_fields = ["title", "summary", "narrative"]
    inlines = [RecommendationInline, ErratumInline]


class RecommendationUpdateInline(admin.TabularInline):
    model = RecommendationUpdate
    extra = 0
    readonly_fields = ["updated_at", "updated_by"]

    # A published report's recommendations are followed up in the portal, which keeps each
    # recommendation's current status in step with its latest year.
    def has_add_permission(self, request: HttpRequest, obj: Recommendation | None = None) -> bool:
        return not (obj and obj.report.is_published) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Recommendation | None = None) -> bool:
        return not (obj and obj.report.is_published) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Recommendation | None = None) -> bool:
        return not (obj and obj.report.is_published) and super().has_delete_permission(request, obj)


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["report", "number", "status"]
    list_filter = ["report__year", "status"]
    search_fields = ["text", "response"]
    readonly_fields = ["status", "response"]
    list_select_related = ["report"]
    inlines = [RecommendationUpdateInline]

    def has_change_permission(self, request: HttpRequest, obj: Recommendation | None = None) -> bool:
        return not (obj and obj.report.is_published) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Recommendation | None = None) -> bool:
        return not (obj and obj.report.is_published) and super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        # A recommendation is added to, or moved between, drafts only.
        if db_field.name == "report":
            kwargs["queryset"] = AnnualReport.objects.filter(status=PublicationStatus.DRAFT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 1


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "goal_area", "unit", "direction"]
    list_filter = ["goal_area", "direction"]
    search_fields = ["name", "key"]
    inlines = [IndicatorValueInline]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "area", "year", "value"]
    list_filter = ["indicator", "area"]


class AssessmentInline(PublishedPartsReadOnly, admin.StackedInline):
    model = Assessment
    extra = 0


@admin.register(Evaluation)
class EvaluationAdmin(PublicationAdmin):
    list_display = ["title", "kind", "year", "status"]
    list_filter = ["strategy", "kind", "status"]
    inlines = [AssessmentInline, ErratumInline]


@admin.register(Erratum)
class ErratumAdmin(admin.ModelAdmin):
    """A correction is added once, with who recorded it and when, and is never changed or removed."""

    form = ErratumForm
    list_display = ["__str__", "recorded_at", "recorded_by"]
    list_select_related = ["annual_report", "evaluation", "recorded_by"]
    fields = ["annual_report", "evaluation", "text", "recorded_at", "recorded_by"]
    readonly_fields = ["recorded_at", "recorded_by"]

    def has_change_permission(self, request: HttpRequest, obj: Erratum | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Erratum | None = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Erratum, form, change: bool) -> None:
        publishing.record_erratum(erratum=obj, user=request.user)
