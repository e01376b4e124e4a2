"""Load benchmark: simulated users sign in and browse the portal for a fixed time.

Not a test (pytest does not collect it). `make load` starts gunicorn with production
settings on 127.0.0.1, loads the demo data and runs this with 50 users for 60 seconds.
Each user is a thread with its own connection and cookies: it fetches the sign-in page
for its CSRF token and signs in as a demo regional developer or the demo BHU member.
Users start at --spawn-rate per second (default one a second): a sign-in costs about
half a CPU-second by design (the password hash), so fifty at once would measure
nothing but hashing. Sign-ins are reported apart; once everyone is signed in, all
users request their PAGES_FOR list in turn without pause until the time is up. Prints
requests per second, latency percentiles and errors (any status but 200, a timeout, a
refused connection), and exits 1 on any error. Standard library only, so the benchmark
needs nothing beyond Python.
"""

import argparse
import http.client
import re
import statistics
import sys
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from dataclasses import dataclass, field

DEMO_PASSWORD = "vg2020-demo"  # noqa: S105 (the demo accounts in the README)
ACCOUNTS = ["utvecklare.vgr", "bhu"]

# ---------------------------------------------------------------------------------
# The pages each simulated user requests, in turn, at the addresses the portal links to
# (an address without its strategy is a redirect, which counts as an error here): the
# strategy, the reports of both strategies, the entry lists and the archive for
# everyone; the entry forms for regional developers only (BHU members get 403 there,
# by design). tests/ops/test_load_pages.py checks that each answers 200.
PAGES = [
    "/",
    "/vg2020/malomrade/1/",
    "/vg2020/kraftsamling/1/",
    "/vg2020/aktorer/vgr/",
    "/vg2020/uppfoljning/",
    "/vg2020/uppfoljning/?fran=2016&till=2018&malomrade=2",
    "/vg2020/uppfoljning/kraftsamling/1/",
    "/vg2020/uppfoljning/malomrade/3/",
    "/vg2020/uppfoljning/aktor/vgr/",
    "/vg2020/uppfoljning/insatser/?fran=2017&till=2017&aktor=vgr",
    "/vg2020/insatser/?year=2016",
    "/vg2020/arsrapporter/",
    "/vg2030/uppfoljning/",
    "/vg2030/insatser/?year=2024",
]
PAGES_FOR = {
    "utvecklare.vgr": [*PAGES, "/vg2030/insatser/ny/?year=2024", "/vg2030/insatser/kopiera/?year=2024"],
    "bhu": PAGES,
}
# ---------------------------------------------------------------------------------

LOGIN_PATH = "/konto/logga-in/"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    by_page: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, page: str, seconds: float, status: int | None, problem: str | None = None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.by_page[page].append(seconds)
            if status is not None:
                self.statuses[status] += 1
            if problem:
                self.errors[f"{page}: {problem}"] += 1


