"""An evaluation's evidence as plain JSON data, frozen when it is published, the way an annual
report's figures are: each goal area's spending per year from the strategy's first year to
the evaluation's own year, and the indicators it cites with only the values measured up to
that year. `queries.live_evidence()` reads today's; this module turns either into the
sections the page shows and compares the frozen evidence with today's.

Goal areas are matched by number and indicators by key, not by their names, so a renamed
goal area is not mistaken for a change; a figure found on one side only is a difference
(zero kronor, or a value that is not there).
"""

from dataclasses import dataclass
from decimal import Decimal

from .charts import IndicatorSummary, summarise
from .models import Assessment, Indicator, IndicatorValue
from .snapshots import FigureDifference

ZERO = Decimal("0.00")

# The indicator's own fields that its summary (verdict, chart, facts) reads.
INDICATOR_FIELDS = [
    "key",
    "name",
    "unit",
    "description",
    "source_text",
    "source_url",
    "direction",
    "area",
    "baseline_year",
    "baseline_value",
    "target_year",
    "target_value",
    "target_note",
]
_DECIMAL_FIELDS = {"baseline_value", "target_value"}


@dataclass(frozen=True)
class Spending:
    """What was reported in one year (`label` is the year), or in all of them ("Totalt")."""

    label: str
    total: Decimal
    count: int


@dataclass(frozen=True)
class SpendingByYear:
    figures: list[Spending]
    total: Spending


@dataclass(frozen=True)
class ValueDifference:
    """An indicator value cited by the published evaluation that is not the same today."""

    indicator: str
    area: str
    year: int
    published: Decimal | None
    now: Decimal | None


@dataclass(frozen=True)
class EvidenceDifferences:
    spending: list[FigureDifference]
    values: list[ValueDifference]

    def __bool__(self) -> bool:
        return bool(self.spending or self.values)


def indicator_data(indicator: Indicator, goal_area_number: int) -> dict:
    """One indicator as JSON data, with the values that were prefetched (those the evaluation cites)."""
    data = {name: getattr(indicator, name) for name in INDICATOR_FIELDS}
    for name in _DECIMAL_FIELDS:
        data[name] = None if data[name] is None else str(data[name])
    data["goal_area"] = goal_area_number
    data["values"] = [
        {"area": value.area, "year": value.year, "value": str(value.value)}
        for value in indicator.values.all()
    ]
    return data


def _indicator_summary(data: dict) -> IndicatorSummary:
    fields = {name: data[name] for name in INDICATOR_FIELDS}
    for name in _DECIMAL_FIELDS:
        fields[name] = None if fields[name] is None else Decimal(fields[name])
    values = [
        IndicatorValue(area=value["area"], year=value["year"], value=Decimal(value["value"]))
        for value in data["values"]
    ]
    return summarise(Indicator(**fields), values=values)


def _spending(years: list[dict]) -> SpendingByYear:
    figures = [Spending(str(year["year"]), Decimal(year["total"]), year["count"]) for year in years]
    total = Spending(
        label="Totalt",
        total=sum((figure.total for figure in figures), ZERO),
        count=sum(figure.count for figure in figures),
    )
    return SpendingByYear(figures=figures, total=total)


def evidence_sections(evidence: dict, assessments: list[Assessment]) -> list[dict]:
    """One section per goal area: its assessment (or None), its indicators and its spending."""
    by_number = {assessment.goal_area.number: assessment for assessment in assessments}
    summaries: dict[int, list[IndicatorSummary]] = {}
    for data in evidence["indicators"]:
        summaries.setdefault(data["goal_area"], []).append(_indicator_summary(data))
    return [
        {
            "goal_area": {"number": area["number"], "name": area["name"]},
            "assessment": by_number.get(area["number"]),
            "indicators": summaries.get(area["number"], []),
            "spending": _spending(area["spending"]),
        }
        for area in evidence["goal_areas"]
    ]


def _spending_figures(evidence: dict) -> dict[tuple[int, int], tuple[str, str, Decimal]]:
    return {
        (area["number"], year["year"]): (
            f"Målområde {area['number']}: insatser per år",
            str(year["year"]),
            Decimal(year["total"]),
        )
        for area in evidence["goal_areas"]
        for year in area["spending"]
    }


def _values(evidence: dict) -> dict[tuple[str, str, int], tuple[str, Decimal]]:
    return {
        (data["key"], value["area"], value["year"]): (data["name"], Decimal(value["value"]))
        for data in evidence["indicators"]
        for value in data["values"]
    }


def compare_evidence(published: dict, live: dict) -> EvidenceDifferences:
    """What differs today from the published evidence, in the published order (new ones last)."""
    before, after = _spending_figures(published), _spending_figures(live)
    spending = []
    for key in [*before, *(key for key in after if key not in before)]:
        section, label, old = before.get(key) or (*after[key][:2], ZERO)
        new = after[key][2] if key in after else ZERO
        if old != new:
            spending.append(FigureDifference(section=section, label=label, published=old, now=new))
    cited, today = _values(published), _values(live)
    values = []
    for key in [*cited, *(key for key in today if key not in cited)]:
        name, old = cited.get(key) or (today[key][0], None)
        new = today[key][1] if key in today else None
        if old != new:
            values.append(ValueDifference(indicator=name, area=key[1], year=key[2], published=old, now=new))
    return EvidenceDifferences(spending=spending, values=values)
