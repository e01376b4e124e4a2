"""Small factories for annual reports, recommendations and indicators, and the PDFs of a busy
year rendered once for the whole test session."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.template.loader import render_to_string

from publications.demo import load_indicators
from publications.kinds import kind_of
from publications.models import (
    AnnualReport,
    Direction,
    Evaluation,
    EvaluationKind,
    Indicator,
    IndicatorValue,
    Recommendation,
)
from publications.publishing import publish
from strategy.models import GoalArea, Strategy
from tests.conftest import make_user
from tests.reports.conftest import bulk_entries


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


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    html: str
    title: str
    snapshot: dict


def _rendered(publication: AnnualReport | Evaluation) -> Rendered:
    html = render_to_string(
        "publications/pdf/publication.html", kind_of(publication).context(publication, AnonymousUser())
    )
    return Rendered(bytes(publication.published_pdf.content), html, publication.title, publication.snapshot)


# Rendering takes seconds, so each test process renders these PDFs once; see `published_pdfs`.
_RENDERED: dict[str, Rendered] = {}


@pytest.fixture
def published_pdfs(db, real_pdfs) -> dict[str, Rendered]:
    """The published PDFs of a busy year: an annual report of 2016 (about 230 entries of six
    actors, so tables break across pages and both matrices are wide) and the mid-term
    evaluation with the demo indicators. Made once per test process, inside the first test
    that asks, in a savepoint that is rolled back; the tests only read the files."""
    if not _RENDERED:
        with transaction.atomic():
            bulk_entries(1500, seed=7)
            staff = make_user("pdf.admin", is_staff=True)
            report = make_report(year=2016, title="Årsrapport 2016 för VG2020")
            make_recommendation(report, text="Samla krafterna kring unga.")
            load_indicators()
            evaluation = Evaluation.objects.create(
                strategy=report.strategy,
                kind=EvaluationKind.MIDTERM,
                year=2017,
                title="Halvtid",
                summary="S.",
            )
            _RENDERED["report"] = _rendered(publish(publication=report, user=staff))
            _RENDERED["evaluation"] = _rendered(publish(publication=evaluation, user=staff))
            transaction.set_rollback(True)
    return _RENDERED
