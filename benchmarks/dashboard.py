"""Benchmark the Safeguarding Unit dashboard at ten times the demo authority's size.

    .venv/bin/python benchmarks/dashboard.py [--clients 20] [--seconds 30] [--workers 3]

Builds a temporary, migrated SQLite database with about 8,000 looked-after children (and
their episodes, allocations and reviews), 130 chairs and ten times the demo's child
protection work, then serves the app with gunicorn on 127.0.0.1 only and measures, with a
small threaded client on loopback, the latency of the dashboard (signed in as a manager
through a session created directly) beside the same server's latency for a trivial page
(the sign-in form): the floor. Targets: dashboard p95 under 300 ms and under 10 times the
floor's. Everything is removed afterwards. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
HOST = "127.0.0.1"  # loopback only
MAX_REQUESTS_PER_CLIENT = 100_000  # a bound on every client's loop besides the deadline


def _setup_django(tmp: Path) -> dict[str, str]:
    env = {
        "IRO_VAR_DIR": str(tmp),
        "IRO_SQLITE_PATH": str(tmp / "bench.sqlite3"),
        "DEBUG": "",
        "ALLOWED_HOSTS": HOST,
        "DJANGO_SETTINGS_MODULE": "iro_tracker.settings",
        "LOG_LEVEL": "ERROR",
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return env


def _bulk(model, objects):
    created = model.objects.bulk_create(objects, batch_size=2000)
    model.history.bulk_history_create(created, batch_size=2000, default_change_reason="Bench")
    return created


def build(scale: int, seed: int = 2019):
    """About ``800 * scale`` looked-after children, ``13 * scale`` chairs, their reviews, and
    ``scale`` times the demo's child protection work over the last two years."""
    from django.utils import timezone

    from iro_tracker.accounts.models import Team, User
    from iro_tracker.children.models import Allocation, CareEpisode, Child, Source
    from iro_tracker.conferences.demo import generate_cp_activity
    from iro_tracker.reviews.models import Review, Status
    from iro_tracker.rules.timescales import next_review_due

    rng = random.Random(seed)
    today = timezone.localdate()
    teams = [Team.objects.create(name=f"Locality {n}") for n in ("North", "Central", "South")]
    chairs = _bulk(
        User,
        [
            User(
                username=f"chair{i:03d}",
                first_name="Chair",
                last_name=f"{i:03d}",
                role="chair",
                is_iro=True,
                is_cpa=rng.random() < 0.85,
                fte=Decimal(rng.choice(("1.00", "1.00", "0.80", "0.60"))),
                started_on=date(2010, 1, 1),
            )
            for i in range(13 * scale)
        ],
    )
    manager = User.objects.create_user("bench-manager", role="manager", password=None)
    children, episodes, plans = [], [], []
    for i in range(800 * scale):
        start = today - timedelta(days=rng.randint(20, 4 * 365))
        end = None if rng.random() < 0.77 else start + timedelta(days=rng.randint(30, 900))
        end = end if end is None or end < today else None
        dob = start - timedelta(days=rng.randint(100, 16 * 365))
        children.append(
            Child(
                local_id=f"Z{i:06d}",
                first_name=f"Child{i}",
                last_name=rng.choice(("Smith", "Jones", "Brown", "Taylor", "Wilson")),
                date_of_birth=dob,
                sex=rng.choice("MF"),
                team=rng.choice(teams),
                source=Source.DEMO,
            )
        )
        plans.append((start, end, dob))
    children = _bulk(Child, children)
    allocations, reviews = [], []
    for child, (start, end, dob) in zip(children, plans, strict=True):
        episodes.append(
            CareEpisode(
                child=child,
                decom=start,
                dec=end,
                rne="S",
                ls="C2",
                place="U4",
                place_provider="PR1",
                rec="E13" if end else "",
                source=Source.DEMO,
            )
        )
        iro = rng.choice(chairs)
        allocations.append(
            Allocation(child=child, iro=iro, start_date=start + timedelta(days=3), end_date=end)
        )
        held: list[date] = []
        last = end or today
        while True:
            due = next_review_due(start, held)
            when = due.date - timedelta(days=rng.randint(0, 10))
            if rng.random() < 0.06:
                when = due.date + timedelta(days=rng.randint(1, 30))
            if when >= last:
                break
            age = (when - dob).days // 365
            code = "PN0" if age < 4 else rng.choice(("PN1", "PN1", "PN3", "PN6", "PN7"))
            reviews.append(
                Review(
                    child=child,
                    period_start=start,
                    sequence=len(held) + 1,
                    due_date=due.date,
                    due_explanation=due.explanation,
                    held_date=when,
                    status=Status.HELD,
                    participation=code,
                    chair=iro,
                    late_reason="TRAVEL" if when > due.date else "",
                    source=Source.DEMO,
                )
            )
            held.append(when)
        if end is None:
            booked = rng.random() < 0.3
            reviews.append(
                Review(
                    child=child,
                    period_start=start,
                    sequence=len(held) + 1,
                    due_date=due.date,
                    due_explanation=due.explanation,
                    status=Status.SCHEDULED if booked else Status.DUE,
                    scheduled_date=due.date - timedelta(days=3) if booked else None,
                    chair=iro if booked else None,
                    source=Source.DEMO,
                )
            )
    _bulk(CareEpisode, episodes)
    _bulk(Allocation, allocations)
    _bulk(Review, reviews)
    cp = generate_cp_activity(
        seed, today, children=Child.objects.all(), start=today - timedelta(days=730), scale=scale
    )
    sizes = {
        "children in care now": sum(1 for _, end, _ in plans if end is None),
        "children": Child.objects.count(),
        "chairs": len(chairs),
        "reviews": len(reviews),
        "conferences": cp.conferences,
        "children at conferences": cp.conference_children,
        "plans": cp.plans,
    }
    return manager, sizes


