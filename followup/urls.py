from django.urls import path  # noqa: F401

app_name = "followup"

# Each concern keeps its routes in its own block: entries, reports, spreadsheets.
urlpatterns: list = []
