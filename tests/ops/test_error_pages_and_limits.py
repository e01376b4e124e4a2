"""Bad requests and failures get Swedish pages in the portal's layout, never a bare error."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/konto/logga-in/"


def _in_base_layout(html: str) -> bool:
    return '<html lang="sv">' in html and 'class="site-header"' in html and 'class="site-footer"' in html


@override_settings(ROOT_URLCONF="tests.ops.urls_server_error", DEBUG=False)
def test_server_error_shows_swedish_500_page_in_base_layout():
    client = Client(raise_request_exception=False)
    response = client.get("/test/fel/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Ett fel uppstod</h1>" in html
    assert "Ett avsiktligt fel" not in html
    assert _in_base_layout(html)


@override_settings(UPLOAD_MAX_BYTES=1000, REQUEST_MAX_BYTES=2000)
def test_request_over_the_size_limit_is_refused_with_swedish_page_and_nothing_done(developer_vgr: User):
    client = Client()
    upload = SimpleUploadedFile("insatser.xlsx", b"x" * 5000)

    response = client.post(LOGIN, {"username": "utv.vgr", "password": PASSWORD, "fil": upload})

    html = response.content.decode()
    assert response.status_code == 413
    assert "Det du skickade är för stort" in html
    assert "högst 1000\u00a0byte" in html
    assert _in_base_layout(html)
    assert "_auth_user_id" not in client.session
    developer_vgr.refresh_from_db()
    assert developer_vgr.last_login is None


@override_settings(UPLOAD_MAX_BYTES=1000, REQUEST_MAX_BYTES=2000)
def test_request_within_the_size_limit_is_served(developer_vgr: User):
    client = Client()
    response = client.post(LOGIN, {"username": "utv.vgr", "password": PASSWORD})
    assert response.status_code == 302
    developer_vgr.refresh_from_db()
    assert developer_vgr.last_login is not None


def test_form_with_too_many_fields_gets_swedish_400_page(developer_vgr: User):
    client = Client()
    fields = {f"falt{number}": "x" for number in range(1500)}

    response = client.post(LOGIN, {"username": "utv.vgr", "password": PASSWORD, **fields})

    html = response.content.decode()
    assert response.status_code == 400
    assert "<h1>Felaktig begäran</h1>" in html
    assert _in_base_layout(html)
    developer_vgr.refresh_from_db()
    assert developer_vgr.last_login is None


def test_over_long_address_gets_swedish_414_page_in_base_layout():
    response = Client().get("/vg2020/uppfoljning/", {"fran": "2" * 5000})

    html = response.content.decode()
    assert response.status_code == 414
    assert "<h1>Adressen är för lång</h1>" in html
    assert _in_base_layout(html)


def test_address_within_the_limit_is_served():
    response = Client().get("/", {"q": "x" * 3000})
    assert response.status_code == 200
