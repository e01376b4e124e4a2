import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def headers(client: Client):
    return client.get("/").headers


def test_content_security_policy_allows_only_own_files_and_nothing_inline(headers):
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_browsers_are_told_not_to_sniff_frame_or_leak_the_referrer(headers):
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"


def test_device_features_are_switched_off(headers):
    policy = headers["Permissions-Policy"]
    for feature in ["camera", "microphone", "geolocation", "payment"]:
        assert f"{feature}=()" in policy


def test_other_origins_cannot_open_or_embed_the_portal(headers):
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"


def test_a_refusal_answered_before_any_view_has_the_headers_too(client: Client):
    headers = client.get("/", {"q": "x" * 5000}).headers
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
