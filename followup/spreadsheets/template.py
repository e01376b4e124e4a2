"""The import template for one actor and year: instructions, dropdown lists, existing entries.

The entries sheet has the same heading block and columns as the entry export, so an
export can be edited and uploaded just like the template.
"""

import io

from django.conf import settings
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from followup import write_rule
from followup.formatting import format_kr, format_number
from followup.models import MAX_AMOUNT, FundingSource, ReportingYear, SpendingEntry
from strategy.models import Actor

from . import columns as cols
from .reader import max_mb
from .upload import SHEET_TITLE
from .workbook import HEADING_ROWS, KR_FORMAT

LISTS_TITLE = "Listor"
INSTRUCTIONS_TITLE = "Instruktioner"
# Rows below the existing entries that get the dropdowns and the kronor format.
EMPTY_ROWS = 500
_BOLD = Font(bold=True)


def _entry_values(entry: SpendingEntry) -> dict:
    return {
        "id": entry.pk,
        "title": entry.title,
        "description": entry.description,
        "case_number": entry.case_number,
        "project_owner": entry.project_owner,
        # "2. En region för alla", as in the dropdown lists.
        "goal_area": str(entry.goal_area),
        "priority": str(entry.priority) if entry.priority else "",
        "focus_area": str(entry.focus_area) if entry.focus_area else "",
        "amount": entry.amount,
        "funding_source": entry.get_funding_source_display(),
        "total_project_size": entry.total_project_size,
        "municipalities": ", ".join(sorted(m.name for m in entry.municipalities.all())),
    }


def _write_lists(sheet, reference: cols.ReferenceData, year: int) -> dict[str, str]:
    """One column per list; returns the range each dropdown reads."""
    lists = {
        "goal_area": ("Målområden", [str(area) for area in reference.goal_areas]),
        "priority": ("Prioriteringar", [str(priority) for priority in reference.priorities]),
        "focus_area": (
            f"Kraftsamlingsområden {year}",
            [str(area) for area in reference.focus_areas if area.applies_in(year)],
        ),
        "funding_source": ("Finansieringskällor", list(FundingSource.labels)),
        "municipalities": ("Kommuner", [m.name for m in reference.municipalities]),
    }
    ranges = {}
    for index, (key, (heading, values)) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=heading).font = _BOLD
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=index, value=value)
        sheet.column_dimensions[letter].width = 45
        ranges[key] = f"'{LISTS_TITLE}'!${letter}$2:${letter}${max(len(values), 1) + 1}"
    return ranges


def _instructions(actor: Actor, year: ReportingYear) -> list[str]:
    status = (
        "Året är stängt: filen kan inte importeras förrän en administratör öppnar året igen."
        if not write_rule.is_writable(actor, year)
        else "Året är öppet för rapportering."
    )
    return [
        f"Importmall för {actor.name} ({actor.short_name}), år {year.year}",
        status,
        "",
        "Så fyller du i mallen",
        f"1. Fyll i en rad per insats på bladet ”{SHEET_TITLE}”. Låt rubrikraden vara som den är.",
        "2. Rader som har ett Id finns redan i portalen. Ändra värdena på raden så ändras insatsen. "
        "Ändra aldrig ett Id och låt varje Id finnas på en enda rad.",
        "3. Lägg till nya insatser på nya rader och lämna Id tomt.",
        "4. En insats som du tar bort ur filen tas inte bort ur portalen. Ta bort den i portalen.",
        f"5. Ladda upp filen under Importera i portalen och välj {actor.short_name} och {year.year}. "
        "Du ser först en förhandsgranskning; ingenting sparas förrän du bekräftar.",
        "6. Laddar du upp samma fil igen ändras ingenting.",
        "",
        "Kolumner",
        "Rubrik, Projektägare, Målområde, Beviljat belopp och Finansieringskälla måste fyllas i.",
        "Målområde, Prioritering och Kraftsamlingsområde: välj i listan eller skriv numret, till exempel 2. "
        "Prioriteringen ska höra till målområdet, och kraftsamlingsområdet ska gälla året.",
        "Belopp i kronor: skriv siffror, till exempel 1 234 567 eller 1234567,50. "
        f"Inga negativa belopp och högst {format_kr(MAX_AMOUNT)}. "
        "Beräknad total projektomslutning får inte vara mindre än det beviljade beloppet.",
        "Finansieringskälla: välj i listan (" + ", ".join(FundingSource.labels) + ").",
        "Berörda kommuner: kommunernas namn åtskilda med kommatecken, till exempel Ale, Alingsås.",
        "Skriv värden, inte formler: celler med formler godtas inte.",
        "",
        "Gränser",
        f"Högst {format_number(settings.IMPORT_MAX_ROWS)} rader med insatser och "
        f"högst {max_mb(settings.UPLOAD_MAX_BYTES)} MB per fil. Spara som Excel-arbetsbok (.xlsx).",
    ]


