from django.urls import path

from .views import reports

app_name = "followup"

# Each concern keeps its routes in its own block: entries, reports, spreadsheets.
urlpatterns: list = []

# Reports (uppföljning): overview, one page per focus area, goal area and actor, drill-down.
urlpatterns += [
    path("uppfoljning/", reports.report_overview, name="report_overview"),
    path("uppfoljning/kraftsamling/<int:number>/", reports.report_focus_area, name="report_focus_area"),
    path("uppfoljning/malomrade/<int:number>/", reports.report_goal_area, name="report_goal_area"),
    path("uppfoljning/aktor/<slug:slug>/", reports.report_actor, name="report_actor"),
    path("uppfoljning/insatser/", reports.report_entries, name="report_entries"),
]
