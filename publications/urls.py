from django.urls import path

from .kinds import ANNUAL_REPORT, EVALUATION
from .views import api, indicators, pages, parts

app_name = "publications"

# The shared pages are told which kind of publication they serve.
REPORTS = {"publication_type": ANNUAL_REPORT}
EVALUATIONS = {"publication_type": EVALUATION}

urlpatterns = [
    path("arsrapporter/", pages.archive, name="archive"),
    path("arsrapporter/ny/", pages.create, REPORTS, name="report_create"),
    path("arsrapporter/utvardering/ny/", pages.create, EVALUATIONS, name="evaluation_create"),
    path("arsrapporter/<slug:strategy>/<int:year>/", pages.detail, REPORTS, name="report_detail"),
    path("arsrapporter/<slug:strategy>/<int:year>/pdf/", pages.pdf, REPORTS, name="report_pdf"),
    path("arsrapporter/<slug:strategy>/<int:year>/andra/", pages.edit, REPORTS, name="report_edit"),
    path("arsrapporter/<slug:strategy>/<int:year>/publicera/", pages.publish, REPORTS, name="report_publish"),
    path(
        "arsrapporter/<slug:strategy>/<int:year>/rekommendationer/ny/",
        parts.recommendation_edit,
        name="recommendation_create",
    ),
    path(
        "arsrapporter/<slug:strategy>/<int:year>/rekommendationer/<int:number>/andra/",
        parts.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "arsrapporter/<slug:strategy>/<int:year>/rekommendationer/<int:number>/uppfoljning/",
        parts.recommendation_follow_up,
        name="recommendation_follow_up",
    ),
    path(
        "arsrapporter/<slug:strategy>/utvardering/<str:kind>/",
        pages.detail,
        EVALUATIONS,
        name="evaluation_detail",
    ),
    path(
        "arsrapporter/<slug:strategy>/utvardering/<str:kind>/pdf/",
        pages.pdf,
        EVALUATIONS,
        name="evaluation_pdf",
    ),
    path(
        "arsrapporter/<slug:strategy>/utvardering/<str:kind>/andra/",
        pages.edit,
        EVALUATIONS,
        name="evaluation_edit",
    ),
    path(
        "arsrapporter/<slug:strategy>/utvardering/<str:kind>/publicera/",
        pages.publish,
        EVALUATIONS,
        name="evaluation_publish",
    ),
    path(
        "arsrapporter/<slug:strategy>/utvardering/<str:kind>/malomrade/<int:number>/",
        parts.assessment_edit,
        name="assessment_edit",
    ),
    # JSON for other systems: published annual reports and their frozen figures.
    path("api/v1/arsrapporter/", api.api_reports, name="api_reports"),
    path("api/v1/arsrapporter/<slug:strategy>/<int:year>/", api.api_report, name="api_report"),
    path("indikatorer/", indicators.indicator_list, name="indicator_list"),
    path("indikatorer/importera/", indicators.indicator_import, name="indicator_import"),
    path("indikatorer/<slug:key>/", indicators.indicator_detail, name="indicator_detail"),
]
