import copy
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connections
from django.test import Client
from django.test.utils import override_script_prefix
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def unreachable_database(tmp_path: Path) -> Iterator[None]:
    """Point the default connection at a database that is not there, then put it back.

    A real failure, not a mock: PostgreSQL is asked on a port nobody listens on, SQLite
    opens a file in a directory that does not exist.
    """
    original = connections["default"]
    settings_dict = copy.deepcopy(original.settings_dict)
    if original.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "saknas" / "db.sqlite3")
    else:
        settings_dict.update(HOST="127.0.0.1", PORT=str(_closed_port()))
    broken = original.__class__(settings_dict, alias="default")
    connections["default"] = broken
    try:
        yield
    finally:
        broken.close()
        connections["default"] = original


def test_health_address_is_halsa():
    with override_script_prefix("/"):
        assert reverse("ops:health") == "/halsa/"


def test_health_reports_ok_when_the_database_answers(client: Client):
    response = client.get("/halsa/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_health_answer_is_never_cached(client: Client):
    response = client.get("/halsa/")
    assert "no-cache" in response.headers["Cache-Control"]


def test_health_reports_503_when_the_database_is_unreachable(client: Client, unreachable_database):
    response = client.get("/halsa/")
    assert response.status_code == 503
    assert response.json() == {"status": "fel", "database": "fel"}
