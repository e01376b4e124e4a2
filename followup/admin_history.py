"""Django admin's history pages (django-simple-history) in Swedish, with values as people read them.

simple-history has no Swedish translation and shows raw values: `1500000.00` for an
amount, "Deleted import (pk=None)" for a reference that was empty. The pages here use
our own templates (templates/admin/history/) and show amounts in kronor, references by
name, choices by label and nothing as "–".
"""

from datetime import date, datetime
from decimal import Decimal

from django.contrib.admin.utils import label_for_field
from django.db.models import Field
from django.http import HttpRequest
from django.utils import formats, timezone
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject, ModelChange
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_m2m_reverse_field_name

from . import formatting

NOTHING = "–"


def shown(field: Field, value: object) -> str:
    """One stored value of `field` as the portal writes it."""
    if isinstance(value, DeletedObject):
        return NOTHING if value.pk is None else f"(borttagen, id {value.pk})"
    if value is None or value == "":
        return NOTHING
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, Decimal):
        return formatting.format_kr(value)
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "j F Y H:i")
    if isinstance(value, date):
        return formats.date_format(value, "j F Y")
    return str(value)


class SwedishHistoryHelper(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change: ModelChange, value: object) -> str:
        field = self.model._meta.get_field(change.field)
        if field.many_to_many:
            name = get_m2m_reverse_field_name(field)
            return ", ".join(sorted(shown(field, row[name]) for row in value)) or NOTHING
        return shown(field, value)


class SwedishHistoryAdmin(SimpleHistoryAdmin):
    """The history list and version pages in Swedish. Subclasses list their extra columns
    in `history_list_display` (admin methods or fields; headed by their descriptions)."""

    object_history_template = "admin/history/object_history.html"
    object_history_list_template = "admin/history/object_history_list.html"
    object_history_form_template = "admin/history/object_history_form.html"

    def get_historical_record_context_helper(self, request: HttpRequest, historical_record):
        return SwedishHistoryHelper(self.model, historical_record)

    def history_view(self, request: HttpRequest, object_id, extra_context=None):
        columns = [
            (name, label_for_field(name, self.model, self)) for name in self.get_history_list_display(request)
        ]
        return super().history_view(request, object_id, {**(extra_context or {}), "history_columns": columns})

    def history_view_title(self, request: HttpRequest, obj) -> str:
        return f"Historik för ”{obj}”"

    def history_form_view_title(self, request: HttpRequest, obj) -> str:
        if self.revert_disabled(request, obj):
            return f"Tidigare version av ”{obj}”"
        return f"Återställ ”{obj}” till en tidigare version"
