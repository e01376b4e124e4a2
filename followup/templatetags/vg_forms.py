"""Template tags for the forms of every page: the error state in the page title, and radio
groups without Django's empty choice."""

from django import template
from django.forms import BaseForm, BoundField

register = template.Library()

ERROR_TITLE = "Fel i formuläret – "


@register.simple_tag(takes_context=True)
def error_title_prefix(context: template.Context) -> str:
    """ "Fel i formuläret – " on a page showing a form that failed validation, whichever it is,
    so that the title says so before anything else (WCAG 2.4.2, 3.3.1)."""
    for value in context.flatten().values():
        if isinstance(value, BaseForm) and value.is_bound and value.errors:
            return ERROR_TITLE
    return ""


@register.filter
def without_blank_choice(field: BoundField) -> BoundField:
    """A required radio group without the empty "---------" choice a model's choices bring:
    choosing nothing is what leaving the group alone means. Its first option is then
    `id_<name>_0`, where the error summary links to."""
    if field.field.required and field.widget_type == "radioselect":
        widget = field.field.widget
        widget.choices = [choice for choice in widget.choices if choice[0] not in ("", None)]
    return field
