"""The two kinds of publication, each described once for the views and services they share.

Annual reports and evaluations have one life cycle: a draft that BHU members and staff
read and staff change, published once, its figures frozen and its PDF stored. So they share
one set of views (`views/pages.py`) and one publishing service, and a `PublicationType`
holds what differs: the model, the field that names one publication in its URLs (with the
strategy's slug), the form, the Swedish texts, what publishing freezes and what its page
shows besides the publication itself. The URL configuration hands each view its type.

Live figures are not published: an anonymous visitor (and the stored PDF) sees only what
was published, and only signed-in readers of the reports see how today's figures differ.
"""

from abc import ABC, abstractmethod
from typing import Generic, TypeVar

from django import forms
from django.urls import reverse

from strategy import roles
from strategy.addresses import unscoped_reverse
from strategy.roles import User

from . import queries
from .forms import AnnualReportForm, EvaluationForm
from .models import AnnualReport, Evaluation, Rating

P = TypeVar("P", AnnualReport, Evaluation)


def reads_live_figures(user: User) -> bool:
    """Whoever reads the live reports (regional developers, BHU, staff) sees beside a published
    publication how today's figures differ; everyone else sees only what was published."""
    return roles.can_read_reports(user)


class PublicationType(ABC, Generic[P]):
    """One kind of publication, as the shared views need to know it."""

    model: type[P]
    form_class: type[forms.ModelForm]
    # The prefix of its URL names ("report" → publications:report_pdf), of its body template
    # (publications/_report_body.html) and the name that template reads it by.
    name: str
    # With the strategy's slug, names one publication in its URLs.
    key: str
    # The field by which a stored PDF or an erratum belongs to one of this kind.
    owner_field: str
    pdf_name: str
    new_title: str
    form_intro: str
    # Publishing freezes the figures of its year, so a year without entries is confirmed first.
    confirms_empty_year: bool = False

    def lookup(self, url_kwargs: dict) -> dict:
        """The URL's arguments as a lookup of one publication."""
        return {"strategy__slug": url_kwargs["strategy"], self.key: url_kwargs[self.key]}

    def url(self, action: str, publication: P) -> str:
        args = [publication.strategy.slug, getattr(publication, self.key)]
        return reverse(f"publications:{self.name}_{action}", args=args)

    @property
    def body_template(self) -> str:
        return f"publications/_{self.name}_body.html"

    def pdf_filename(self, publication: P) -> str:
        return f"{self.pdf_name}-{publication.strategy.slug}-{getattr(publication, self.key)}.pdf"

    @abstractmethod
    def label(self, publication: P) -> str:
        """What it is, as its page's byline and its PDF's running header say."""

    @abstractmethod
    def edit_heading(self, publication: P) -> str: ...

    @abstractmethod
    def created_message(self, publication: P) -> str: ...

    @abstractmethod
    def publish_note(self, publication: P) -> str:
        """What publishing it does, as the confirmation page says."""

    @abstractmethod
    def published_message(self, publication: P) -> str: ...

    def frame_context(self, publication: P, user: User) -> dict:
        """What its page shows around the body: the publication and the links for this user."""
        return {
            "publication": publication,
            self.name: publication,
            "publication_type": self,
            "kind_label": self.label(publication),
            "strategy": publication.strategy,
            "can_write": roles.is_admin(user),
            "urls": {action: self.url(action, publication) for action in ("pdf", "edit", "publish")},
            # A correction is recorded in admin, as a new act beside the published one.
            "erratum_url": (
                f"{unscoped_reverse('admin:publications_erratum_add')}?{self.owner_field}={publication.pk}"
            ),
        }

    def context(self, publication: P, user: User) -> dict:
        """What its page shows to this user, and its PDF to everyone (an anonymous user)."""
        return {
            **self.frame_context(publication, user),
            "errata": queries.errata(publication) if publication.is_published else [],
            **self.page_context(publication, user),
        }

    @abstractmethod
    def page_context(self, publication: P, user: User) -> dict:
        """What its page and PDF show besides the publication itself."""

    @abstractmethod
    def frozen_content(self, publication: P) -> dict:
        """What publishing freezes into its `snapshot`, as JSON data."""


