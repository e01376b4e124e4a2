from django.urls import path

from .views import entries

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
