from django.urls import path, re_path

from .views import across, entries, reports, spreadsheets

app_name = "followup"

# Each concern keeps its routes in its own block: entries, reports, spreadsheets.
urlpatterns: list = []

# Entries (insatser): regional developers' forms.
urlpatterns += [
    path("insatser/", entries.entry_list, name="entry_list"),
    path("insatser/ny/", entries.entry_create, name="entry_create"),
    path("insatser/kopiera/", entries.entry_copy, name="entry_copy"),
    path("insatser/<int:pk>/", entries.entry_detail, name="entry_detail"),
    path("insatser/<int:pk>/andra/", entries.entry_update, name="entry_update"),
    path("insatser/<int:pk>/ta-bort/", entries.entry_delete, name="entry_delete"),
]

# Spreadsheets: import template, upload with preview, import history, entry and report
# exports, JSON API.
urlpatterns += [
    path("insatser/mall/", spreadsheets.import_template, name="import_template"),
    path("insatser/import/", spreadsheets.import_upload, name="import_upload"),
    path("insatser/import/<str:token>/", spreadsheets.import_preview, name="import_preview"),
    path("insatser/importer/", spreadsheets.import_list, name="import_list"),
    re_path(r"^insatser/export\.(?P<fmt>xlsx|csv)$", spreadsheets.entry_export, name="entry_export"),
    path("api/v1/insatser/", spreadsheets.api_entries, name="api_entries"),
    re_path(r"^uppfoljning/export\.(?P<fmt>xlsx|csv)$", spreadsheets.report_export, name="report_export"),
    path("api/v1/uppfoljning/", spreadsheets.api_report, name="api_report"),
]

# Reports (uppföljning): overview, one page per focus area, goal area and actor, drill-down.
urlpatterns += [
    path("uppfoljning/", reports.report_overview, name="report_overview"),
    path("uppfoljning/kraftsamling/<int:number>/", reports.report_focus_area, name="report_focus_area"),
    path("uppfoljning/malomrade/<int:number>/", reports.report_goal_area, name="report_goal_area"),
    path("uppfoljning/aktor/<slug:slug>/", reports.report_actor, name="report_actor"),
    path("uppfoljning/insatser/", reports.report_entries, name="report_entries"),
    # Across strategies: every actor's spending per year, whichever strategy the year is in.
    path("over-strategier/", across.across_strategies, name="across_strategies"),
]
