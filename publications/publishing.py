"""Writing annual reports and evaluations: drafts and their parts, publishing, and following
up recommendations.

Each function is one transaction. A draft and its parts (a report's recommendations, an
evaluation's assessments) change only while it is a draft: its row is locked and read again
first, so a change can never slip in after someone else published it. A publication is
published once, and an annual report's figures of its year are frozen at that moment. A
recommendation's current status always comes from its latest year's update.
"""

from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import (
    AnnualReport,
    Assessment,
    Evaluation,
    PublicationStatus,
    Recommendation,
    RecommendationUpdate,
)
from .queries import year_snapshot

ALREADY_PUBLISHED = "Den är redan publicerad. Ingenting har ändrats."

AnyPublication = TypeVar("AnyPublication", AnnualReport, Evaluation)


def _lock_draft(publication: AnyPublication) -> AnyPublication:
    """The publication's row, locked until the transaction ends; refused once it is published."""
    locked = type(publication).objects.select_for_update().get(pk=publication.pk)
    if locked.is_published:
        raise ValidationError(ALREADY_PUBLISHED, code="already_published")
    return locked


@transaction.atomic
def save_draft(*, draft: AnyPublication, user: AbstractBaseUser) -> AnyPublication:
    """Store a new draft, or a draft's new values (an instance holding the form's values)."""
    if draft.pk is None:
        draft.created_by = user
    else:
        _lock_draft(draft)
    draft.updated_by = user
    draft.save()
    return draft


@transaction.atomic
def save_recommendation(*, recommendation: Recommendation) -> Recommendation:
    _lock_draft(recommendation.report)
    recommendation.save()
    return recommendation


@transaction.atomic
def save_assessment(*, assessment: Assessment, user: AbstractBaseUser) -> Assessment:
    """Store a goal area's assessment; the evaluation records who changed it last."""
    evaluation = _lock_draft(assessment.evaluation)
    assessment.save()
    evaluation.updated_by = user
    evaluation.save(update_fields=["updated_by", "updated_at"])
    return assessment


@transaction.atomic
def publish(*, publication: AnyPublication, user: AbstractBaseUser) -> AnyPublication:
    """Make a draft public. An annual report takes its year's figures, frozen as they are now."""
    publication = _lock_draft(publication)
    if isinstance(publication, AnnualReport):
        publication.snapshot = year_snapshot(strategy=publication.strategy, year=publication.year)
    publication.status = PublicationStatus.PUBLISHED
    publication.published_at = timezone.now()
    publication.published_by = publication.updated_by = user
    publication.full_clean()
    publication.save()
    return publication


@transaction.atomic
def record_follow_up(
    *, recommendation: Recommendation, year: int, status: str, response: str, user: AbstractBaseUser
) -> RecommendationUpdate:
    """Store (or replace) the year's update; the recommendation takes the latest year's status."""
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    update, _ = RecommendationUpdate.objects.update_or_create(
        recommendation=recommendation,
        year=year,
        defaults={"status": status, "response": response, "updated_by": user},
    )
    latest = recommendation.updates.order_by("-year").first()
    recommendation.status, recommendation.response = latest.status, latest.response
    recommendation.save(update_fields=["status", "response"])
    return update
