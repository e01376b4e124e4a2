"""The demo indicators: the real series in `strategy/data/indicators.csv` (copied from the
reference material), with baselines and targets.

The reference gives values and sources but no targets, so every target below is an
assumption for the demo, and each indicator says so on its page. The baselines are
measured values from the same series. School years (1995/1996) count as the year they
end (1996), as the importer reads them.

`load_indicators` (run by `make run`) only adds what is missing; `reset_indicators` (through
`manage.py reset_demo`) puts the demo indicators back as defined here.
"""

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from followup.demo import DemoRefused
from strategy.models import FocusArea, GoalArea, Priority, Strategy

from .indicator_import import read_table, validate
from .models import Direction, Evaluation, Indicator, IndicatorValue

REFERENCE_FILE = Path(settings.BASE_DIR) / "strategy" / "data" / "indicators.csv"
DEMO_NOTE = "Demoantagande: referensmaterialet anger inget mål, så målet är antaget för demon. "


@dataclass(frozen=True)
class DemoIndicator:
    key: str
    name: str
    source_text: str
    source_url: str
    goal_area: int
    baseline_year: int
    baseline_value: str
    target_year: int
    target_value: str
    note: str
    priority: int | None = None
    focus_area: int | None = None


DEMO_INDICATORS = [
    DemoIndicator(
        key="overgang_hogskola_3ar",
        name="Andel som fullföljt gymnasieskolan och påbörjat högskolestudier inom tre år",
        source_text="Regionfakta: övergång till högskolestudier",
        source_url="https://www.regionfakta.com/vastra-gotalands-lan/in-english-/education/transition-tertiary-education-county/",
        goal_area=2,
        priority=13,
        baseline_year=2014,
        baseline_value="44.6",
        target_year=2020,
        target_value="50.0",
        note="Utgångsläget är det uppmätta värdet för läsåret 2013/2014 (räknas som 2014).",
    ),
    DemoIndicator(
        key="gymnasiebehorighet_ak9",
        name="Andel behöriga till gymnasieskolan bland avgångselever i årskurs 9",
        source_text="Västra Götalandsregionen: Kraftsamling fullföljda studier, fakta och statistik",
        source_url="https://www.vgregion.se/regional-utveckling/verksamhetsomraden/folkhalsa/kraftsamling-fullfoljda-studier/fakta--statistik/",
        goal_area=2,
        focus_area=3,
        baseline_year=2017,
        baseline_value="81",
        target_year=2020,
        target_value="84",
        note="Utgångsläget är det första uppmätta värdet i serien, 2017.",
    ),
]


def _fields(demo: DemoIndicator, strategy: Strategy) -> dict:
    goal_area = GoalArea.objects.get(strategy=strategy, number=demo.goal_area)
    return {
        "name": demo.name,
        "unit": "procent",
        "source_text": demo.source_text,
        "source_url": demo.source_url,
        "direction": Direction.HIGHER,
        "goal_area": goal_area,
        "priority": Priority.objects.get(goal_area=goal_area, number=demo.priority)
        if demo.priority
        else None,
        "focus_area": FocusArea.objects.get(strategy=strategy, number=demo.focus_area)
        if demo.focus_area
        else None,
        "baseline_year": demo.baseline_year,
        "baseline_value": Decimal(demo.baseline_value),
        "target_year": demo.target_year,
        "target_value": Decimal(demo.target_value),
        "target_note": f"{DEMO_NOTE}{demo.note}",
    }


def _reference_values(keys: set[str]) -> list[IndicatorValue]:
    rows = validate(read_table(REFERENCE_FILE.name, REFERENCE_FILE.read_bytes()))
    return [
        IndicatorValue(indicator=row.indicator, year=row.year, area=row.area, value=row.value)
        for row in rows
        if row.indicator.key in keys
    ]


@dataclass(frozen=True)
class IndicatorsLoad:
    created: list[str]  # the keys of the demo indicators added
    new_values: int
    kept_values: int  # values of demo indicators that were there already, left as they are


@transaction.atomic
def load_indicators() -> IndicatorsLoad:
    """Create the demo indicators that do not exist yet, with their reference series. An
    indicator that exists is never changed, nor are its values: staff may have edited them,
    and a published evaluation cites them."""
    strategy = Strategy.objects.get(slug="vg2020")
    keys = [demo.key for demo in DEMO_INDICATORS]
    kept = IndicatorValue.objects.filter(indicator__key__in=keys).count()
    existing = set(Indicator.objects.filter(key__in=keys).values_list("key", flat=True))
    missing = [demo for demo in DEMO_INDICATORS if demo.key not in existing]
    for demo in missing:
        Indicator.objects.create(key=demo.key, **_fields(demo, strategy))
    values = IndicatorValue.objects.bulk_create(_reference_values({demo.key for demo in missing}))
    return IndicatorsLoad(created=[demo.key for demo in missing], new_values=len(values), kept_values=kept)


@transaction.atomic
def reset_indicators(*, include_published: bool = False) -> int:
    """Put the demo indicators back as defined here, with exactly the reference values;
    returns how many values they hold. Refuses (DemoRefused, nothing changed) while a
    published evaluation cites indicator values, unless `include_published`."""
    evaluations = [str(evaluation) for evaluation in Evaluation.objects.published().order_by("year")]
    if evaluations and not include_published:
        raise DemoRefused(
            "Demoindikatorerna återställdes inte: publicerade utvärderingar bygger på deras värden "
            f"({', '.join(evaluations)}). Kör med --include-published för att återställa dem ändå. "
            "Ingenting har ändrats."
        )
    strategy = Strategy.objects.get(slug="vg2020")
    for demo in DEMO_INDICATORS:
        Indicator.objects.update_or_create(key=demo.key, defaults=_fields(demo, strategy))
    keys = {demo.key for demo in DEMO_INDICATORS}
    IndicatorValue.objects.filter(indicator__key__in=keys).delete()
    return len(IndicatorValue.objects.bulk_create(_reference_values(keys)))
