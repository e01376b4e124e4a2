"""Shortcuts the views of every app use to find the strategy a page is about."""

from django.http import Http404, HttpRequest

from .models import Strategy, in_force_among


def current_strategy_or_404(request: HttpRequest) -> Strategy:
    """The strategy a page is about: the one its address names (set on the request by the
    strategy middleware), else the one in force (see `StrategyQuerySet.current`); 404 when
    no strategy is entered yet."""
    strategy = page_strategy(request)
    if strategy is None:
        raise Http404("Ingen strategi är inlagd ännu.")
    return strategy


def page_strategy(request: HttpRequest) -> Strategy | None:
    """The strategy in the address, else the one in force; None when there is none."""
    if getattr(request, "strategy", None) is not None:
        return request.strategy
    if hasattr(request, "strategies"):
        return in_force_among(request.strategies)
    return Strategy.objects.current()
