"""The strategies being followed up, their levels and words, and the actors carrying them out."""

from .actors import Actor, ActorMembership, Municipality
from .levels import DEFAULT_WORDS, Level, LevelWords, StrategyLevel, StrategyWords
from .strategy import (
    FOCUS_DESCRIPTION_MAX,
    GOAL_MAX,
    PURPOSE_MAX,
    RESERVED_SLUGS,
    TAGLINE_MAX,
    PriorityGaps,
    Strategy,
    StrategyQuerySet,
    in_force_among,
    length_at_most,
    length_hint,
    length_message,
    limited_text,
    validate_strategy_slug,
)
from .structure import Continuation, DevelopmentArea, FocusArea, FocusTopic, GoalArea, Priority

__all__ = [
    "DEFAULT_WORDS",
    "FOCUS_DESCRIPTION_MAX",
    "GOAL_MAX",
    "PURPOSE_MAX",
    "RESERVED_SLUGS",
    "TAGLINE_MAX",
    "Actor",
    "ActorMembership",
    "Continuation",
    "DevelopmentArea",
    "FocusArea",
    "FocusTopic",
    "GoalArea",
    "Level",
    "LevelWords",
    "Municipality",
    "Priority",
    "PriorityGaps",
    "Strategy",
    "StrategyLevel",
    "StrategyQuerySet",
    "StrategyWords",
    "in_force_among",
    "length_at_most",
    "length_hint",
    "length_message",
    "limited_text",
    "validate_strategy_slug",
]
