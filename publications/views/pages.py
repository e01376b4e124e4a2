"""The pages annual reports and evaluations share: the archive, a publication's page and
PDF, and its create, edit and publish forms. Each view but the archive is handed the
`PublicationType` it serves by the URL configuration; the access rules are in `common.py`.

A published PDF is served as stored (`documents.py`); a draft's is rendered for each request,
so each reader may ask for a few a minute.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods, require_safe

from reporting import board
from strategy import roles
from strategy.page_cache import cached_html, reads_data_version
from strategy.roles import User
from strategy.shortcuts import current_strategy_or_404

from .. import documents, publishing, queries
from ..forms import PublishForm
from ..kinds import PublicationType
from ..models import AnnualReport, Evaluation
from .common import crumbs, publication_for_reader, publication_for_writer, refuse, require_staff

DRAFT_PDFS_PER_MINUTE = 6


@require_safe
def archive(request: HttpRequest) -> HttpResponse:
    found = queries.archive(request.user)
    return render(request, "publications/archive.html", {"years": found.years, "drafts": found.drafts})


@require_safe
@reads_data_version
def detail(request: HttpRequest, publication_type: PublicationType, **url_kwargs) -> HttpResponse:
    publication = publication_for_reader(request, publication_type, url_kwargs)
    user = request.user
    context = publication_type.frame_context(publication, user) | {"crumbs": crumbs()}

    def body() -> str:
        full = publication_type.context(publication, user) | {"pdf": False}
        return render_to_string(publication_type.body_template, full, request)

    # The body differs by what the reader may see: live figures (report readers), drafts'
    # recommendations (BHU and staff), the writing links (staff).
    who = (roles.can_read_all(user), roles.is_admin(user))
    context["body"] = cached_html(request, "publication", (publication_type.name, publication.pk, who), body)
    return render(request, "publications/detail.html", context)


def _may_render_a_draft(user: User) -> bool:
    """At most DRAFT_PDFS_PER_MINUTE draft PDFs per reader and minute (each takes seconds)."""
    key = f"publications:draft-pdf:{user.pk}"
    cache.add(key, 0, timeout=60)
    return cache.incr(key) <= DRAFT_PDFS_PER_MINUTE


@require_safe
def pdf(request: HttpRequest, publication_type: PublicationType, **url_kwargs) -> HttpResponse:
    publication = publication_for_reader(request, publication_type, url_kwargs)
    if publication.is_published:
        content = documents.published_pdf(publication)
    elif _may_render_a_draft(request.user):
        content = documents.render_document(publication)
    else:
        context = {"publication": publication, "limit": DRAFT_PDFS_PER_MINUTE, "crumbs": crumbs(publication)}
        return render(request, "publications/pdf_throttled.html", context, status=429)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{publication_type.pdf_filename(publication)}"'
    return response


def _render_form(
    request: HttpRequest,
    publication_type: PublicationType,
    form: ModelForm,
    publication: AnnualReport | Evaluation | None,
) -> HttpResponse:
    heading = publication_type.edit_heading(publication) if publication else publication_type.new_title
    context = {
        "form": form,
        "publication": publication,
        "publication_type": publication_type,
        "heading": heading,
        "crumbs": crumbs(publication),
    }
    return render(request, "publications/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, publication_type: PublicationType) -> HttpResponse:
    require_staff(request)
    strategy = current_strategy_or_404(request)
    form = publication_type.form_class(request.POST or None, strategy=strategy)
    if request.method == "POST" and form.is_valid():
        draft = form.save(commit=False)
        draft.strategy = strategy
        draft = publishing.save_draft(draft=draft, user=request.user)
        messages.success(request, publication_type.created_message(draft))
        return redirect(draft)
    return _render_form(request, publication_type, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, publication_type: PublicationType, **url_kwargs) -> HttpResponse:
    publication = publication_for_writer(request, publication_type, url_kwargs)
    if publication.is_published:
        return refuse(request, publication)
    form = publication_type.form_class(
        request.POST or None, instance=publication, strategy=publication.strategy
    )
    if request.method == "POST" and form.is_valid():
        try:
            publication = publishing.save_draft(draft=form.save(commit=False), user=request.user)
        except ValidationError as error:
            return refuse(request, publication, error.messages[0])
        messages.success(request, "Utkastet är sparat.")
        return redirect(publication)
    return _render_form(request, publication_type, form, publication)


@login_required
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, publication_type: PublicationType, **url_kwargs) -> HttpResponse:
    publication = publication_for_writer(request, publication_type, url_kwargs)
    if publication.is_published:
        return refuse(request, publication)
    has_entries = not publication_type.confirms_empty_year or queries.year_has_entries(
        strategy=publication.strategy, year=publication.year
    )
    # An empty POST is still a confirmation: the form may have no fields at all.
    data = request.POST if request.method == "POST" else None
    summary = (
        board.round_summary(publication.strategy, publication.year)
        if publication_type.confirms_empty_year
        else None
    )
    round_incomplete = summary is not None and not summary.complete
    form = PublishForm(
        data, needs_empty_confirmation=not has_entries, needs_round_confirmation=round_incomplete
    )
    if request.method == "POST" and form.is_valid():
        try:
            publication = publishing.publish(publication=publication, user=request.user)
        except ValidationError as error:
            return refuse(request, publication, error.messages[0])
        messages.success(request, publication_type.published_message(publication))
        return redirect(publication)
    context = {
        "form": form,
        "publication": publication,
        "publish_note": publication_type.publish_note(publication),
        "has_entries": has_entries,
        "round_summary": summary,
        "crumbs": crumbs(publication),
    }
    return render(request, "publications/publish_confirm.html", context)
