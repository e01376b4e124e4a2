from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.http import HttpRequest

from .admin_widgets import ACCESSIBLE_FORMFIELDS
from .models import (
    DEFAULT_WORDS,
    Actor,
    ActorMembership,
    Continuation,
    DevelopmentArea,
    FocusArea,
    FocusTopic,
    GoalArea,
    Municipality,
    Priority,
    Strategy,
    StrategyLevel,
)


class StrategyLevelInline(admin.TabularInline):
    model = StrategyLevel
    extra = 0
    verbose_name_plural = "nivåer och vad strategin kallar dem (en nivå som saknas här har strategin inte)"


@admin.register(Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "start_year", "end_year"]
    search_fields = ["short_name", "name"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [StrategyLevelInline]
    formfield_overrides = ACCESSIBLE_FORMFIELDS

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        strategy = form.instance
        if not change and not strategy.levels.exists():
            # A new strategy starts with VG2020's four levels, to rename or remove.
            StrategyLevel.objects.bulk_create(
                StrategyLevel(
                    strategy=strategy,
                    level=level,
                    singular=words.singular,
                    plural=words.plural,
                    definite=words.definite,
                    definite_plural=words.definite_plural,
                )
                for level, words in DEFAULT_WORDS.items()
            )


@admin.register(Continuation)
class ContinuationAdmin(admin.ModelAdmin):
    """The administrators' reading of which area continues in the next strategy."""

    list_display = ["earlier", "later", "set_by", "set_at"]
    list_select_related = ["earlier__strategy", "later__strategy", "set_by"]
    fields = ["earlier", "later", "set_by", "set_at"]
    readonly_fields = ["set_by", "set_at"]

    def save_model(self, request: HttpRequest, obj: Continuation, form, change: bool) -> None:
        obj.set_by = request.user
        super().save_model(request, obj, form, change)


class FocusTopicInline(admin.TabularInline):
    model = FocusTopic
    extra = 0


class DevelopmentAreaInline(admin.TabularInline):
    model = DevelopmentArea
    extra = 0


@admin.register(GoalArea)
class GoalAreaAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "strategy"]
    list_display_links = ["number", "name"]
    list_filter = ["strategy"]
    search_fields = ["name", "tagline"]
    inlines = [DevelopmentAreaInline]


@admin.register(DevelopmentArea)
class DevelopmentAreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "goal_area"]
    list_display_links = ["code", "name"]
    list_filter = ["goal_area__strategy", "goal_area"]
    search_fields = ["code", "name"]


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "development_area", "goal_area"]
    list_display_links = ["number", "name"]
    list_filter = ["goal_area__strategy", "goal_area", "development_area"]
    search_fields = ["name", "=number"]
    list_select_related = ["development_area", "goal_area"]


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "first_year", "last_year", "strategy"]
    list_display_links = ["number", "name"]
    list_filter = ["strategy", "first_year", "last_year"]
    search_fields = ["name", "description"]
    formfield_overrides = ACCESSIBLE_FORMFIELDS
    inlines = [FocusTopicInline]


class MunicipalityForm(forms.ModelForm):
    """The code checked with a Swedish message before the database constraint is asked, so
    that no constraint name ever reaches the administrator."""

    code = forms.CharField(
        label="Kommunkod",
        max_length=4,
        validators=[
            RegexValidator(
                r"^[0-9]{4}$", "Kommunkoden ska vara fyra siffror, till exempel 1480 för Göteborg."
            )
        ],
    )

    class Meta:
        model = Municipality
        fields = ["code", "name", "county_code", "association"]


class MunicipalityInline(admin.TabularInline):
    model = Municipality
    form = MunicipalityForm
    extra = 0
    fields = ["code", "name", "county_code"]

    def get_formset(self, request: HttpRequest, obj: Actor | None = None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        municipality_admin = self.admin_site._registry[Municipality]

        class DeletesWhereAllowed(formset):
            """Rows go only where the municipality's own admin lets them: apps built on
            strategy refuse deleting a municipality that their records still need."""

            def clean(self) -> None:
                super().clean()
                for form in self.deleted_forms:
                    if not municipality_admin.has_delete_permission(request, form.instance):
                        raise ValidationError(
                            f"{form.instance.name} kan inte tas bort: kommunen finns i uppgifter "
                            "som inte får ändras, till exempel insatser i ett stängt år."
                        )

        return DeletesWhereAllowed


class MembershipInline(admin.TabularInline):
    model = ActorMembership
    extra = 1
    verbose_name = "aktör användaren rapporterar för"
    verbose_name_plural = "aktörer användaren rapporterar för"


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "kind", "member_count"]
    list_display_links = ["short_name", "name"]
    list_filter = ["kind"]
    search_fields = ["short_name", "name", "name_en"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [MunicipalityInline]

    @admin.display(description="medlemskommuner")
    def member_count(self, actor: Actor) -> int:
        return actor.municipalities.count()


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    form = MunicipalityForm
    list_display = ["name", "code", "county_code", "association"]
    list_filter = ["association", "county_code"]
    search_fields = ["name", "=code"]
    list_select_related = ["association"]


@admin.register(ActorMembership)
class ActorMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "actor"]
    list_filter = ["actor"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "actor__short_name"]
    list_select_related = ["user", "actor"]


admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    """Django's user admin, with the actors a user reports for edited on the same page."""

    inlines = [MembershipInline]
    formfield_overrides = ACCESSIBLE_FORMFIELDS
    list_display = ["username", "first_name", "last_name", "email", "is_staff", "role_names"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups", "actor_memberships__actor"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description="roller")
    def role_names(self, user: User) -> str:
        return ", ".join(group.name for group in user.groups.all())


admin.site.unregister(Group)


@admin.register(Group)
class PortalGroupAdmin(GroupAdmin):
    """Django's group admin, with permissions as checkboxes (see admin_widgets)."""

    formfield_overrides = ACCESSIBLE_FORMFIELDS
