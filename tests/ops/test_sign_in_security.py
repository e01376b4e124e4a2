"""Sign-in throttling and session expiry."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from tests.conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db

LOGIN = "/konto/logga-in/"


def _sign_in(client: Client, username: str, password: str, address: str = "127.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_sixth_attempt_is_refused_with_swedish_lock_out_page_even_with_the_right_password(developer_vgr):
    client = Client()
    # The fifth failure is answered with the lock-out page already; the sixth tries the
    # right password.
    statuses = [_sign_in(client, "utv.vgr", "fel-losenord").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]

    response = _sign_in(client, "utv.vgr", PASSWORD)

    assert response.status_code == 429
    assert "För många misslyckade inloggningsförsök" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="utv.vgr").failures_since_start >= settings.AXES_FAILURE_LIMIT


def test_lock_out_is_per_address_so_others_cannot_lock_a_user_out_everywhere(developer_vgr):
    attacker = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        _sign_in(attacker, "utv.vgr", "fel-losenord", address="203.0.113.9")

    owner = Client()
    response = _sign_in(owner, "utv.vgr", PASSWORD, address="198.51.100.4")

    assert response.status_code == 302
    assert owner.session["_auth_user_id"] == str(developer_vgr.pk)


def test_signed_in_session_expires_after_session_cookie_age(developer_vgr):
    client = Client()
    assert _sign_in(client, "utv.vgr", PASSWORD).status_code == 302

    session = Session.objects.get(session_key=client.session.session_key)
    lifetime = session.expire_date - timezone.now()
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert timedelta(seconds=settings.SESSION_COOKIE_AGE - 60) < lifetime
    assert lifetime <= timedelta(seconds=settings.SESSION_COOKIE_AGE)


def test_session_cookie_ends_when_the_browser_closes(developer_vgr):
    client = Client()
    response = _sign_in(client, "utv.vgr", PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""
    assert cookie["httponly"] is True


def test_expired_session_is_no_longer_signed_in(admin_user):
    client = client_for(admin_user)
    assert client.get("/admin/").status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
