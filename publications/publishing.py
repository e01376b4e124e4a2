"""Writing annual reports and evaluations: drafts and their parts, publishing, and following
up recommendations.

Each function is one transaction. A draft and its parts (a report's recommendations, an
evaluation's assessments) change only while it is a draft: its row is locked and read again
first, so a change can never slip in after someone else published it. A publication is
published once: at that moment an annual report's figures of its year, or an evaluation's
evidence, are frozen, and its PDF is rendered and stored, all in the same transaction. A
published publication is corrected only by recording an erratum beside it. A
recommendation's current status always comes from its latest year's update.
"""

from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .documents import store_pdf
from .kinds import kind_of
from .models import (
    AnnualReport,
    Assessment,
    Erratum,
    Evaluation,
    PublicationStatus,
    Recommendation,
    RecommendationUpdate,
)

ALREADY_PUBLISHED = "Den är redan publicerad. Ingenting har ändrats."
NOT_PUBLISHED = "Bara det som är publicerat rättas. Ändra utkastet i stället."

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
    """Make a draft public. An annual report takes its year's figures and an evaluation its
    evidence, frozen as they are now, and its PDF is rendered from what was published."""
    publication = _lock_draft(publication)
    publication.snapshot = kind_of(publication).frozen_content(publication)
    publication.status = PublicationStatus.PUBLISHED
    publication.published_at = timezone.now()
    publication.published_by = publication.updated_by = user
    publication.full_clean()
    publication.save()
    store_pdf(publication)
    return publication


@transaction.atomic
def record_erratum(*, erratum: Erratum, user: AbstractBaseUser) -> Erratum:
    """Record a correction of a published publication (an instance holding its text and publication)."""
    publication = erratum.publication
    locked = type(publication).objects.select_for_update().get(pk=publication.pk)
    if not locked.is_published:
        raise ValidationError(NOT_PUBLISHED, code="not_published")
    erratum.recorded_by = user
    erratum.full_clean()
    erratum.save()
    return erratum


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
