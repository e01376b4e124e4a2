"""`make bench`: report pages, exports (Excel, CSV, JSON) and Excel import at 1 thousand,
100 thousand and 1 million entries in PostgreSQL, each against its floor, printed as a table.

Floors:
- report page: the same breakdowns as raw SQL GROUP BY queries over the entry table;
- export: openpyxl's write-only mode, `csv.writer` and `json.dumps` writing the same
  rows straight from the same cursor (bench/exports.py);
- import: openpyxl's read-only mode plus bulk_create of the same rows.

It uses its own database (BENCH_DATABASE_URL, default vg2020_bench on the local
PostgreSQL), which it creates, migrates and fills; nothing else is touched.
"""

import gc
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
        "IMPORT_MAX_ROWS": str(max(IMPORT_ROWS, 5000)),
        "UPLOAD_MAX_BYTES": str(50 * 1024 * 1024),
        "IMPORT_MAX_SECONDS": "600",
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


# The breakdowns a report page shows, as raw SQL over the entry table: the floor.
FLOOR_GROUPINGS = [
    [],
    ["goal_area_id"],
    ["priority_id"],
    ["focus_area_id"],
    ["funding_source"],
    ["actor_id", "focus_area_id"],
    ["actor_id", "goal_area_id"],
]


def raw_group_by(year_ids: list[int], where: str = "") -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for columns in FLOOR_GROUPINGS:
            group = ", ".join([*columns, "reporting_year_id"])
            cursor.execute(
                f"SELECT {group}, SUM(amount), COUNT(*), SUM(total_project_size), "
                "SUM(amount) FILTER (WHERE total_project_size IS NOT NULL) "
                f"FROM followup_spendingentry WHERE reporting_year_id = ANY(%s) {where} GROUP BY {group}",
                [year_ids],
            )
            cursor.fetchall()


def measure_pages(client, rows: list[dict], size: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from followup.models import ReportingYear
    from strategy.models import Actor, FocusArea

    year_ids = list(ReportingYear.objects.values_list("pk", flat=True))
    focus = FocusArea.objects.get(strategy__slug="vg2020", number=1)
    actor = Actor.objects.get(slug="vgr")
    pages = [
        ("översikt", reverse("followup:report_overview"), ""),
        (
            "kraftsamling 1",
            reverse("followup:report_focus_area", args=[1]),
            f"AND focus_area_id = {focus.pk}",
        ),
        ("aktör VGR", reverse("followup:report_actor", args=["vgr"]), f"AND actor_id = {actor.pk}"),
    ]
    for name, url, where in pages:

        def get(url=url):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        with CaptureQueriesContext(connection) as queries:
            get()
        query_count = len(queries)  # now: the captured slice is read from the live log
        seconds = timed(get)
        floor = timed(lambda where=where: raw_group_by(year_ids, where))
        rows.append(
            {
                "entries": size,
                "what": f"rapportsida: {name}",
                "seconds": seconds,
                "floor": floor,
                "queries": query_count,
                "memory": None,
            }
        )


def _goal(row: dict) -> str:
    """A row's target from issue 17 and whether this run met it ("" when it has none)."""
    if not row.get("goal"):
        return ""
    return f"{row['goal']}: {'ja' if row['met'] else 'NEJ'}"


def print_table(rows: list[dict]) -> None:
    print()
    heading = f"{'insatser':>10}  {'vad':<38} {'tid (s)':>9} {'golv (s)':>9} {'kvot':>6} {'frågor':>7}"
    print(f"{heading}  {'mål':<26} minne (topp)")
    for row in rows:
        ratio = f"{row['seconds'] / row['floor']:>6.2f}" if row["floor"] else f"{'':>6}"
        floor = f"{row['floor']:>9.3f}" if row["floor"] else f"{'':>9}"
        queries = "" if row["queries"] is None else str(row["queries"])
        memory = ""
        if row["memory"]:
            ours, floor_memory = row["memory"]
            memory = f"{ours / 2**20:.1f} MiB (golv {floor_memory / 2**20:.1f} MiB)"
        print(
            f"{row['entries']:>10}  {row['what']:<38} {row['seconds']:>9.3f} {floor} "
            f"{ratio} {queries:>7}  {_goal(row):<26} {memory}"
        )
    print()
    print("Golv: rapportsida = samma uppdelningar som rå SQL GROUP BY över insatstabellen; export =")
    print("openpyxl write-only, csv.writer och json.dumps direkt från samma cursor som exporten;")
    print("import = openpyxl read-only + bulk_create (vår: läsning, förhandsgranskning och")
    print("bekräftelse som vyerna gör dem).")
    print("Rapportsida cachad/ocachad: serverns tid med sidcachen och med cachen tömd före varje anrop.")
    print("Anrop/s: gunicorn med produktionsinställningar och 2 arbetare, 8 anslutningar i 15 s var;")
    print("golvet och kvoten är mot /halsa/ i samma körning.")


def main() -> None:
    import platform

    import django

    django.setup()
    from django.urls import set_script_prefix

    # The synthetic entries are VG2020's (2014–2020): every page the benchmark asks for is
    # at its VG2020 address, as the portal links to it (VG2030, in force, would redirect).
    set_script_prefix("/vg2020/")
    create_database()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from django.test import Client

    from bench.data import replace_entries
    from bench.exports import measure_export
    from bench.imports import measure_import
    from bench.lists import measure_lists
    from bench.pages import measure_cached_pages, measure_throughput
    from strategy.models import Actor, ActorMembership

    call_command("migrate", verbosity=0)
    # Production settings serve hashed static files, so the pages need the manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    reader, _ = User.objects.get_or_create(username="bench-bhu")
    reader.groups.add(Group.objects.get(name="BHU"))
    importer, _ = User.objects.get_or_create(username="bench-importer")
    importer.groups.add(Group.objects.get(name="Regionutvecklare"))
    ActorMembership.objects.get_or_create(user=importer, actor=Actor.objects.get(slug="brg"))
    client = Client()
    client.force_login(reader)
    # One persistent connection, as a server with CONN_MAX_AGE keeps; closing it after
    # each request would also hide the queries from the count.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)

    print(f"Maskin: {platform.machine()}, {os.cpu_count()} kärnor, Python {platform.python_version()}")
    rows: list[dict] = []
    for size in SIZES:
        start = time.perf_counter()
        replace_entries(size)
        print(f"{size} insatser skapade på {time.perf_counter() - start:.1f} s", flush=True)
        measure_pages(client, rows, size)
        measure_cached_pages(client, rows, size, timed)
        if size == min(SIZES):
            measure_throughput(reader, rows, size)
        measure_lists(client, rows, size, timed=timed)
        if size >= EXPORT_ROWS or size == max(SIZES):
            measure_export(rows, size, export_rows=EXPORT_ROWS, timed=timed, peak_memory=peak_memory)
        measure_import(rows, size, importer, import_rows=IMPORT_ROWS)
        print_table([row for row in rows if row["entries"] == size])
    print_table(rows)


if __name__ == "__main__":
    main()
