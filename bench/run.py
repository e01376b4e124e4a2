"""`make bench`: report pages, Excel export and Excel import at 1 thousand, 100 thousand
and 1 million entries in PostgreSQL, each against its floor, printed as a table.

Floors:
- report page: the same breakdowns as raw SQL GROUP BY queries over the entry table;
- export: openpyxl's write-only mode writing the same rows straight from a cursor;
- import: openpyxl's read-only mode plus bulk_create of the same rows.

It uses its own database (BENCH_DATABASE_URL, default vg2020_bench on the local
PostgreSQL), which it creates, migrates and fills; nothing else is touched.
"""

import gc
import io
import os
import secrets
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BENCH_DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://root@127.0.0.1:5432/vg2020_bench")
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "1000,100000,1000000").split(",")]
EXPORT_ROWS = int(os.environ.get("BENCH_EXPORT_ROWS", "100000"))
IMPORT_ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "10000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))

os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "vg2020.settings",
        "DATABASE_URL": BENCH_DATABASE_URL,
        # Production settings, so templates are cached as they are when serving.
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "False",
        "LOG_LEVEL": "ERROR",
    }
)


def create_database() -> None:
    import psycopg
    from django.db import connection

    name = connection.settings_dict["NAME"]
    admin_params = {**connection.get_connection_params(), "dbname": "postgres"}
    with psycopg.connect(**admin_params, autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')


def timed(function: Callable[[], object], repeat: int = REPEAT) -> float:
    """Median seconds of `repeat` runs after one warm-up run."""
    function()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def peak_memory(function: Callable[[], object]) -> tuple[float, int]:
    """Seconds and peak Python heap bytes of one run."""
    gc.collect()
    tracemalloc.start()
    start = time.perf_counter()
    function()
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak
