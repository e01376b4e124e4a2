from django.urls import path

from . import views

app_name = "strategy"

urlpatterns = [
    # `/` presents the strategy in force; `/vg2020/` the strategy its address names.
    path("", views.home, name="home"),
    path("malomrade/<int:number>/", views.goal_area, name="goal_area"),
    path("kraftsamling/<int:number>/", views.focus_area, name="focus_area"),
    path("aktorer/", views.actor_list, name="actor_list"),
    path("aktorer/<slug:slug>/", views.actor, name="actor"),
    # Addresses from before strategies sat side by side: /strategi/vg2020/malomrade/1/.
    path("strategi/<slug:strategy>/<path:rest>", views.legacy_strategy_address, name="legacy_address"),
]
