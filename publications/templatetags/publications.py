"""Template filters of the publications: indicator values the Swedish way."""

from django import template

from publications.numbers import format_value

register = template.Library()

register.filter("indicator_value", format_value)
