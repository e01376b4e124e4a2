"""A published report's PDF never changes: it is rendered once, when it is published, stored in
the database, and served as stored; a draft's PDF is rendered for each request, a few a minute."""

from decimal import Decimal

import pytest
from django.core.cache import cache

from followup.models import SpendingEntry
from publications import documents
from publications.models import PublishedPdf
from publications.publishing import publish, record_follow_up
from tests.conftest import client_for, make_entry

from .conftest import make_recommendation, make_report

pytestmark = pytest.mark.django_db

PDF_URL = "/vg2020/arsrapporter/vg2020/2016/pdf/"


@pytest.fixture(autouse=True)
def _no_draft_pdfs_counted_yet():
    cache.clear()


@pytest.fixture
def never_render(monkeypatch):
    def refuse(html: str) -> bytes:
        raise AssertionError("Den publicerade PDF:en ska inte skapas på nytt.")

    monkeypatch.setattr(documents, "render_pdf", refuse)


@pytest.fixture
def fake_render(monkeypatch):
    """Rendering replaced by a stand-in that counts its calls (a real one takes seconds)."""
    calls = []

    def render(html: str) -> bytes:
        calls.append(html)
        return f"%PDF-stand-in {len(calls)}".encode()

    monkeypatch.setattr(documents, "render_pdf", render)
    return calls


@pytest.fixture
def published(admin_user):
    entry = make_entry(year=2016, amount="100000.00")
    report = make_report(year=2016)
    recommendation = make_recommendation(report)
    report = publish(publication=report, user=admin_user)
    return report, entry, recommendation


def test_publishing_stores_the_pdf_of_what_was_published(real_pdfs, published):
    report, _, _ = published
    stored = bytes(PublishedPdf.objects.get(annual_report=report).content)
    assert stored.startswith(b"%PDF")


def test_anonymous_visitors_get_the_stored_pdf_without_rendering_it(published, never_render):
    report, _, _ = published
    response = client_for(None).get(PDF_URL)
    assert response.status_code == 200
    assert response.content == bytes(PublishedPdf.objects.get(annual_report=report).content)


def test_the_pdf_is_the_same_after_entries_and_follow_ups_change(published, admin_user, never_render):
    _, entry, recommendation = published
    before = client_for(None).get(PDF_URL).content
    SpendingEntry.objects.filter(pk=entry.pk).update(amount=Decimal("250000.00"))
    record_follow_up(
        recommendation=recommendation, year=2017, status="genomford", response="Klar.", user=admin_user
    )
    assert client_for(None).get(PDF_URL).content == before


def test_a_report_published_before_pdfs_were_stored_gets_its_pdf_rendered_once(published, fake_render):
    PublishedPdf.objects.all().delete()
    first = client_for(None).get(PDF_URL).content
    second = client_for(None).get(PDF_URL).content
    assert first == second == b"%PDF-stand-in 1"
    assert len(fake_render) == 1
    assert PublishedPdf.objects.count() == 1


def test_staff_get_a_fresh_pdf_of_a_draft(admin_user, fake_render):
    make_report(year=2016)
    assert client_for(admin_user).get(PDF_URL).content == b"%PDF-stand-in 1"
    assert client_for(admin_user).get(PDF_URL).content == b"%PDF-stand-in 2"
    assert not PublishedPdf.objects.exists()


def test_draft_pdfs_are_limited_per_reader_and_minute(bhu_member, admin_user, fake_render):
    make_report(year=2016)
    bhu = client_for(bhu_member)
    answers = [bhu.get(PDF_URL).status_code for _ in range(7)]
    assert answers == [200] * 6 + [429]
    refused = bhu.get(PDF_URL)
    assert "Vänta en minut och försök igen." in refused.content.decode()
    assert client_for(admin_user).get(PDF_URL).status_code == 200
    assert len(fake_render) == 7
