from django.urls import path

from . import views

app_name = "publications"

urlpatterns = [
    path("arsrapporter/", views.archive, name="archive"),
    path("arsrapporter/ny/", views.report_create, name="report_create"),
    path("arsrapporter/utvardering/ny/", views.evaluation_create, name="evaluation_create"),
    path("arsrapporter/<slug:strategy>/<int:year>/", views.report_detail, name="report_detail"),
    path("arsrapporter/<slug:strategy>/<int:year>/pdf/", views.report_pdf, name="report_pdf"),
    path("arsrapporter/<slug:strategy>/<int:year>/andra/", views.report_edit, name="report_edit"),
    path("arsrapporter/<slug:strategy>/<int:year>/publicera/", views.report_publish, name="report_publish"),
    path(
        "arsrapporter/<slug:strategy>/<int:year>/rekommendationer/ny/",
        views.recommendation_edit,
        name="recommendation_create",
    ),
    path(
        "arsrapporter/<slug:strategy>/<int:year>/rekommendationer/<int:number>/andra/",
        views.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "arsrapporter/<slug:strategy>/<int:year>/rekommendationer/<int:number>/uppfoljning/",
        views.recommendation_follow_up,
        name="recommendation_follow_up",
    ),
    path(
        "arsrapporter/<slug:strategy>/utvardering/<str:kind>/",
        views.evaluation_detail,
        name="evaluation_detail",
    ),
    path(
        "arsrapporter/<slug:strategy>/utvardering/<str:kind>/pdf/",
        views.evaluation_pdf,
        name="evaluation_pdf",
    ),
    path(
        "arsrapporter/<slug:strategy>/utvardering/<str:kind>/andra/",
        views.evaluation_edit,
        name="evaluation_edit",
    ),
    path(
        "arsrapporter/<slug:strategy>/utvardering/<str:kind>/publicera/",
        views.evaluation_publish,
        name="evaluation_publish",
    ),
    path(
        "arsrapporter/<slug:strategy>/utvardering/<str:kind>/malomrade/<int:number>/",
        views.assessment_edit,
        name="assessment_edit",
    ),
    # JSON for other systems: published annual reports and their frozen figures.
    path("api/v1/arsrapporter/", views.api_reports, name="api_reports"),
    path("api/v1/arsrapporter/<slug:strategy>/<int:year>/", views.api_report, name="api_report"),
    path("indikatorer/", views.indicator_list, name="indicator_list"),
    path("indikatorer/importera/", views.indicator_import, name="indicator_import"),
    path("indikatorer/<slug:key>/", views.indicator_detail, name="indicator_detail"),
]
