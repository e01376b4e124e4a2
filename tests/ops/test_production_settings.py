import json

from .production import run_manage_in_production

PRINT_SECURITY_SETTINGS = """
import json
from django.conf import settings
names = [
    "DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
    "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_REFERRER_POLICY", "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS", "SESSION_EXPIRE_AT_BROWSER_CLOSE",
]
values = {name: getattr(settings, name) for name in names}
values["STATICFILES_STORAGE"] = settings.STORAGES["staticfiles"]["BACKEND"]
print(json.dumps(values))
"""


def test_check_deploy_reports_nothing_with_production_settings():
    result = run_manage_in_production("check", "--deploy", "--fail-level", "DEBUG")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_settings_secure_cookies_hsts_and_https():
    result = run_manage_in_production("shell", "--no-imports", "-c", PRINT_SECURITY_SETTINGS)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values == values | {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "same-origin",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
        "X_FRAME_OPTIONS": "DENY",
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": True,
    }
    assert values["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365


def test_production_serves_static_files_through_whitenoise_manifest():
    result = run_manage_in_production("shell", "--no-imports", "-c", PRINT_SECURITY_SETTINGS)
    assert json.loads(result.stdout)["STATICFILES_STORAGE"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_https_redirect_can_be_switched_off_for_local_plain_http():
    result = run_manage_in_production(
        "shell", "--no-imports", "-c", PRINT_SECURITY_SETTINGS, SECURE_SSL_REDIRECT="False"
    )
    values = json.loads(result.stdout)
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
