"""The publications' models: annual reports and evaluations with their parts, corrections and
stored PDFs (`publications.py`), and the indicators they cite (`indicators.py`)."""

from .indicators import DEFAULT_AREA, INDICATOR_VALUE, Direction, Indicator, IndicatorValue
from .publications import (
    AnnualReport,
    Assessment,
    Erratum,
    Evaluation,
    EvaluationKind,
    Publication,
    PublicationQuerySet,
    PublicationStatus,
    PublishedPdf,
    Rating,
    Recommendation,
    RecommendationStatus,
    RecommendationUpdate,
)

__all__ = [
    "DEFAULT_AREA",
    "INDICATOR_VALUE",
    "AnnualReport",
    "Assessment",
    "Direction",
    "Erratum",
    "Evaluation",
    "EvaluationKind",
    "Indicator",
    "IndicatorValue",
    "Publication",
    "PublicationQuerySet",
    "PublicationStatus",
    "PublishedPdf",
    "Rating",
    "Recommendation",
    "RecommendationStatus",
    "RecommendationUpdate",
]
