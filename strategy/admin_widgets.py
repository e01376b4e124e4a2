"""Form widgets for Django admin that assistive technology can use (WCAG 2.1 AA).

Admin's own JavaScript widgets fail axe: the split date and time field is two inputs that
its label does not name, the two-box selector of `filter_horizontal` puts `aria-label` on a
span, and the autocomplete combobox (select2) has no accessible name. The admins here use
native controls instead, which the field's own label names: one date-and-time input, and
checkboxes for many-to-many fields (also without `filter_horizontal`, which the checkboxes
override). Foreign keys keep admin's native select: no admin uses `autocomplete_fields`.

Tabular inlines label their inputs in templates/admin/edit_inline/tabular.html.
"""

from django import forms
from django.db import models


class DateTimeInput(forms.DateTimeInput):
    """The browser's own date-and-time input, to the second (an admin save keeps the seconds)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs={"step": "1", **(attrs or {})}, format="%Y-%m-%dT%H:%M:%S")


class CheckboxColumns(forms.CheckboxSelectMultiple):
    """Checkboxes, set in columns by static/css/admin.css so that 49 municipalities or a
    hundred permissions still fit on a screen."""

    def __init__(self, attrs: dict | None = None, choices=()) -> None:
        super().__init__(attrs={"class": "checkbox-columns", **(attrs or {})}, choices=choices)


# For a ModelAdmin's or inline's `formfield_overrides`.
ACCESSIBLE_FORMFIELDS = {
    models.DateTimeField: {"form_class": forms.DateTimeField, "widget": DateTimeInput},
    models.ManyToManyField: {"widget": CheckboxColumns},
}
