"""Shortcuts the views of every app use to find the strategy a page is about."""

from django.http import Http404

from .models import Strategy


def current_strategy_or_404() -> Strategy:
    """The strategy in force (see `StrategyQuerySet.current`), or 404 when none is entered yet."""
    strategy = Strategy.objects.current()
    if strategy is None:
        raise Http404("Ingen strategi är inlagd ännu.")
    return strategy
