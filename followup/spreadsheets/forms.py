"""The upload form and the template form: actor and year the user may report for, and the file."""

from django import forms
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser

from followup.formatting import format_number
from followup.models import ReportingYear
from strategy import roles
from strategy.models import Strategy

from .columns import editable_columns
from .reader import MAX_BLANK_ROWS, FileRefused, max_mb
from .upload import SheetRows, read_upload


def limits_text() -> str:
    return (
        f"En Excel-arbetsbok (.xlsx) enligt mallen. Högst {max_mb(settings.UPLOAD_MAX_BYTES)} MB "
        f"och högst {format_number(settings.IMPORT_MAX_ROWS)} rader med insatser. Tomma rader räknas också: "
        f"högst {format_number(MAX_BLANK_ROWS)} utöver insatserna."
    )


class ActorYearForm(forms.Form):
    """Which actor and which open year: only those the user may report for are offered."""

    actor = forms.ModelChoiceField(
        label="Aktör",
        queryset=None,
        to_field_name="slug",
        empty_label=None,
        error_messages={
            "invalid_choice": "Välj en aktör som du rapporterar för.",
            "required": "Välj aktör.",
        },
    )
    year = forms.ModelChoiceField(
        label="År",
        queryset=None,
        to_field_name="year",
        empty_label=None,
        help_text="Bara öppna år kan importeras.",
        error_messages={"invalid_choice": "Välj ett öppet år.", "required": "Välj år."},
    )

    def __init__(self, *args, user: AbstractBaseUser, strategy: Strategy, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.strategy = strategy
        self.fields["actor"].queryset = roles.editable_actors(user).order_by("name")
        self.fields["year"].queryset = (
            ReportingYear.objects.open()
            .filter(strategy=strategy)
            .select_related("strategy")
            .order_by("-year")
        )


class UploadForm(ActorYearForm):
    file = forms.FileField(
        label="Fil",
        error_messages={"required": "Välj en fil att ladda upp.", "empty": "Filen är tom."},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = limits_text()
        self.fields["file"].widget.attrs["accept"] = ".xlsx"

    def clean_file(self) -> SheetRows:
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(f"Filen är större än {max_mb(settings.UPLOAD_MAX_BYTES)} MB.")
        try:
            required = editable_columns(self.strategy.words)
            return read_upload(upload.read(), file_name=upload.name, required=required)
        except FileRefused as error:
            raise forms.ValidationError(error.messages) from error
