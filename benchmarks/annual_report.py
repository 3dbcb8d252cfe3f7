"""Benchmark the annual report's figures (issue 4). Not part of the test suite.

    .venv/bin/python benchmarks/annual_report.py [--scale 20] [--repeat 3] [--database]

Builds ``rules.metrics.tests.synthetic.synthetic_snapshot`` for one authority (2,500
children over 2011-2020: about 800 looked after at 31 March 2019, 1,000 during 2018-19,
15,000 reviews) and for a
data set ``--scale`` times that size, then prints, for each, the time to compute the JSON
of ``iro report annual --format json`` from the snapshot (``annual_report`` + ``json.dumps``),
the same with last year's figures beside it (what the report page computes), and the time
to build the snapshot itself. Each timing is the best of ``--repeat`` runs on a fresh
snapshot (nothing cached from the run before), as elapsed time and as this process's CPU
time (which other work on a shared machine does not inflate). ``--database`` also times ``iro report
annual --format json`` end to end on the configured database (the demo's, after
``iro demo``), queries included.

Targets (2-core machine): one authority under 1 second, 20 times that under 10 seconds.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from iro_tracker.rules.metrics import annual_report, annual_report_with_previous  # noqa: E402
from iro_tracker.rules.metrics.tests.synthetic import synthetic_snapshot  # noqa: E402

AUTHORITY = 2500  # synthetic children over nine years: about 800 looked after in 2018-19
YEAR = 2018
TARGETS = {1: 1.0, 20: 10.0}


def _best(repeat: int, make, run) -> tuple[float, float, object]:
    """The best elapsed and CPU seconds of ``run(make())`` over ``repeat`` runs."""
    best, best_cpu, result = float("inf"), float("inf"), None
    for _ in range(repeat):
        subject = make()
        started, cpu = time.perf_counter(), time.process_time()
        result = run(subject)
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return best, best_cpu, result


def bench(scale: int, repeat: int) -> None:
    n = AUTHORITY * scale
    build, _, snapshot = _best(1, lambda: None, lambda _: synthetic_snapshot(n, seed=1))
    lac = annual_report(snapshot, YEAR)["children_looked_after"]
    json_time, json_cpu, text = _best(
        repeat,
        lambda: synthetic_snapshot(n, seed=1),
        lambda s: json.dumps(annual_report(s, YEAR)),
    )
    both_time, both_cpu, _ = _best(
        repeat,
        lambda: synthetic_snapshot(n, seed=1),
        lambda s: json.dumps(annual_report_with_previous(s, YEAR)),
    )
    target = TARGETS.get(scale)
    verdict = ""
    if target is not None:
        verdict = f"  target < {target:.0f} s: {'met' if json_time < target else 'MISSED'}"
    year = f"{YEAR}-{(YEAR + 1) % 100:02d}"
    print(
        f"x{scale:<3} {len(snapshot.children):>7,} children, {len(snapshot.episodes):>7,}"
        f" episodes, {len(snapshot.reviews):>8,} reviews; {lac['at_year_end']:>6,} looked after"
        f" at the end of {year}, {lac['during_year']:,} during it"
    )
    print(
        f"      JSON of the year                {json_time:6.2f} s ({json_cpu:5.2f} s CPU){verdict}"
    )
    print(f"      with the year before beside it  {both_time:6.2f} s ({both_cpu:5.2f} s CPU)")
    print(f"      building the synthetic snapshot {build:6.2f} s (not part of the figure)")
    print(f"      ({len(text):,} bytes of JSON)")


def bench_database(repeat: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iro_tracker.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from iro_tracker.children.models import Child

    if not Child.objects.exists():
        print("database: no children (run `iro demo` first); skipped")
        return
    best = float("inf")
    for _ in range(repeat):
        out = io.StringIO()
        started = time.perf_counter()
        call_command("report", "annual", "--year", str(YEAR), "--format", "json", stdout=out)
        best = min(best, time.perf_counter() - started)
    figures = json.loads(out.getvalue())["children_looked_after"]
    print(
        f"database ({connection.vendor}): `iro report annual --format json` {best:.2f} s,"
        f" queries included; {figures['during_year']:,} looked after during {YEAR}-{YEAR + 1}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=20, help="the larger data set, as a multiple")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (the best is shown)")
    parser.add_argument(
        "--database", action="store_true", help="also time the command on the database"
    )
    args = parser.parse_args()
    print(f"annual report figures, {os.cpu_count()} CPUs, best of {args.repeat}")
    bench(1, args.repeat)
    bench(args.scale, max(1, args.repeat // 2) if args.scale > 5 else args.repeat)
    if args.database:
        bench_database(args.repeat)


if __name__ == "__main__":
    main()
