"""Hooks for the operations tests (security, reliability, serving)."""

import pytest
from django.db import connection


def pytest_runtest_setup(item: pytest.Item) -> None:
    # Row locks and real concurrency need PostgreSQL; SQLite serialises every writer.
    if item.get_closest_marker("postgres_only") and connection.vendor != "postgresql":
        pytest.skip(
            f"Kräver PostgreSQL (radlås och verklig samtidighet); databasen är {connection.vendor}. "
            "Kör med DATABASE_URL=postgres://... för att köra testet."
        )
