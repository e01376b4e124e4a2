import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_swedish_language_and_stockholm_time():
    assert settings.LANGUAGE_CODE == "sv"
    assert settings.TIME_ZONE == "Europe/Stockholm"


@pytest.mark.parametrize("secret", ["", "kort", "dev-only-insecure-key-do-not-use-in-production"])
def test_production_refuses_to_start_without_a_real_secret_key(secret):
    result = run_manage("check", DEBUG="False", SECRET_KEY=secret)
    assert result.returncode != 0
    assert "SECRET_KEY måste sättas" in result.stderr


def test_production_starts_with_a_real_secret_key():
    result = run_manage("check", DEBUG="False", SECRET_KEY="x" * 64, ALLOWED_HOSTS="vg2020.example.se")
    assert result.returncode == 0, result.stderr
