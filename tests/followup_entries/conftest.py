"""Form data and small helpers for the entry pages' tests; the cast comes from tests.conftest."""

from followup.models import ReportingYear, SpendingEntry
from strategy.models import Actor, GoalArea, Priority


def entry_data(*, actor: str = "VGR", year: int = 2016, goal: int = 1, **overrides) -> dict[str, str]:
    """What a filled-in entry form posts; override any field by its form name."""
    data = {
        "actor": str(Actor.objects.get(short_name=actor).pk),
        "reporting_year": str(year),
        "title": "Ny klusterinsats",
        "description": "Stöd till klusterorganisationer.",
        "case_number": "RUN 612-0195-14",
        "project_owner": "Science Park Borås",
        "goal_area": str(GoalArea.objects.get(strategy__slug="vg2020", number=goal).pk),
        "priority": "",
        "focus_area": "",
        "amount": "1 234 567",
        "funding_source": "run",
        "total_project_size": "",
    }
    data.update({key: str(value) for key, value in overrides.items()})
    return data


def edit_data(entry: SpendingEntry, **overrides) -> dict[str, str]:
    """The edit form of `entry` as loaded, with `overrides` typed in."""
    data = entry_data(
        actor=entry.actor.short_name,
        year=entry.reporting_year.year,
        goal=entry.goal_area.number,
        title=entry.title,
        project_owner=entry.project_owner,
        amount=entry.amount,
        funding_source=entry.funding_source,
        description=entry.description,
        case_number=entry.case_number,
        version=entry.version,
    )
    data.update({key: str(value) for key, value in overrides.items()})
    return data


def priority(number: int) -> Priority:
    return Priority.objects.get(goal_area__strategy__slug="vg2020", number=number)


def close_year(year: int) -> ReportingYear:
    reporting_year = ReportingYear.objects.get(strategy__slug="vg2020", year=year)
    reporting_year.is_closed = True
    reporting_year.save()
    return reporting_year


def entry_count() -> int:
    return SpendingEntry.objects.count()


def page_text(response) -> str:
    return response.content.decode()
