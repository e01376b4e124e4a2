"""Template filters for Swedish money, numbers and percentages (see followup.formatting)."""

from django import template

from followup import formatting

register = template.Library()

register.filter("kr", formatting.format_kr)
register.filter("mnkr", formatting.format_mnkr)
register.filter("percent", formatting.format_percent)
register.filter("number", formatting.format_number)