class _AnnualReports(PublicationType[AnnualReport]):
    model = AnnualReport
    form_class = AnnualReportForm
    name, key, pdf_name, owner_field = "report", "year", "arsrapport", "annual_report"
    new_title = "Ny årsrapport"
    form_intro = (
        "Rapporten sparas som ett utkast som BHU kan läsa. Den blir offentlig först när du publicerar den."
    )
    confirms_empty_year = True

    def label(self, report: AnnualReport) -> str:
        return "Årsrapport"

    def edit_heading(self, report: AnnualReport) -> str:
        return f"Ändra utkastet till årsrapporten {report.year}"

    def created_message(self, report: AnnualReport) -> str:
        return f"Utkastet till årsrapporten för {report.year} är sparat."

    def publish_note(self, report: AnnualReport) -> str:
        return (
            f"När rapporten publiceras blir den offentlig, och siffrorna för {report.year} fryses som de "
            "ser ut nu. Rapporten kan sedan inte ändras; rekommendationerna kan fortfarande följas upp."
        )

    def published_message(self, report: AnnualReport) -> str:
        return f"Årsrapporten för {report.year} är publicerad och årets siffror är frysta."

    def frozen_content(self, report: AnnualReport) -> dict:
        return queries.year_snapshot(strategy=report.strategy, year=report.year)

    def page_context(self, report: AnnualReport, user: User) -> dict:
        figures = queries.report_figures(report, with_live=reads_live_figures(user))
        return {
            "recommendations": queries.recommendations(report),
            "earlier_recommendations": queries.earlier_recommendations(report, user),
            "snapshot": figures.snapshot,
            "sections": figures.sections,
            "differences": figures.differences,
        }


class _Evaluations(PublicationType[Evaluation]):
    model = Evaluation
    form_class = EvaluationForm
    name, key, pdf_name, owner_field = "evaluation", "kind", "utvardering", "evaluation"
    new_title = "Ny utvärdering"
    form_intro = (
        "Utvärderingen sparas som ett utkast som BHU kan läsa. "
        "Bedömningen av varje målområde görs på utvärderingens sida."
    )

    def label(self, evaluation: Evaluation) -> str:
        return evaluation.get_kind_display()

    def edit_heading(self, evaluation: Evaluation) -> str:
        return f"Ändra utkastet till {evaluation.get_kind_display().lower()}"

    def created_message(self, evaluation: Evaluation) -> str:
        return f"Utkastet till {evaluation.get_kind_display().lower()} är sparat."

    def publish_note(self, evaluation: Evaluation) -> str:
        return (
            "När utvärderingen publiceras blir den offentlig och kan inte längre ändras, och dess underlag "
            "(insatser per målområde och år, indikatorvärden) fryses som det ser ut nu."
        )

    def published_message(self, evaluation: Evaluation) -> str:
        return f"{evaluation.get_kind_display()} är publicerad och underlaget är fryst."

    def frozen_content(self, evaluation: Evaluation) -> dict:
        return queries.live_evidence(evaluation)

    def page_context(self, evaluation: Evaluation, user: User) -> dict:
        evidence = queries.evaluation_evidence(evaluation, with_live=reads_live_figures(user))
        return {
            "sections": evidence.sections,
            "differences": evidence.differences,
            "spending_last_year": queries.spending_last_year(evaluation),
            "ratings": Rating.choices,
        }


ANNUAL_REPORT = _AnnualReports()
EVALUATION = _Evaluations()


def kind_of(publication: AnnualReport | Evaluation) -> PublicationType:
    return ANNUAL_REPORT if isinstance(publication, AnnualReport) else EVALUATION
