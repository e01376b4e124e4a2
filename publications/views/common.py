"""Who may read and write annual reports and evaluations, for every view of the publications.

Anonymous visitors and regional developers read what is published; BHU members and staff
also read drafts; only staff write and publish. A draft asked for by someone who may not
read it is a 404 (it reveals nothing), a write asked for by a reader who is not staff is a
403, and an anonymous visitor is sent to sign in before any write (every write view is
`login_required`, before it looks anything up). The JSON API (`api.py`) serves only
published reports, to everyone: a draft is a 404 there even for BHU and staff.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from strategy import roles

from ..kinds import PublicationType
from ..models import AnnualReport, Evaluation

PUBLISHED_ONLY_MESSAGE = "En publicerad rapport ändras inte. Ingenting har ändrats."


def require_staff(request: HttpRequest) -> None:
    if not roles.is_admin(request.user):
        raise PermissionDenied("Bara administratörer skriver och publicerar rapporter.")


def publication_for_reader(
    request: HttpRequest, publication_type: PublicationType, url_kwargs: dict
) -> AnnualReport | Evaluation:
    return get_object_or_404(
        publication_type.model.objects.visible_to(request.user).select_related("strategy", "published_by"),
        **publication_type.lookup(url_kwargs),
    )


def publication_for_writer(
    request: HttpRequest, publication_type: PublicationType, url_kwargs: dict
) -> AnnualReport | Evaluation:
    # Looked up first: a draft hidden from this user stays a 404, not a 403.
    publication = publication_for_reader(request, publication_type, url_kwargs)
    require_staff(request)
    return publication


def refuse(
    request: HttpRequest, publication: AnnualReport | Evaluation, message: str = PUBLISHED_ONLY_MESSAGE
) -> HttpResponse:
    """Back to the publication's page, saying why nothing was changed."""
    messages.error(request, message)
    return redirect(publication)


def crumbs(publication: AnnualReport | Evaluation | None = None) -> list[tuple[str, str]]:
    """The breadcrumbs of a page under the archive, and under the publication if given."""
    trail = [("Årsrapporter", reverse("publications:archive"))]
    if publication is not None:
        trail.append((publication.title, publication.get_absolute_url()))
    return trail
