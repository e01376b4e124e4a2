"""In Chromium: staff draft and publish an annual report through the portal's forms, an
anonymous visitor reads it and downloads its PDF, and an entry edited afterwards leaves the
published figures unchanged while the page flags the difference to signed-in readers only.
Printed from Chromium, the report page holds every figure of its tables on paper."""

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from followup.models import SpendingEntry
from publications.models import AnnualReport, Evaluation, EvaluationKind, PublicationStatus
from strategy.models import Strategy
from tests.conftest import make_entry
from tests.publications.conftest import make_indicator, make_published_report, make_recommendation
from tests.publications.pdf_reading import page_figures, page_sizes, visible_text
from tests.reports.conftest import bulk_entries

from .conftest import assert_accessible, sign_in_as

# The whole way a user takes, WeasyPrint's PDF included.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("real_pdfs"),
]

PUBLISHING_TIMEOUT_MS = 60_000


def test_staff_publish_a_report_that_stays_frozen_for_anonymous_readers(page, admin_user, bhu_member):
    entry = make_entry(year=2016, goal=1, amount="100000.00")
    sign_in_as(page, admin_user)

    page.goto("/vg2020/arsrapporter/")
    assert_accessible(page)
    page.get_by_role("link", name="Ny årsrapport").click()
    assert_accessible(page)
    page.get_by_label("År", exact=True).select_option("2016")
    page.get_by_role("button", name="Spara utkastet").click()
    assert page.get_by_role("link", name="Rubrik: Detta fält måste fyllas i.").is_visible()
    assert_accessible(page)

    page.get_by_label("Rubrik", exact=True).fill("Årsrapport 2016")
    page.get_by_label("Sammanfattning").fill("Insatserna ökade under året.")
    page.get_by_label("Genomförandet under året").fill("Kraftsamlingen kom igång.\n\nFler aktörer deltog.")
    page.get_by_role("button", name="Spara utkastet").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Årsrapport 2016"
    assert page.get_by_text("Preliminära siffror").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Lägg till en rekommendation").click()
    assert_accessible(page)
    page.get_by_label("Rekommendation", exact=True).fill(
        "Samla krafterna kring unga som inte fullföljer studierna."
    )
    page.get_by_role("button", name="Spara rekommendationen").click()

    page.get_by_role("link", name="Publicera…").click()
    assert_accessible(page)
    # Publishing renders and stores the PDF: seconds, more while WeasyPrint loads its fonts.
    page.get_by_role("button", name="Publicera").click(timeout=PUBLISHING_TIMEOUT_MS)
    assert page.get_by_text("Årsrapporten för 2016 är publicerad").is_visible()
    assert AnnualReport.objects.get().status == PublicationStatus.PUBLISHED

    page.get_by_role("button", name="Logga ut").click()
    page.goto("/vg2020/arsrapporter/")
    page.get_by_role("link", name="Årsrapport 2016").click()
    assert page.get_by_text("Samla krafterna kring unga").is_visible()
    # Today's figures are not published: an anonymous visitor is not even told they are the same.
    assert page.get_by_text("De aktuella siffrorna").count() == 0
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner som PDF").click()
    assert download.value.suggested_filename == "arsrapport-vg2020-2016.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    SpendingEntry.objects.filter(pk=entry.pk).update(amount=Decimal("250000.00"))
    page.reload()
    assert page.get_by_text("Totalt 100\u00a0000\u00a0kr i 1 insatser").is_visible()
    assert page.get_by_text("250\u00a0000").count() == 0

    sign_in_as(page, bhu_member)
    page.goto("/vg2020/arsrapporter/vg2020/2016/")
    assert page.get_by_role(
        "heading", name="De aktuella siffrorna har ändrats sedan publiceringen"
    ).is_visible()
    assert page.get_by_text("Totalt 100\u00a0000\u00a0kr i 1 insatser").is_visible()
    differences = page.get_by_role("table", name="Skillnader mellan publicerade och aktuella siffror")
    total_row = differences.get_by_role("row").filter(has_text="Alla insatser")
    assert total_row.inner_text().split("\t")[2:] == [
        "100\u00a0000\u00a0kr",
        "250\u00a0000\u00a0kr",
        "150\u00a0000\u00a0kr",
    ]
    assert_accessible(page)


def test_bhu_member_reads_drafts_and_every_publication_page_is_accessible(page, admin_user, bhu_member):
    strategy = Strategy.objects.get(slug="vg2020")
    report = AnnualReport.objects.create(
        strategy=strategy, year=2015, title="Utkast 2015", summary="Kort.", narrative="Text."
    )
    make_recommendation(report)
    Evaluation.objects.create(
        strategy=strategy, kind=EvaluationKind.MIDTERM, year=2017, title="Halvtidsutvärdering", summary="S."
    )
    make_indicator(values={2014: "40", 2016: "43", 2018: "45"})

    sign_in_as(page, bhu_member)
    for path in [
        "/vg2020/arsrapporter/",
        "/vg2020/arsrapporter/vg2020/2015/",
        "/vg2020/arsrapporter/vg2020/utvardering/halvtid/",
    ]:
        page.goto(path)
        assert_accessible(page)
    assert page.get_by_text("Utkast", exact=True).first.is_visible()
    page.get_by_role("button", name="Logga ut").click()

    sign_in_as(page, admin_user)
    for path in [
        "/vg2020/arsrapporter/vg2020/2015/rekommendationer/1/uppfoljning/",
        "/vg2020/arsrapporter/vg2020/2015/rekommendationer/1/andra/",
        "/vg2020/arsrapporter/vg2020/2015/andra/",
        "/vg2020/arsrapporter/utvardering/ny/",
        "/vg2020/arsrapporter/vg2020/utvardering/halvtid/andra/",
        "/vg2020/arsrapporter/vg2020/utvardering/halvtid/malomrade/2/",
        "/vg2020/arsrapporter/vg2020/utvardering/halvtid/publicera/",
        "/vg2020/indikatorer/importera/",
        "/vg2020/indikatorer/",
        "/vg2020/indikatorer/testindikator/",
    ]:
        page.goto(path)
        assert_accessible(page)

    page.goto("/vg2020/arsrapporter/vg2020/2015/publicera/")
    page.get_by_role("button", name="Publicera").click()
    assert page.get_by_text("Det finns inga insatser för året. Kryssa i rutan").first.is_visible()
    assert_accessible(page)
    page.get_by_label("Publicera ändå, utan några insatser för året").check()
    page.get_by_role("button", name="Publicera").click(timeout=PUBLISHING_TIMEOUT_MS)
    assert AnnualReport.objects.get(year=2015).status == PublicationStatus.PUBLISHED


def test_the_printed_report_page_holds_every_figure_of_its_tables(page, admin_user):
    bulk_entries(1500, seed=7)
    report = make_published_report(user=admin_user, year=2016)
    page.goto(report.get_absolute_url())
    printed = page.pdf(prefer_css_page_size=True)
    shown = Counter(fragment.text for fragment in visible_text(printed))
    assert page_figures(report.snapshot) - shown == Counter()
    matrix_pages = {
        fragment.page
        for fragment in visible_text(printed)
        if fragment.text.startswith(("Aktör × kraftsamlingsområde", "Aktör × målområde"))
    }
    sizes = page_sizes(printed)
    assert matrix_pages and all(sizes[number - 1][0] > sizes[number - 1][1] for number in matrix_pages)
