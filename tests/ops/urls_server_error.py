"""The portal's URLs plus one view that fails, to see the 500 page as visitors would."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from vg2020.urls import urlpatterns as portal_urlpatterns


def failing_view(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("Ett avsiktligt fel i testet")


urlpatterns = [path("test/fel/", failing_view), *portal_urlpatterns]
