from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from .addresses import base_prefix
from .models import Actor, DevelopmentArea, FocusArea, GoalArea, Priority, Strategy
from .page_cache import cached_html, reads_data_version
from .shortcuts import current_strategy_or_404, page_strategy


@require_safe
@reads_data_version
def home(request: HttpRequest) -> HttpResponse:
    """The start page (`/`) presents the strategy in force; `/vg2020/` the one it names."""
    strategy = page_strategy(request)

    def content() -> str:
        context = {
            "strategy": strategy,
            "goal_areas": strategy.goal_areas.all() if strategy else [],
            "focus_areas": strategy.focus_areas.prefetch_related("topics") if strategy else [],
            "actors": Actor.objects.all(),
        }
        return render_to_string("strategy/_home_content.html", context, request)

    # The same for every visitor: the layout around it shows who is signed in.
    body = cached_html(request, "home", (strategy.pk if strategy else None,), content)
    return render(request, "strategy/home.html", {"strategy": strategy, "content": body})


@require_safe
def goal_area(request: HttpRequest, number: int) -> HttpResponse:
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
        strategy=current_strategy_or_404(request),
        number=number,
    )
    return render(request, "strategy/goal_area.html", {"goal_area": area, "strategy": area.strategy})


@require_safe
def focus_area(request: HttpRequest, number: int) -> HttpResponse:
    area = get_object_or_404(
        FocusArea.objects.select_related("strategy").prefetch_related("goal_areas", "topics"),
        strategy=current_strategy_or_404(request),
        number=number,
    )
    return render(request, "strategy/focus_area.html", {"focus_area": area, "strategy": area.strategy})


@require_safe
def legacy_strategy_address(request: HttpRequest, strategy: str, rest: str) -> HttpResponse:
    """/strategi/vg2020/malomrade/1/ → /vg2020/malomrade/1/ (addresses of the first portal)."""
    if not Strategy.objects.filter(slug=strategy).exists():
        raise Http404("Ingen strategi har det kortnamnet.")
    return HttpResponsePermanentRedirect(f"{base_prefix()}{strategy}/{rest}")


@require_safe
def actor_list(request: HttpRequest) -> HttpResponse:
    actors = Actor.objects.prefetch_related("municipalities")
    return render(request, "strategy/actor_list.html", {"actors": actors})


@require_safe
def actor(request: HttpRequest, slug: str) -> HttpResponse:
    actor = get_object_or_404(Actor.objects.prefetch_related("municipalities"), slug=slug)
    return render(request, "strategy/actor.html", {"actor": actor})