def build_template(*, actor: Actor, reporting_year: ReportingYear, made_by: str = "") -> bytes:
    """The template as .xlsx bytes. Queries: reference data plus the actor's entries that year."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    instructions = workbook.create_sheet(INSTRUCTIONS_TITLE)
    lists = workbook.create_sheet(LISTS_TITLE)
    reference = cols.ReferenceData.load(reporting_year.strategy)
    ranges = _write_lists(lists, reference, reporting_year.year)

    for row, line in enumerate(_instructions(actor, reporting_year), start=1):
        cell = instructions.cell(row=row, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1 or line in ("Så fyller du i mallen", "Kolumner", "Gränser"):
            cell.font = Font(bold=True, size=14 if row == 1 else 12)
    instructions.column_dimensions["A"].width = 110

    when = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    sheet.cell(
        row=1, column=1, value=f"Importmall: insatser för {actor.short_name} {reporting_year.year}"
    ).font = Font(bold=True, size=14)
    sheet.cell(row=2, column=1, value=f"Urval: Aktör: {actor.short_name}; År: {reporting_year.year}")
    sheet.cell(row=3, column=1, value=f"Skapad {when}" + (f" av {made_by}" if made_by else ""))
    header_row = HEADING_ROWS + 1
    columns = cols.editable_columns(reporting_year.strategy.words)
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=header_row, column=index, value=column.heading)
        cell.font = _BOLD
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = f"B{header_row + 1}"

    entries = (
        SpendingEntry.objects.filter(actor=actor, reporting_year=reporting_year)
        .select_related("goal_area", "priority", "focus_area")
        .prefetch_related("municipalities")
        .order_by("title", "pk")
    )
    row = header_row
    for row, entry in enumerate(entries, start=header_row + 1):
        values = _entry_values(entry)
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=row, column=index, value=values[column.key])
            if column.kind == "text":
                cell.data_type = "s"
    last_row = row + EMPTY_ROWS
    for index, column in enumerate(columns, start=1):
        if column.kind == "kr":
            for number in range(header_row + 1, last_row + 1):
                sheet.cell(row=number, column=index).number_format = KR_FORMAT
    _add_dropdowns(sheet, ranges, columns, first_row=header_row + 1, last_row=last_row)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{last_row}"

    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _add_dropdowns(sheet, ranges: dict[str, str], columns, *, first_row: int, last_row: int) -> None:
    letters = {column.key: get_column_letter(index) for index, column in enumerate(columns, start=1)}
    for key in ("goal_area", "priority", "focus_area", "funding_source"):
        if key not in letters:
            continue  # a level the strategy does not have
        heading = next(column.heading for column in columns if column.key == key)
        # A warning, not a stop: typing a number ("2") instead of choosing is allowed.
        validation = DataValidation(
            type="list",
            formula1=ranges[key],
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle=heading,
            error="Välj ett värde i listan eller skriv numret. Portalen kontrollerar värdet vid importen.",
            showInputMessage=True,
            promptTitle=heading,
            prompt="Välj i listan.",
        )
        validation.add(f"{letters[key]}{first_row}:{letters[key]}{last_row}")
        sheet.add_data_validation(validation)
    for key in ("amount", "total_project_size"):
        validation = DataValidation(
            type="decimal",
            operator="between",
            formula1="0",
            formula2=str(MAX_AMOUNT),
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle="Belopp i kronor",
            error="Beloppet ska vara ett tal i kronor, minst 0.",
        )
        validation.add(f"{letters[key]}{first_row}:{letters[key]}{last_row}")
        sheet.add_data_validation(validation)
