"""Sign-in throttling, over-long user names, the address behind a proxy, session expiry."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.sessions.models import Session
from django.test import Client, RequestFactory
from django.utils import timezone

from ops.sign_in import client_address
from tests.conftest import PASSWORD, client_for, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/konto/logga-in/"


def _sign_in(client: Client, username: str, password: str, address: str = "127.0.0.1", **headers):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


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


def test_user_name_over_255_characters_gets_a_swedish_message_and_nothing_is_recorded(db):
    response = _sign_in(Client(), "a" * 300, "fel-losenord")

    assert response.status_code == 200
    assert "Användarnamnet är för långt. Det får vara högst 150 tecken." in response.content.decode()
    assert not AccessAttempt.objects.exists()


def test_admin_sign_in_refuses_an_over_long_user_name_the_same_way(db):
    response = Client().post("/admin/login/", {"username": "a" * 300, "password": "fel-losenord"})

    assert response.status_code == 200
    assert "Användarnamnet är för långt" in response.content.decode()
    assert not AccessAttempt.objects.exists()


def test_a_long_user_name_reaching_authenticate_is_recorded_cut_to_what_the_table_holds(db):
    # Any path that calls authenticate() without the sign-in form: axes must not write 300 characters.
    request = RequestFactory().post(LOGIN, REMOTE_ADDR="192.0.2.1")

    assert authenticate(request, username="b" * 300, password="fel-losenord") is None

    assert AccessAttempt.objects.get().username == "b" * 255


def test_password_spraying_from_one_address_locks_the_address_at_its_own_limit(db, settings):
    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 20
    make_user("oskyldig")
    client = Client()
    statuses = [
        _sign_in(client, f"namn{number}", "gissning", "203.0.113.7").status_code for number in range(20)
    ]

    assert statuses == [200] * 19 + [429]
    assert _sign_in(Client(), "oskyldig", PASSWORD, "203.0.113.7").status_code == 429
    assert _sign_in(Client(), "oskyldig", PASSWORD, "198.51.100.4").status_code == 302


def test_failures_below_the_address_limit_do_not_lock_other_names_out(db, settings):
    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 20
    make_user("oskyldig")
    for number in range(19):
        _sign_in(Client(), f"namn{number}", "gissning", "203.0.113.7")

    assert _sign_in(Client(), "oskyldig", PASSWORD, "203.0.113.7").status_code == 302


def test_without_trusted_proxies_a_forwarded_for_header_is_ignored(developer_vgr, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    client = Client()
    for number in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "utv.vgr", "fel", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")

    assert _sign_in(client, "utv.vgr", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.200").status_code == 429


def test_behind_a_trusted_proxy_visitors_sharing_its_address_are_counted_apart(developer_vgr, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(Client(), "utv.vgr", "fel", proxy, HTTP_X_FORWARDED_FOR="203.0.113.9")

    owner = _sign_in(Client(), "utv.vgr", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="198.51.100.4")

    assert owner.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}


def test_behind_a_trusted_proxy_what_the_client_wrote_into_the_header_is_not_trusted(developer_vgr, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(settings.AXES_FAILURE_LIMIT):
        # The proxy appends the address it saw; the part before it is the attacker's own.
        _sign_in(
            Client(), "utv.vgr", "fel", "10.0.0.2", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 203.0.113.9"
        )

    response = _sign_in(
        Client(), "utv.vgr", PASSWORD, "10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.9"
    )

    assert response.status_code == 429


@pytest.mark.parametrize(
    ("count", "header", "expected"),
    [
        (2, "203.0.113.9, 10.0.0.1", "203.0.113.9"),  # a load balancer, then the TLS proxy
        (1, "", "10.0.0.2"),  # not through the proxy: the connecting address
        (2, "203.0.113.9", "10.0.0.2"),  # fewer entries than proxies
        (1, "inte-en-adress", "10.0.0.2"),
    ],
)
def test_client_address_reads_the_entry_the_outermost_trusted_proxy_wrote(settings, count, header, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=header)
    assert client_address(request) == expected
