from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("uppfoljning/rapportering/<int:year>/", views.status_board, name="board"),
    path("uppfoljning/rapportering/<int:year>/oppna/", views.open_round, name="open_round"),
    path("uppfoljning/rapportering/<int:year>/stang/", views.close_round, name="close_round"),
    path("uppfoljning/rapportering/<int:year>/<slug:actor>/", views.actor_year_detail, name="actor_year"),
    path("uppfoljning/rapportering/<int:year>/<slug:actor>/lamna-in/", views.submit, name="submit"),
    path("uppfoljning/rapportering/<int:year>/<slug:actor>/granska/", views.review, name="review"),
]
