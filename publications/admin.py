from django.contrib import admin

from .models import (
    AnnualReport,
    Assessment,
    Evaluation,
    Indicator,
    IndicatorValue,
    Recommendation,
    RecommendationUpdate,
)


class RecommendationInline(admin.TabularInline):
    model = Recommendation
    extra = 0
    fields = ["number", "text", "status", "response"]
    readonly_fields = ["status", "response"]


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "status", "published_at"]
    list_filter = ["strategy", "status"]
    search_fields = ["title", "summary", "narrative"]
    # Publishing freezes the figures: it happens through the portal's publish page only.
    readonly_fields = ["status", "published_at", "published_by", "created_by", "updated_by"]
    inlines = [RecommendationInline]


class RecommendationUpdateInline(admin.TabularInline):
    model = RecommendationUpdate
    extra = 0
    readonly_fields = ["updated_at", "updated_by"]


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["report", "number", "status"]
    list_filter = ["report__year", "status"]
    search_fields = ["text", "response"]
    readonly_fields = ["status", "response"]
    inlines = [RecommendationUpdateInline]


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


class AssessmentInline(admin.StackedInline):
    model = Assessment
    extra = 0


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "year", "status"]
    list_filter = ["strategy", "kind", "status"]
    readonly_fields = ["status", "published_at", "published_by", "created_by", "updated_by"]
    inlines = [AssessmentInline]
