"""Forms of the reporting round's pages."""

from django import forms

from .transitions import COMMENT_MAX


class OpenRoundForm(forms.Form):
    deadline = forms.DateField(
        label="Sista dag att lämna in",
        help_text="Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2017-03-15.",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Ange sista dag att lämna in.",
            "invalid": "Skriv datumet som ÅÅÅÅ-MM-DD.",
        },
    )
    instructions = forms.CharField(
        label="Instruktioner till aktörerna",
        help_text="Visas för varje regionutvecklare. Högst 4 000 tecken.",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        required=False,
    )


class SubmitForm(forms.Form):
    confirm = forms.BooleanField(
        label="Vi bekräftar att uppgifterna för året är fullständiga.",
        error_messages={"required": "Bekräfta att uppgifterna är fullständiga."},
    )
    comment = forms.CharField(
        label="Kommentar till sammanställaren (frivillig)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=COMMENT_MAX,
        required=False,
    )

    def __init__(self, *args, no_entries: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if no_entries:
            self.fields["no_entries"] = forms.BooleanField(
                label="Vi har inga insatser detta år.",
                error_messages={"required": "Året har inga insatser: bekräfta att ni inga har."},
            )


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label="Kommentar",
        help_text=(
            "Krävs när du skickar tillbaka eller öppnar igen. Aktörens regionutvecklare får den i sitt mejl."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=COMMENT_MAX,
        required=False,
    )


class CloseRoundForm(forms.Form):
    confirm = forms.BooleanField(
        label="Stäng året, även om alla aktörers år inte är godkända.",
        error_messages={"required": "Bekräfta att året ska stängas."},
    )
    comment = forms.CharField(
        label="Kommentar (frivillig)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=COMMENT_MAX,
        required=False,
    )
