"""Fixtures and hooks for the operations tests (security, reliability, serving)."""

import pytest
from django.db import connection


def pytest_runtest_setup(item: pytest.Item) -> None:
    # Row locks and real concurrency need PostgreSQL; SQLite serialises every writer.
    if item.get_closest_marker("postgres_only") and connection.vendor != "postgresql":
        pytest.skip(
            f"Kräver PostgreSQL (radlås och verklig samtidighet); databasen är {connection.vendor}. "
            "Kör med DATABASE_URL=postgres://... för att köra testet."
        )


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:
    """The permission matrix signs in the whole cast for every URL; real hashing is slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
