"""Load benchmark (issue 8): 50 simulated staff for 60 seconds against gunicorn on loopback.

    .venv/bin/python benchmarks/load.py [--users 50] [--seconds 60] [--workers 4]
                                        [--children-each 30] [--postgres URL] [--no-sqlite]

For each database (a fresh SQLite file; PostgreSQL when ``--postgres URL`` is given, or
DATABASE_URL is set: a fresh database is created there and dropped afterwards) it migrates,
seeds one chair per simulated user with their own caseload of looked-after children, starts
gunicorn on 127.0.0.1 and lets every user, each on their own keep-alive connection and session:

* browse their caseload (``/reviews/caseload/``) and the reviews-due list,
* open one of their children (``/children/<pk>/``, which writes the hash-chained access log),
* record that child's pending review (GET the form, POST it with its CSRF token and version).

It prints requests per second, median and 95th percentile latency, the error count (any
status other than the expected one, any exception or timeout) and checks for lost writes: the
reviews the clients saw recorded must equal the reviews held in the database afterwards.
Two-factor sign-in is switched off for the simulated staff (IRO_REQUIRE_2FA=0): it is not
what is measured. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode, urlparse
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PASSWORD = "load-test-password-42"  # noqa: S105 (a throwaway database)
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION_INPUT = re.compile(r'name="version" value="(\d+)"')
RECORD_LINK = re.compile(r'href="/reviews/(\d+)/record/"')


def today() -> date:
    return datetime.now(ZoneInfo("Europe/London")).date()  # the service's TIME_ZONE


# --- seeding (runs in a child process with the target database's environment) ---------------


def seed(users: int, children_each: int) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iro_tracker.settings")
    django.setup()
    from django.db import transaction

    from iro_tracker.accounts.models import User
    from iro_tracker.children.models import Allocation, CareEpisode, Child
    from iro_tracker.reviews.scheduling import refresh_schedules

    start = today() - timedelta(days=730)
    with transaction.atomic():
        User.objects.create_user("manager", password=PASSWORD, role="manager")
        for u in range(users):
            iro = User.objects.create_user(
                f"iro{u}", password=PASSWORD, role="chair", is_iro=True, first_name=f"Iro{u}"
            )
            for c in range(children_each):
                child = Child.objects.create(
                    local_id=f"L{u}-{c}",
                    first_name=f"Child{c}",
                    last_name=f"Of{u}",
                    date_of_birth=date(2010, 1, 1) + timedelta(days=c * 37),
                    sex="M" if c % 2 else "F",
                    ethnicity="WBRI",
                )
                CareEpisode.objects.create(
                    child=child, decom=start, rne="S", ls="C2", place="U4", place_provider="PR1"
                )
                Allocation.objects.create(child=child, iro=iro, start_date=start)
        refresh_schedules(Child.objects.values_list("pk", flat=True))


def held_count() -> int:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iro_tracker.settings")
    django.setup()
    from iro_tracker.reviews.models import Review, Status

    return Review.objects.filter(status=Status.HELD).count()


# --- the simulated staff ---------------------------------------------------------------------


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    recorded: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Staff:
    """One signed-in chair on one keep-alive connection, with their own cookies."""

    def __init__(self, port: int, username: str, stats: Stats, rng: random.Random):
        self.port, self.username, self.stats, self.rng = port, username, stats, rng
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.children: list[int] = []
        self.next_held: dict[int, date] = {}

    def request(self, method, path, body=None, expect=(200,), timed=True):
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        began = time.perf_counter()
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as error:
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            with self.stats.lock:
                self.stats.errors.append(f"{method} {path}: {error!r}")
            return None, ""
        elapsed = time.perf_counter() - began
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        with self.stats.lock:
            if timed:
                self.stats.latencies.append(elapsed)
            if response.status not in expect:
                self.stats.errors.append(f"{method} {path}: HTTP {response.status}")
        return response, text

    def sign_in(self) -> bool:
        _, page = self.request("GET", "/login/", timed=False)
        token = CSRF_INPUT.search(page)
        body = urlencode(
            {"csrfmiddlewaretoken": token.group(1) if token else "", "username": self.username}
            | {"password": PASSWORD, "next": "/reviews/caseload/"}
        )
        response, _ = self.request("POST", "/login/", body, expect=(302,), timed=False)
        if response is None or response.status != 302:
            return False
        _, caseload = self.request("GET", "/reviews/caseload/", timed=False)
        self.children = sorted({int(pk) for pk in re.findall(r'href="/children/(\d+)/"', caseload)})
        return bool(self.children)

    def browse(self) -> None:
        self.request("GET", "/reviews/caseload/" if self.rng.random() < 0.7 else "/reviews/due/")

    def open_child(self) -> str:
        pk = self.rng.choice(self.children)
        _, page = self.request("GET", f"/children/{pk}/")
        return page

    def record_review(self) -> None:
        pk = self.rng.choice(self.children)
        _, page = self.request("GET", f"/children/{pk}/")
        link = RECORD_LINK.search(page)
        if link is None:
            return
        review = link.group(1)
        _, form = self.request("GET", f"/reviews/{review}/record/")
        token, version = CSRF_INPUT.search(form), VERSION_INPUT.search(form)
        if token is None or version is None:
            with self.stats.lock:
                self.stats.errors.append(f"record form {review}: no token or version")
            return
        # Each record is one day after the last, from 10 days into the period: never late,
        # never two on one date, always in the past.
        held = self.next_held.get(pk, today() - timedelta(days=720))
        self.next_held[pk] = held + timedelta(days=1)
        body = urlencode(
            {
                "csrfmiddlewaretoken": token.group(1),
                "version": version.group(1),
                "held_date_0": held.day,
                "held_date_1": held.month,
                "held_date_2": held.year,
                "participation": "PN1",
                "chair": self.user_pk(form),
            }
        )
        response, text = self.request("POST", f"/reviews/{review}/record/", body, expect=(302,))
        if response is not None and response.status == 302:
            with self.stats.lock:
                self.stats.recorded += 1
        elif response is not None:
            problem = re.search(r'govuk-error-summary__list">(.*?)</ul>', text, re.S)
            with self.stats.lock:
                self.stats.errors.append(
                    f"record {review}: {problem.group(1)[:200] if problem else ''}"
                )

    def user_pk(self, form: str) -> str:
        chosen = re.search(r'<option value="(\d+)" selected>', form)
        return chosen.group(1) if chosen else ""

    def run(self, until: float) -> None:
        if not self.sign_in():
            with self.stats.lock:
                self.stats.errors.append(f"{self.username} could not sign in")
            return
        while time.monotonic() < until:
            roll = self.rng.random()
            if roll < 0.45:
                self.browse()
            elif roll < 0.85:
                self.open_child()
            else:
                self.record_review()
            time.sleep(self.rng.uniform(0.0, 0.05))  # a little think time, jittered


# --- orchestration ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def run_one(label: str, env: dict, args) -> dict:
    python = sys.executable
    here = str(Path(__file__).resolve())
    print(
        f"\n== {label}: migrating and seeding {args.users} chairs x {args.children_each} children"
    )
    subprocess.run([python, "-m", "iro_tracker.cli", "migrate", "-v0"], env=env, check=True)
    subprocess.run(
        [python, here, "--seed-only", str(args.users), str(args.children_each)], env=env, check=True
    )
    port = free_port()
    gunicorn = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "iro_tracker.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(args.threads),
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        wait_for(port)
        stats = Stats()
        until = time.monotonic() + args.seconds
        staff = [Staff(port, f"iro{u}", stats, random.Random(u)) for u in range(args.users)]
        threads = [threading.Thread(target=s.run, args=(until,)) for s in staff]
        began = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - began
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
    in_db = int(
        subprocess.run(
            [python, here, "--count-held"], env=env, check=True, capture_output=True, text=True
        ).stdout.strip()
    )
    lat = sorted(stats.latencies)
    result = {
        "label": label,
        "requests": len(lat),
        "rps": len(lat) / elapsed,
        "median_ms": statistics.median(lat) * 1000 if lat else 0,
        "p95_ms": lat[int(len(lat) * 0.95) - 1] * 1000 if lat else 0,
        "errors": len(stats.errors),
        "recorded": stats.recorded,
        "in_db": in_db,
    }
    print(
        f"{label}: {result['requests']} requests in {elapsed:.1f} s = {result['rps']:.1f}"
        f" req/s; median {result['median_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms;"
        f" errors {result['errors']}"
    )
    lost = "none lost" if in_db == stats.recorded else "MISMATCH: writes lost or invented"
    print(
        f"{label}: reviews recorded by clients {stats.recorded}, held in database {in_db}: {lost}"
    )
    for error in stats.errors[:10]:
        print("   ", error)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--children-each", type=int, default=30)
    parser.add_argument("--postgres", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--seed-only", nargs=2, type=int, help=argparse.SUPPRESS)
    parser.add_argument("--count-held", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed_only:
        seed(*args.seed_only)
        return
    if args.count_held:
        print(held_count())
        return

    base = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    base.update(
        DJANGO_SETTINGS_MODULE="iro_tracker.settings",
        DEBUG="0",
        IRO_REQUIRE_2FA="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PYTHONPATH=str(ROOT),
    )
    results = []
    tmp = Path(tempfile.mkdtemp(prefix="iro-load-"))
    try:
        if not args.no_sqlite:
            env = {**base, "IRO_SQLITE_PATH": str(tmp / "load.sqlite3"), "IRO_VAR_DIR": str(tmp)}
            results.append(run_one("SQLite", env, args))
        if args.postgres:
            results.append(run_postgres(base, args, tmp))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    failed = [r for r in results if r["errors"] or r["recorded"] != r["in_db"]]
    sys.exit(1 if failed else 0)


def run_postgres(base: dict, args, tmp: Path) -> dict:
    import psycopg

    url = urlparse(args.postgres)
    name = f"iro_load_{os.getpid()}"
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        env = {**base, "DATABASE_URL": url._replace(path=f"/{name}").geturl()}
        env["IRO_VAR_DIR"] = str(tmp)
        return run_one("PostgreSQL", env, args)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
