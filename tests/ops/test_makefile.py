"""The Makefile's commands, as make would run them (dry run: nothing is executed)."""

import re
import shutil
import subprocess

import pytest
from django.conf import settings

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make saknas")


def _dry_run(*arguments: str) -> str:
    result = subprocess.run(
        ["make", "--dry-run", *arguments], cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_run_serves_on_the_port_it_is_given():
    assert "manage.py runserver 127.0.0.1:8001" in _dry_run("run", "PORT=8001")


def test_make_serve_binds_gunicorn_to_the_port_it_is_given():
    assert "--bind 127.0.0.1:8001" in _dry_run("serve", "PORT=8001")


def test_gunicorn_reads_longer_request_lines_than_the_portal_so_the_portal_answers():
    # gunicorn answers a request line over its own limit itself, in English: it must be the higher one.
    limit = int(re.search(r"--limit-request-line (\d+)", _dry_run("serve")).group(1))
    assert limit >= settings.REQUEST_LINE_MAX_BYTES + len("GET  HTTP/1.1")
