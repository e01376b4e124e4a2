from django import template

from strategy.addresses import STRATEGY_APPS, reverse_for, unscoped_reverse
from strategy.models import PriorityGaps, Strategy

register = template.Library()


@register.simple_tag(takes_context=True)
def priority_gaps(context, strategy: Strategy | None = None) -> PriorityGaps | None:
    """The strategy's numbered priorities that the portal lacks; without a strategy (the entry
    form has none in its context), the page's."""
    strategy = strategy or (context.get("strategies") and context["strategies"].page)
    return strategy.priority_gaps() if strategy else None


@register.simple_tag(takes_context=True)
def same_page_in(context, other: Strategy) -> str:
    """The page the reader is on, in `other` strategy, where it has one without naming
    anything of this strategy (a report, a list, the archive); else `other`'s start page."""
    match = getattr(context.get("request"), "resolver_match", None)
    if match is None or match.kwargs or match.view_name.partition(":")[0] not in STRATEGY_APPS:
        return other.get_absolute_url()
    return reverse_for(other, match.view_name)


@register.simple_tag
def unscoped_url(viewname: str, *args) -> str:
    """`{% url %}` for a page of no strategy (admin, signing in): never under /vg2020/."""
    return unscoped_reverse(viewname, args=args)
