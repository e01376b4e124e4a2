"""Static files carry the same security headers as pages (issue 13.12), checked with
production settings: collected, hashed names served by whitenoise, as `make serve` does."""

import json

import pytest

from .production import run_manage_in_production

# Collect into a throwaway directory, then ask for a real file by its hashed name. The
# first request builds the middleware, so whitenoise indexes the freshly collected files.
REQUEST_STATIC_FILE = """
import json, tempfile
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
from django.test.utils import override_settings
with tempfile.TemporaryDirectory() as root, override_settings(STATIC_ROOT=root):
    call_command("collectstatic", "--noinput", verbosity=0)
    url = static("css/portal.css")
    response = Client().get(url, secure=True, HTTP_HOST="vg2020.example.se")
    print(json.dumps({"url": url, "status": response.status_code, "headers": dict(response.headers)}))
"""


@pytest.fixture(scope="module")
def static_response() -> dict:
    result = run_manage_in_production("shell", "--no-imports", "-c", REQUEST_STATIC_FILE)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_static_file_is_served_by_whitenoise_under_its_hashed_name(static_response):
    assert static_response["status"] == 200
    assert static_response["url"].startswith("/static/css/portal.")
    assert static_response["url"] != "/static/css/portal.css"


def test_a_static_file_has_the_content_security_policy(static_response):
    policy = static_response["headers"]["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


def test_a_static_file_cannot_be_framed_sniffed_or_embedded_elsewhere(static_response):
    headers = static_response["headers"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert headers["Referrer-Policy"] == "same-origin"


def test_a_static_file_switches_device_features_off(static_response):
    assert "camera=()" in static_response["headers"]["Permissions-Policy"]


def test_a_static_file_is_sent_over_https_only_with_hsts(static_response):
    assert static_response["headers"]["Strict-Transport-Security"].startswith("max-age=")
