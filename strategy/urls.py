from django.urls import path

from . import views

app_name = "strategy"

urlpatterns = [
    path("", views.home, name="home"),
    path("strategi/<slug:strategy>/malomrade/<int:number>/", views.goal_area, name="goal_area"),
    path("strategi/<slug:strategy>/kraftsamling/<int:number>/", views.focus_area, name="focus_area"),
    path("aktorer/", views.actor_list, name="actor_list"),
    path("aktorer/<slug:slug>/", views.actor, name="actor"),
]
