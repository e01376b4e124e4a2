"""Migrations are history: they build a fresh database on both engines, never import the
application's code, and the newest trigger migration installs what totals_sql generates."""

import ast
import importlib
import os
import re
import secrets
import sqlite3
import subprocess
import sys
from contextlib import closing
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from followup import totals_sql
from publications import data_version_sql

ROOT = Path(__file__).resolve().parents[1]
APPS = ("strategy", "followup", "publications", "ops")
MIGRATIONS = sorted(path for app in APPS for path in (ROOT / app / "migrations").glob("[0-9]*.py"))
TRIGGER_SQL = ("POSTGRESQL_DROP", "POSTGRESQL_CREATE", "SQLITE_DROP", "SQLITE_CREATE")

# Uses only the reference data the migrations load: VGR, goal area 1, the year 2016.
INSERT_ENTRY = """
    INSERT INTO followup_spendingentry (title, description, case_number, project_owner, amount,
        funding_source, created_at, updated_at, version, actor_id, goal_area_id, reporting_year_id)
    SELECT 'Första insatsen', '', '', 'Ägare', 1234.50, 'run', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1,
        actor.id, goal.id, reporting_year.id
    FROM strategy_actor AS actor, strategy_goalarea AS goal, followup_reportingyear AS reporting_year
    WHERE actor.short_name = 'VGR' AND goal.number = 1 AND reporting_year.year = 2016
        AND goal.strategy_id = reporting_year.strategy_id"""
READ_TOTALS = "SELECT total, entry_count FROM followup_entrytotal"


def _imported_modules(path: Path) -> set[str]:
    """Every module the file imports; relative ones keep their dots."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            modules.add("." * node.level + (node.module or ""))
    return modules


def _is_application_code(module: str) -> bool:
    # `..` leaves the migrations package for the app itself.
    return module.startswith("..") or module.split(".")[0] in APPS


@pytest.mark.parametrize("path", MIGRATIONS, ids=lambda path: f"{path.parent.parent.name}/{path.stem}")
def test_migration_imports_no_application_code(path):
    ours = {module for module in _imported_modules(path) if _is_application_code(module)}
    assert not ours, f"{path.name} importerar {ours}; en migrering ska bära sin egen kod."


def _folded(statements: list[str]) -> list[str]:
    return [re.sub(r"\s+", " ", statement).strip() for statement in statements]


def test_newest_trigger_migration_installs_what_totals_sql_generates():
    """Per engine: a migration that rebuilds the entry table on SQLite puts back only that
    engine's triggers, so each list is compared with the newest migration that holds it."""
    followup_migrations = [
        importlib.import_module(f"followup.migrations.{path.stem}")
        for path in MIGRATIONS
        if path.parent.parent.name == "followup"
    ]
    for name in TRIGGER_SQL:
        newest = [module for module in followup_migrations if hasattr(module, name)][-1]
        assert _folded(getattr(newest, name)) == _folded(getattr(totals_sql, name)), (
            f"Skriv en ny migrering med `python -m followup.totals_sql` ({name}, senaste: {newest.__name__})."
        )


def test_newest_publications_trigger_migration_installs_what_data_version_sql_generates():
    publications_migrations = [
        importlib.import_module(f"publications.migrations.{path.stem}")
        for path in MIGRATIONS
        if path.parent.parent.name == "publications"
    ]
    for name in TRIGGER_SQL:
        newest = [module for module in publications_migrations if hasattr(module, name)][-1]
        assert _folded(getattr(newest, name)) == _folded(getattr(data_version_sql, name)), (
            f"Skriv en ny migrering med `python -m publications.data_version_sql` ({name})."
        )


def _migrate(database_url: str) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0", "--skip-checks"],
        cwd=ROOT,
        # Commits need not wait for the disk (PostgreSQL; SQLite ignores it): a scratch database.
        env={**os.environ, "DATABASE_URL": database_url, "PGOPTIONS": "-c synchronous_commit=off"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _totals_after_one_entry(connection) -> list[tuple[Decimal, int]]:
    cursor = connection.cursor()
    cursor.execute(INSERT_ENTRY)
    cursor.execute(READ_TOTALS)
    return [(Decimal(str(total)), count) for total, count in cursor.fetchall()]


def test_an_empty_sqlite_database_migrates_from_zero_with_its_triggers(tmp_path):
    database = tmp_path / "fresh.sqlite3"
    _migrate(f"sqlite:///{database}")
    with closing(sqlite3.connect(database)) as connection:
        assert _totals_after_one_entry(connection) == [(Decimal("1234.5"), 1)]


def _postgres_url() -> str:
    """The server this run uses when it runs on PostgreSQL, else CI's or the local one."""
    for url in (os.environ.get("DATABASE_URL", ""), os.environ.get("CI_POSTGRES_URL", "")):
        if url.startswith(("postgres://", "postgresql://")):
            return url
    return "postgres://root@127.0.0.1:5432/postgres"


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def scratch_postgres_url():
    """A new, empty PostgreSQL database for this test, dropped when the run ends: DROP
    DATABASE waits for a checkpoint (seconds on a busy server), and there it shares the one
    that the drop of the run's own test database waits for."""
    server = _with_database(_postgres_url(), "postgres")
    try:
        admin = psycopg.connect(server, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL nås inte ({error}); med CI=true måste testet köras.", pytrace=False)
        pytest.skip(f"PostgreSQL nås inte på {urlsplit(server).netloc}: {error}")
    name = f"fresh_migrate_{secrets.token_hex(4)}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield _with_database(server, name)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_an_empty_postgresql_database_migrates_from_zero_with_its_triggers(scratch_postgres_url):
    _migrate(scratch_postgres_url)
    with psycopg.connect(scratch_postgres_url) as connection:
        assert _totals_after_one_entry(connection) == [(Decimal("1234.50"), 1)]
