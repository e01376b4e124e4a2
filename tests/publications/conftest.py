"""Small factories for annual reports, recommendations and indicators."""

from decimal import Decimal

from publications.models import (
    AnnualReport,
    Direction,
    Indicator,
    IndicatorValue,
    Recommendation,
)
from publications.publishing import publish
from strategy.models import GoalArea, Strategy


def make_report(*, year: int = 2016, title: str | None = None, **fields) -> AnnualReport:
    values = {
        "strategy": Strategy.objects.get(slug="vg2020"),
        "year": year,
        "title": title or f"Årsrapport {year}",
        "summary": f"Sammanfattning av {year}.",
        "narrative": "Genomförandet går framåt.",
    }
    values.update(fields)
    return AnnualReport.objects.create(**values)


def make_published_report(*, user, year: int = 2016, **fields) -> AnnualReport:
    return publish(publication=make_report(year=year, **fields), user=user)


def make_recommendation(
    report: AnnualReport, number: int = 1, text: str = "Samla insatserna."
) -> Recommendation:
    return Recommendation.objects.create(report=report, number=number, text=text)


def make_indicator(
    *, key: str = "testindikator", values: dict[int, str] | None = None, **fields
) -> Indicator:
    defaults = {
        "key": key,
        "name": "Andel som testar",
        "unit": "procent",
        "source_text": "Testkälla",
        "direction": Direction.HIGHER,
        "goal_area": GoalArea.objects.get(strategy__slug="vg2020", number=2),
        "baseline_year": 2014,
        "baseline_value": Decimal("40"),
        "target_year": 2020,
        "target_value": Decimal("52"),
    }
    defaults.update(fields)
    indicator = Indicator.objects.create(**defaults)
    for year, value in (values or {}).items():
        IndicatorValue.objects.create(indicator=indicator, year=year, value=Decimal(value))
    return indicator
