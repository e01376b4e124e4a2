from django.urls import path

from . import views

app_name = "ops"

urlpatterns = [
    path("halsa/", views.health, name="health"),
]