class User:
    """One simulated person: a connection, a cookie jar, a sign-in."""

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.connection = http.client.HTTPConnection(host, port, timeout=timeout)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            self.connection.close()  # reconnect on the next request
            raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie_name, _, rest = value.partition("=")
                self.cookies[cookie_name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        return response.status, text

    def sign_in(self, username: str) -> None:
        status, html = self.request("GET", LOGIN_PATH)
        match = CSRF_FIELD.search(html)
        if status != 200 or not match:
            raise RuntimeError(f"inloggningssidan svarade {status} utan CSRF-token")
        form = urllib.parse.urlencode(
            {"username": username, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": match.group(1)}
        )
        status, _ = self.request("POST", LOGIN_PATH, form)
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"inloggningen som {username} misslyckades ({status})")


def run_user(
    index: int, args: argparse.Namespace, start: threading.Barrier, sign_ins: Results, results: Results
) -> None:
    user = User(args.host, args.port, args.timeout)
    username = ACCOUNTS[index % len(ACCOUNTS)]
    started = time.perf_counter()
    signed_in = True
    try:
        user.sign_in(username)
        sign_ins.record(LOGIN_PATH, time.perf_counter() - started, 302)
    except (OSError, http.client.HTTPException, RuntimeError) as error:
        sign_ins.record(LOGIN_PATH, time.perf_counter() - started, None, f"inloggning: {error}")
        signed_in = False
    start.wait()  # the measured period begins when every user has signed in
    deadline = time.perf_counter() + args.seconds
    step = index  # users start at different pages
    while signed_in and time.perf_counter() < deadline:
        pages = PAGES_FOR[username]
        page = pages[step % len(pages)]
        step += 1
        started = time.perf_counter()
        try:
            status, _ = user.request("GET", page)
        except (OSError, http.client.HTTPException) as error:
            results.record(page, time.perf_counter() - started, None, type(error).__name__)
            continue
        problem = None if status == 200 else f"status {status}"
        results.record(page, time.perf_counter() - started, status, problem)


def wait_until_up(host: str, port: int, seconds: float) -> None:
    until = time.monotonic() + seconds
    while True:
        try:
            connection = http.client.HTTPConnection(host, port, timeout=2)
            connection.request("GET", "/halsa/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > until:
            sys.exit(f"Portalen svarar inte på http://{host}:{port}/halsa/")
        time.sleep(0.5)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(sign_ins: Results, results: Results, args: argparse.Namespace, elapsed: float) -> None:
    count = len(results.latencies)
    ms = [value * 1000 for value in results.latencies]
    sign_in_ms = [value * 1000 for value in sign_ins.latencies]
    print(f"\nInloggningar:    {len(sign_in_ms)} ({args.spawn_rate:g} nya användare per sekund)", end="")
    if sign_in_ms:
        print(f", svarstid p50 {percentile(sign_in_ms, 0.5):.0f} ms, max {max(sign_in_ms):.0f} ms", end="")
    print(f", fel {sum(sign_ins.errors.values())}")
    for problem, number in sign_ins.errors.most_common():
        print(f"    {problem}: {number}")
    print(f"\nBelastningstest: {args.users} användare i {elapsed:.0f} s mot http://{args.host}:{args.port}")
    print(f"Förfrågningar:   {count} ({count / elapsed:.1f} per sekund)")
    if ms:
        print(
            f"Svarstid (ms):   p50 {percentile(ms, 0.50):.0f}, p90 {percentile(ms, 0.90):.0f}, "
            f"p95 {percentile(ms, 0.95):.0f}, "
            f"p99 {percentile(ms, 0.99):.0f}, max {max(ms):.0f}, medel {statistics.fmean(ms):.0f}"
        )
    print(f"Statuskoder:     {dict(sorted(results.statuses.items()))}")
    print(f"Fel:             {sum(results.errors.values())}")
    for problem, number in results.errors.most_common():
        print(f"    {problem}: {number}")
    print("\nPer sida (antal, p50 / p90 ms):")
    for page, latencies in sorted(results.by_page.items()):
        page_ms = [value * 1000 for value in latencies]
        p50, p90 = percentile(page_ms, 0.5), percentile(page_ms, 0.9)
        print(f"    {page:40} {len(page_ms):6}  {p50:5.0f} / {p90:5.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--spawn-rate", type=float, default=1, help="users started per second")
    parser.add_argument(
        "--timeout", type=float, default=30, help="seconds before a request counts as an error"
    )
    args = parser.parse_args()
    if not (1 <= args.users <= 500 and 1 <= args.seconds <= 3600 and args.spawn_rate > 0):
        parser.error("1–500 användare, 1–3600 sekunder och en positiv takt")

    wait_until_up(args.host, args.port, seconds=60)
    sign_ins, results = Results(), Results()
    measured_from: list[float] = []
    start = threading.Barrier(args.users, action=lambda: measured_from.append(time.perf_counter()))
    threads = [
        threading.Thread(target=run_user, args=(index, args, start, sign_ins, results), daemon=True)
        for index in range(args.users)
    ]
    for thread in threads:
        thread.start()
        time.sleep(1 / args.spawn_rate)
    sign_in_bound = args.users * (2 * args.timeout + 1)
    for thread in threads:
        thread.join(timeout=sign_in_bound + args.seconds + args.timeout)
    if any(thread.is_alive() for thread in threads) or not measured_from:
        sys.exit("Belastningstestet blev inte klart i tid")
    report(sign_ins, results, args, time.perf_counter() - measured_from[0])
    sys.exit(1 if results.errors or sign_ins.errors else 0)


if __name__ == "__main__":
    main()
