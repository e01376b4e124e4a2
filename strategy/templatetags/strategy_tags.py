from django import template

from strategy.models import PriorityGaps, Strategy

register = template.Library()


@register.simple_tag
def priority_gaps(strategy: Strategy | None = None) -> PriorityGaps | None:
    """The strategy's numbered priorities that the portal lacks; without a strategy (the entry
    form has none in its context), the strategy in force."""
    strategy = strategy or Strategy.objects.current()
    return strategy.priority_gaps() if strategy else None
