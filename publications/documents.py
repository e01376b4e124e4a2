"""The PDF of a publication. A published report's or evaluation's PDF is the act as published:
rendered once, when it is published, stored in the database (`PublishedPdf`) and served as
stored ever after, so it never changes and costs nothing to serve. A draft's PDF is rendered
on each request, for the BHU members and staff who may read drafts.

Every PDF shows what an anonymous visitor sees: the published (or preliminary) figures, no
differences with today's figures, no corrections (those are shown on the page and in the API).
"""

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.template.loader import render_to_string

from .kinds import kind_of
from .models import AnnualReport, Evaluation, PublishedPdf
from .pdf import render_pdf


def render_document(publication: AnnualReport | Evaluation) -> bytes:
    context = kind_of(publication).context(publication, AnonymousUser())
    return render_pdf(render_to_string("publications/pdf/publication.html", context))


def _owner(publication: AnnualReport | Evaluation) -> dict:
    return {kind_of(publication).owner_field: publication}


def store_pdf(publication: AnnualReport | Evaluation) -> PublishedPdf:
    """Render the published publication's PDF and store it (inside the publishing transaction)."""
    return PublishedPdf.objects.create(content=render_document(publication), **_owner(publication))


def _stored(publication: AnnualReport | Evaluation) -> bytes | None:
    content = PublishedPdf.objects.filter(**_owner(publication)).values_list("content", flat=True).first()
    # PostgreSQL hands binary data back as a memoryview, SQLite as bytes.
    return None if content is None else bytes(content)


def published_pdf(publication: AnnualReport | Evaluation) -> bytes:
    """The stored PDF of a published publication.

    One published before PDFs were stored gets its PDF rendered and stored on its first
    request. Its row is locked meanwhile, so simultaneous first requests render it once.
    """
    content = _stored(publication)
    if content is not None:
        return content
    with transaction.atomic():
        locked = type(publication).objects.select_for_update().get(pk=publication.pk)
        content = _stored(locked)
        if content is None:
            content = bytes(store_pdf(locked).content)
    return content
