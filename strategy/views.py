from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from .models import Actor, DevelopmentArea, FocusArea, GoalArea, Priority, Strategy
from .page_cache import cached_html, reads_data_version


def _strategy_or_404(slug: str) -> Strategy:
    return get_object_or_404(Strategy, slug=slug)


@require_safe
@reads_data_version
def home(request: HttpRequest) -> HttpResponse:
    strategy = Strategy.objects.current()

    def content() -> str:
        context = {
            "strategy": strategy,
            "goal_areas": strategy.goal_areas.all() if strategy else [],
            "focus_areas": strategy.focus_areas.all() if strategy else [],
            "actors": Actor.objects.all(),
        }
        return render_to_string("strategy/_home_content.html", context, request)

    # The same for every visitor: the layout around it shows who is signed in.
    body = cached_html(request, "home", (strategy.pk if strategy else None,), content)
    return render(request, "strategy/home.html", {"strategy": strategy, "content": body})


@require_safe
def goal_area(request: HttpRequest, strategy: str, number: int) -> HttpResponse:
    area = get_object_or_404(
        GoalArea.objects.select_related("strategy").prefetch_related(
            Prefetch(
                "development_areas",
                queryset=DevelopmentArea.objects.prefetch_related(
                    Prefetch("priorities", queryset=Priority.objects.order_by("number"))
                ),
            ),
            "focus_areas",
        ),
        strategy=_strategy_or_404(strategy),
        number=number,
    )
    return render(request, "strategy/goal_area.html", {"goal_area": area, "strategy": area.strategy})


@require_safe
def focus_area(request: HttpRequest, strategy: str, number: int) -> HttpResponse:
    area = get_object_or_404(
        FocusArea.objects.select_related("strategy").prefetch_related("goal_areas"),
        strategy=_strategy_or_404(strategy),
        number=number,
    )
    return render(request, "strategy/focus_area.html", {"focus_area": area, "strategy": area.strategy})


@require_safe
def actor_list(request: HttpRequest) -> HttpResponse:
    actors = Actor.objects.prefetch_related("municipalities")
    return render(request, "strategy/actor_list.html", {"actors": actors})


@require_safe
def actor(request: HttpRequest, slug: str) -> HttpResponse:
    actor = get_object_or_404(Actor.objects.prefetch_related("municipalities"), slug=slug)
    return render(request, "strategy/actor.html", {"actor": actor})
