"""Shortcuts the views of every app use to find the strategy a page is about."""

from django.http import Http404, HttpRequest

from .models import Strategy


def current_strategy_or_404(request: HttpRequest) -> Strategy:
    """The strategy a page is about: the one its address names (set on the request by the
    strategy middleware), else the one in force (see `StrategyQuerySet.current`); 404 when
    no strategy is entered yet."""
    strategy = getattr(request, "strategy", None) or Strategy.objects.current()
    if strategy is None:
        raise Http404("Ingen strategi är inlagd ännu.")
    return strategy