def session_cookie(user) -> str:
    """A signed-in session for ``user``, made directly (no password, no sign-in form)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _get(port: int, path: str, cookie: str | None) -> tuple[int, float]:
    headers = {"Host": f"{HOST}:{port}"}
    if cookie:
        headers["Cookie"] = cookie
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        status = response.status
    finally:
        conn.close()
    return status, time.perf_counter() - started


def load(port: int, path: str, cookie: str | None, clients: int, seconds: float) -> dict:
    """``clients`` threads requesting ``path`` back to back for ``seconds``."""
    deadline = time.monotonic() + seconds
    timings: list[list[float]] = [[] for _ in range(clients)]
    failures = [0] * clients

    def client(i: int) -> None:
        for _ in range(MAX_REQUESTS_PER_CLIENT):
            if time.monotonic() >= deadline:
                return
            status, elapsed = _get(port, path, cookie)
            if status == 200:
                timings[i].append(elapsed)
            else:
                failures[i] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done = sorted(x for per in timings for x in per)
    if not done:
        raise SystemExit(f"{path}: no successful requests ({sum(failures)} failed)")
    return {
        "requests": len(done),
        "failed": sum(failures),
        "per_second": len(done) / seconds,
        "median": statistics.median(done) * 1000,
        "p95": done[int(0.95 * (len(done) - 1))] * 1000,
        "max": done[-1] * 1000,
    }


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def serve(env: dict, workers: int):
    port = _free_port()
    command = [
        str(BIN / "gunicorn"),
        "iro_tracker.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, start_new_session=True)
    for _ in range(200):  # up to 20 s to start
        try:
            if _get(port, "/login/", None)[0] == 200:
                return server, port
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (2 cores)")
    parser.add_argument("--scale", type=int, default=10, help="times the demo's size")
    parser.add_argument(
        "--data", type=Path, help="keep the database in this directory and reuse it next time"
    )
    parser.add_argument(
        "--persistent-connections",
        action="store_true",
        help="keep each worker's database connection (as with DATABASE_URL in production)",
    )
    args = parser.parse_args()
    tmp = args.data or Path(tempfile.mkdtemp(prefix="iro-bench-"))
    reuse = args.data is not None and (tmp / "bench.sqlite3").exists()
    tmp.mkdir(parents=True, exist_ok=True)
    server = None
    try:
        started = time.perf_counter()
        env = _setup_django(tmp)
        if reuse:
            from iro_tracker.accounts.models import User

            manager = User.objects.get(username="bench-manager")
            print("Reusing the data in", tmp)
        else:
            manager, sizes = build(args.scale)
            print(f"Data built in {time.perf_counter() - started:.0f} s: {sizes}")
        cookie = session_cookie(manager)

        from django.utils import timezone

        from iro_tracker.dashboard.figures import compute

        started = time.perf_counter()
        compute(timezone.localdate())
        took = (time.perf_counter() - started) * 1000
        print(f"Dashboard figures computed from scratch in-process: {took:.0f} ms")

        if args.persistent_connections:
            # As in production with DATABASE_URL set (settings: conn_max_age=60), each worker
            # keeps its database connection instead of opening one per request.
            env["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
        server, port = serve(env, args.workers)
        # Each worker computes the figures once (and again after any change to the data):
        # concurrent first views reach every worker.
        warm = load(port, "/dashboard/", cookie, args.workers * 3, 1)
        print(f"First views (each worker computing once): max {warm['max']:.0f} ms")
        floor = load(port, "/login/", None, args.clients, args.seconds)
        dashboard = load(port, "/dashboard/", cookie, args.clients, args.seconds)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        if args.data is None:
            shutil.rmtree(tmp, ignore_errors=True)

    connections = "kept per worker" if args.persistent_connections else "one per request"
    print(f"\nDatabase connections: {connections}")
    print(
        f"\n{args.clients} clients for {args.seconds:.0f} s each, gunicorn {args.workers} workers,"
        f" {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    print(f"{'page':<22}{'requests':>9}{'req/s':>8}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}")
    for name, r in (("sign-in page (floor)", floor), ("dashboard (manager)", dashboard)):
        print(
            f"{name:<22}{r['requests']:>9}{r['per_second']:>8.1f}{r['median']:>11.1f}"
            f"{r['p95']:>9.1f}{r['max']:>9.1f}"
        )
    ratio = dashboard["p95"] / floor["p95"]
    ok = dashboard["p95"] < 300 and ratio < 10
    print(
        f"\ndashboard p95 {dashboard['p95']:.0f} ms = {ratio:.1f} x the floor's p95;"
        f" target under 300 ms and under 10 x: {'met' if ok else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
