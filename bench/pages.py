"""`make bench` rows for issue 17 part 4: report pages with and without the page cache,
and requests per second under gunicorn against the health check.

- cached / uncached: median server time of each report page through Django's test client
  (production settings), once answered from the cache and once with the cache emptied
  before every request (the time an address costs the first time after a write);
- throughput: gunicorn with production settings and 2 workers, 8 connections for 15 s each,
  for `/halsa/`, the start page (anonymous) and the overview signed in as BHU; the ratio is
  against `/halsa/` in the same run. The load generator is standard-library threads, so it
  shares the cores with gunicorn, as wrk did in the issue's measurement.
"""

import http.client
import os
import secrets
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHED_TARGET = 0.015
UNCACHED_TARGET = 0.040
RATIO_TARGET = 0.5
THROUGHPUT_PORT = int(os.environ.get("BENCH_PORT", "8765"))
THROUGHPUT_SECONDS = int(os.environ.get("BENCH_THROUGHPUT_SECONDS", "15"))
THROUGHPUT_CONNECTIONS = 8
THROUGHPUT_WORKERS = 2


def _pages() -> list[tuple[str, str]]:
    from django.urls import reverse

    return [
        ("översikt", reverse("followup:report_overview")),
        ("kraftsamling 1", reverse("followup:report_focus_area", args=[1])),
        ("aktör VGR", reverse("followup:report_actor", args=["vgr"])),
    ]


def measure_cached_pages(client, rows: list[dict], size: int, timed) -> None:
    """Each report page cached and uncached, against the targets of issue 17."""
    from django.core.cache import cache

    for name, url in _pages():

        def get(url=url) -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        def uncached(get=get) -> None:
            cache.clear()
            get()

        for label, function, target in (
            ("cachad", get, CACHED_TARGET),
            ("ocachad", uncached, UNCACHED_TARGET),
        ):
            seconds = timed(function)
            rows.append(
                {
                    "entries": size,
                    "what": f"rapportsida {label}: {name}",
                    "seconds": seconds,
                    "floor": None,
                    "queries": None,
                    "memory": None,
                    "goal": f"≤ {target * 1000:.0f} ms",
                    "met": seconds <= target,
                }
            )


def _hammer(path: str, cookie: str | None, seconds: float) -> tuple[int, int]:
    """(answered 200, other) from THROUGHPUT_CONNECTIONS threads asking without pause."""
    deadline = time.monotonic() + seconds
    counts = [[0, 0] for _ in range(THROUGHPUT_CONNECTIONS)]
    headers = {"Cookie": cookie} if cookie else {}

    def run(count: list[int]) -> None:
        while time.monotonic() < deadline:
            connection = http.client.HTTPConnection("127.0.0.1", THROUGHPUT_PORT, timeout=30)
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                count[0 if response.status == 200 else 1] += 1
            except OSError:
                count[1] += 1
            finally:
                connection.close()

    threads = [threading.Thread(target=run, args=(count,)) for count in counts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(count[0] for count in counts), sum(count[1] for count in counts)


def _wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/halsa/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn svarade inte på port {port}")


def measure_throughput(reader, rows: list[dict], size: int) -> None:
    """Requests per second under gunicorn for /halsa/, the start page and the overview."""
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from strategy.addresses import unscoped_reverse

    client = Client()
    client.force_login(reader)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    env = {
        **os.environ,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": settings.SECRET_KEY or secrets.token_urlsafe(64),
    }
    server = subprocess.Popen(  # noqa: S603 (our own gunicorn, fixed arguments)
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "vg2020.wsgi",
            "--bind",
            f"127.0.0.1:{THROUGHPUT_PORT}",
            "--workers",
            str(THROUGHPUT_WORKERS),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        _wait_for(THROUGHPUT_PORT)
        measured = {}
        for name, path, session in (
            ("/halsa/", unscoped_reverse("ops:health"), None),
            ("startsidan, anonym", unscoped_reverse("strategy:home"), None),
            ("översikten som BHU", reverse("followup:report_overview"), cookie),
        ):
            _hammer(path, session, 2)  # warm-up: imports, templates, the cache
            answered, other = _hammer(path, session, THROUGHPUT_SECONDS)
            assert other == 0, (path, other)
            measured[name] = answered / THROUGHPUT_SECONDS
    finally:
        server.terminate()
        server.wait(timeout=30)
    health = measured["/halsa/"]
    for name, per_second in measured.items():
        ratio = per_second / health
        rows.append(
            {
                "entries": size,
                "what": f"anrop/s: {name}",
                "seconds": per_second,
                "floor": health,
                "queries": None,
                "memory": None,
                "goal": "" if name == "/halsa/" else f"≥ {RATIO_TARGET}× /halsa/",
                "met": None if name == "/halsa/" else ratio >= RATIO_TARGET,
            }
        )
