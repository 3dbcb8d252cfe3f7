"""Benchmark the SSDA903 import at national scale (issue 3). Not part of the test suite.

    .venv/bin/python benchmarks/import_903.py [--scale 1.0] [--seed 903] [--postgres URL]
                                              [--keep DIR] [--no-sqlite]

Generates, deterministically, three collection years (2022-23 to 2024-25) in the DfE CSV
layout: about 110,000 children looked after during each year and 80,000 at its end (times
``--scale``). Consecutive years overlap as real returns do: children are carried over, and
an episode open at one year's end is closed in the next year's file. Then, each phase in a
fresh process so that its peak memory is its own, it prints:

* the floor: the time to parse the same CSV files with pandas, if importable, else with
  the csv module (which one is said);
* the time to read and validate them (the pure reader and ``check_year``);
* the time to import all three years in one run into a fresh, migrated SQLite file, and into
  PostgreSQL (``--postgres URL``, else DATABASE_URL, else a local server if one answers;
  a fresh database is created there and dropped afterwards);
* the time to import one authority's year (about 800 children) into SQLite.

Targets (2-core machine): three national years into SQLite in under 3 minutes and 2 GB;
one authority's year in under 2 seconds.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_YEAR, YEARS = 2022, 3
IN_CARE_AT_START, STARTERS_PER_YEAR = 80_000, 30_000  # England, rounded
STAY_DAYS = 1000  # mean stay, so that starters x stay ~ those in care at a year's end
AUTHORITY_SCALE = 0.0075  # about 800 children looked after in a year
COLUMNS = {
    "header": "CHILD SEX DOB ETHNIC UPN MOTHER MC_DOB",
    "episodes": "CHILD DECOM RNE LS CIN PLACE PLACE_PROVIDER DEC REC REASON_PLACE_CHANGE "
    "HOME_POST PL_POST URN",
    "reviews": "CHILD DOB REVIEW REVIEW_CODE",
    "uasc": "CHILD SEX DOB DUC",
    "oc2": "CHILD DOB SDQ_SCORE SDQ_REASON CONVICTED HEALTH_CHECK IMMUNISATIONS TEETH_CHECK "
    "HEALTH_ASSESSMENT SUBSTANCE_MISUSE INTERVENTION_RECEIVED INTERVENTION_OFFERED",
    "oc3": "CHILD DOB IN_TOUCH ACTIV ACCOM",
    "missing": "CHILD DOB MISSING MIS_START MIS_END",
    "previous_permanence": "CHILD DOB PREV_PERM LA_PERM DATE_PERM",
    "sw_episodes": "CHILD DOB SW_ID SW_DECOM SW_DEC SW_REASON",
}
ETHNIC = ["WBRI"] * 14 + "WOTH MWBC MWBA MWAS MOTH AIND APKN ABAN BCRB BAFR BOTH OOTH".split()
LEGAL = ["C2"] * 12 + ["C1"] * 3 + ["V2"] * 4 + ["E1"]
PLACES = ["U4", "U6", "U6", "U1", "U3", "U4", "K2", "R1", "P1", "U5"]
ACTIV = "F1 P1 F2 P2 F4 F5 G4 G5 G6".split()
ACCOM = "B1 C1 D1 E1 K1 T1 U1 S2".split()


def fmt(d: date | None) -> str:
    return "" if d is None else f"{d.day:02d}/{d.month:02d}/{d.year}"


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise ValueError(d)


class Child:
    """One child's whole period of care, sliced into each year's return by ``rows_for``."""

    def __init__(self, rng: random.Random, n: int, start: date, end_of_data: date):
        self.id = f"{n:07d}"
        self.sex = rng.choice("12")
        age = min(17, int(rng.triangular(0, 18, 14)))
        self.dob = start - timedelta(days=age * 365 + rng.randrange(365))
        self.eighteen = add_months(self.dob, 216)
        self.ethnic, self.upn = rng.choice(ETHNIC), f"A{rng.randrange(10**12):012d}"
        self.uasc = age >= 14 and rng.random() < 0.15
        self.cin = f"N{rng.choice('1111114458')}"
        stay = timedelta(days=int(rng.expovariate(1 / STAY_DAYS)) + 20)
        end: date | None = min(start + stay, self.eighteen)
        self.rec = self._reason(rng, end)
        if end > end_of_data:
            end, self.rec = None, ""
        self.start, self.end = start, end
        self.episodes = self._episodes(rng, start, end)
        self.reviews = self._reviews(rng, start, end or end_of_data)
        self.missing = self._missing(rng, start, end or end_of_data)

    def _reason(self, rng, end: date) -> str:
        if end >= self.eighteen:
            return rng.choice(["E17", "E5", "E8"])
        age = (end - self.dob).days // 365
        if age < 5 and rng.random() < 0.5:
            return "E11"
        if age >= 16 and rng.random() < 0.4:
            return rng.choice(["E5", "E6"])
        return rng.choice(["E4A", "E13", "E41", "E45", "E47", "E4B"])

    def _episodes(self, rng, start: date, end: date | None) -> list[list]:
        out, decom, rne, ls = [], start, "S", rng.choice(LEGAL)
        place = rng.choice(PLACES)
        while True:
            dec = decom + timedelta(days=int(rng.expovariate(1 / 420)) + 2)
            last = end is not None and dec >= end or end is None and dec > date(2025, 3, 31)
            if last:
                dec = end
            provider = "PR0" if place == "P1" else rng.choice(["PR1", "PR1", "PR4", "PR2"])
            urn = f"SC{rng.randrange(10**6):06d}" if place in ("K2", "R1") else ""
            nxt = "" if last else rng.choice("PPPLT")
            reason = "CARPL" if nxt in ("P", "T") else ""
            rec = self.rec if last else "X1"
            out.append([decom, rne, ls, place, provider, dec, rec if dec else "", reason, urn])
            if last:
                return out
            decom, rne = dec, nxt
            if nxt == "L":
                ls = "C2" if ls == "C1" else rng.choice(LEGAL)
            else:
                place = rng.choice(PLACES)

    def _reviews(self, rng, start: date, until: date) -> list[tuple[date, str]]:
        out, held = [], start + timedelta(days=rng.randrange(5, 26))
        gap = 3
        while held < until:
            code = "PN0" if held < add_months(self.dob, 48) else f"PN{rng.choice('1111223567')}"
            out.append((held, code))
            held = add_months(held, gap) - timedelta(days=rng.randrange(0, 20))
            gap = 6
        return out

    def _missing(self, rng, start: date, until: date) -> list[tuple[date, date | None]]:
        if rng.random() > 0.12 or (until - start).days < 30:
            return []
        out = {}  # one missing episode per start date: MIS_START is part of the key
        for _ in range(rng.randrange(1, 6)):
            begin = start + timedelta(days=rng.randrange((until - start).days))
            if begin >= add_months(self.dob, 132):  # aged 11 or over
                out[begin] = begin + timedelta(days=rng.randrange(0, 4))
        return sorted(out.items())

    def in_care_during(self, y0: date, y1: date) -> bool:
        return self.start <= y1 and (self.end is None or self.end >= y0)


def generate(out: Path, scale: float, seed: int, years: int = YEARS) -> list[Path]:
    """Write ``years`` collection years' CSV files into ``out/<year>/``; returns the folders."""
    rng = random.Random(seed)
    first, last = date(FIRST_YEAR, 4, 1), date(FIRST_YEAR + years, 3, 31)
    children: list[Child] = []
    while len(children) < int(IN_CARE_AT_START * scale):
        # Those in care on the first day: a long-ago start is likelier to have ended already.
        start = first - timedelta(days=int(rng.expovariate(1 / 700)) + 1)
        child = Child(rng, len(children), start, last)
        if child.end is None or child.end > first:
            children.append(child)
    for y in range(years):
        for _ in range(int(STARTERS_PER_YEAR * scale)):
            start = date(FIRST_YEAR + y, 4, 1) + timedelta(days=rng.randrange(365))
            children.append(Child(rng, len(children), start, last))
    folders = []
    for y in range(FIRST_YEAR, FIRST_YEAR + years):
        folder = out / str(y)
        folder.mkdir(parents=True, exist_ok=True)
        _write_year(folder, y, children, random.Random(seed + y))
        folders.append(folder)
    return folders


def _write_year(folder: Path, year: int, children: list[Child], rng: random.Random) -> None:
    y0, y1 = date(year, 4, 1), date(year + 1, 3, 31)
    rows: dict[str, list] = {name: [] for name in COLUMNS}
    for c in children:
        left_old = c.end is not None and c.end < y0 and c.rec in ("E5", "E6", "E17", "E8")
        care_leaver = left_old and 17 <= (y1 - c.dob).days // 365 <= 21
        if not c.in_care_during(y0, y1) and not care_leaver:
            continue
        sex = c.sex if year < 2024 else "MF"[int(c.sex) - 1]  # SEX changed in 2024-25
        dob = fmt(c.dob)
        rows["header"].append([c.id, sex, dob, c.ethnic, c.upn, "", ""])
        if care_leaver:
            rows["oc3"].append([c.id, dob, "YES", rng.choice(ACTIV), rng.choice(ACCOM)])
            continue
        if c.uasc:
            rows["uasc"].append([c.id, sex, dob, fmt(c.eighteen)])
        for decom, rne, ls, place, provider, dec, rec, reason, urn in c.episodes:
            if decom > y1 or dec is not None and dec < y0:
                continue
            if dec is not None and dec > y1:  # still open at this year's end
                dec, rec, reason = None, "", ""
            rows["episodes"].append(
                [
                    c.id,
                    fmt(decom),
                    rne,
                    ls,
                    c.cin,
                    place,
                    provider,
                    fmt(dec),
                    rec,
                    reason,
                    "AB1 2CD",
                    "EF3 4GH",
                    urn,
                ]
            )
        for held, code in c.reviews:
            if y0 <= held <= y1:
                rows["reviews"].append([c.id, dob, fmt(held), code])
        for begin, finish in c.missing:
            if y0 <= begin <= y1:
                rows["missing"].append([c.id, dob, rng.choice("MA"), fmt(begin), fmt(finish)])
        if y0 <= c.start:
            rows["previous_permanence"].append([c.id, dob, "Z1", "", ""])
        if c.start <= date(year, 3, 31) and (c.end is None or c.end > y1):
            flags = [rng.choice("01") for _ in range(8)]
            rows["oc2"].append([c.id, dob, str(rng.randrange(41)), "", *flags[:6], "0", "0"])
        if year >= 2023:  # social-worker episodes exist from 2023-24
            sw_start = max(c.start, y0)
            rows["sw_episodes"].append(
                [
                    c.id,
                    dob,
                    f"SW{rng.randrange(10**5):05d}",
                    fmt(sw_start),
                    "",
                    rng.choice(["MANAGE", "FCONTA"]),
                ]
            )
    for name, table in rows.items():
        if table:
            with open(folder / f"{year}-{name}.csv", "w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(COLUMNS[name].split())
                writer.writerows(table)


# --- phases, each run in a fresh process -------------------------------------------------


def _peak_mb() -> float:
    """This process's peak resident memory. ru_maxrss would carry over the parent's peak
    across fork and exec; VmHWM starts afresh with the new program."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


class _Clock:
    """Wall and CPU seconds: on a shared machine the CPU time is the steadier figure."""

    def __init__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def result(self, **extra) -> dict:
        wall, cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu
        return {"seconds": wall, "cpu": cpu, **extra}


def phase_floor(folders: list[Path]) -> dict:
    files = [p for f in folders for p in sorted(f.glob("*.csv"))]
    clock = _Clock()
    try:
        import pandas  # noqa: F401

        how = "pandas.read_csv (all columns as strings)"
        rows = sum(len(pandas.read_csv(p, dtype=str, keep_default_na=False)) for p in files)
    except ImportError:
        how = "csv module (pandas is not installed)"
        rows = 0
        for p in files:
            with open(p, newline="", encoding="utf-8-sig") as handle:
                rows += sum(1 for _ in csv.reader(handle)) - 1
    return clock.result(how=how, rows=rows)


def phase_read(folders: list[Path]) -> dict:
    from iro_tracker.ssda903.checks import check_year
    from iro_tracker.ssda903.reader import read_return

    clock = _Clock()
    years = read_return(folders)
    read = time.perf_counter() - clock.wall
    findings = sum(len(check_year(cy)) for cy in years)
    problems = sum(len(cy.problems) for cy in years)
    return clock.result(read_seconds=read, findings=findings, reader_problems=problems)


def phase_import(folders: list[Path]) -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from iro_tracker.accounts.models import User
    from iro_tracker.ssda903.loader import load_903

    user = User.objects.create_user("bench", role="manager")
    clock = _Clock()
    result = load_903(folders, user=user, year=None if len(folders) > 1 else FIRST_YEAR)
    summary = result.summary
    return clock.result(
        **{
            "status": result.run.status,
            "errors": [str(p) for p in result.problems.errors[:5]],
            "children": summary.get("children"),
            "episodes": summary.get("episodes"),
            "reviews": summary.get("reviews"),
            "findings": result.run.finding_count,
        }
    )


def run_phase(name: str, folders: list[Path], env: dict | None = None) -> dict:
    """Run one phase in a fresh interpreter; returns its JSON result plus peak memory."""
    command = [sys.executable, __file__, "--phase", name, *map(str, folders)]
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "iro_tracker.settings", **(env or {})}
    done = subprocess.run(command, capture_output=True, text=True, env=environment, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"phase {name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _postgres_url(given: str | None) -> str | None:
    url = given or os.environ.get("DATABASE_URL", "")
    if url:
        return url
    try:
        import psycopg

        with psycopg.connect("postgresql://postgres@localhost:5432/postgres", connect_timeout=2):
            return "postgresql://postgres@localhost:5432/postgres"
    except Exception:  # noqa: BLE001 - any failure means "no local server"
        return None


def _fresh_postgres(url: str):
    """A new, empty database on the server at ``url``: its URL and a function dropping it."""
    import psycopg

    name = f"iro_bench_{os.getpid()}"
    server = url.rsplit("/", 1)[0]
    with psycopg.connect(server + "/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(server + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')

    return f"{server}/{name}", drop


def _line(label: str, result: dict) -> None:
    print(
        f"  {label:<48} {result['seconds']:6.1f} s wall {result['cpu']:6.1f} s CPU"
        f"   peak {result['peak_mb']:6.0f} MB"
    )


def _import_line(label: str, result: dict) -> None:
    _line(label, result)
    counts = ", ".join(f"{k} {result[k]}" for k in ("children", "episodes", "reviews"))
    print(f"    {result['status']}: {counts}, findings {result['findings']:,}")
    for error in result["errors"]:
        print(f"    {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=903)
    parser.add_argument("--postgres", help="server URL (a fresh database is created on it)")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--no-sqlite", action="store_true", help="skip the SQLite import")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("folders", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        phases = {"floor": phase_floor, "read": phase_read, "import": phase_import}
        result = phases[args.phase](args.folders)
        print(json.dumps({**result, "peak_mb": _peak_mb()}))
        return

    work = args.keep or Path(tempfile.mkdtemp(prefix="iro-903-bench-"))
    try:
        started = time.perf_counter()
        national = generate(work / "national", args.scale, args.seed)
        authority = generate(work / "authority", AUTHORITY_SCALE, args.seed + 1, years=1)
        rows = {f.name: sum(1 for _ in open(f / f"{f.name}-header.csv")) - 1 for f in national}
        print(
            f"Generated in {time.perf_counter() - started:.1f} s (scale {args.scale}, seed "
            f"{args.seed}) into {work}"
        )
        print(f"  children in each year's header: {rows}")
        floor = run_phase("floor", national)
        print(
            f"  {floor['rows']:,} data rows in {sum(1 for f in national for _ in f.glob('*'))}"
            " files"
        )
        print("Timings (each phase in a fresh process; peak = its maximum resident memory):")
        _line(f"floor: parse only, {floor['how']}", floor)
        read = run_phase("read", national)
        _line("read and validate (reader + check_year)", read)
        print(
            f"    of which reading {read['read_seconds']:.1f} s; "
            f"{read['findings']:,} findings, {read['reader_problems']:,} reader problems"
        )
        if not args.no_sqlite:
            db = work / "bench.sqlite3"
            sqlite = run_phase("import", national, {"IRO_SQLITE_PATH": str(db), "DATABASE_URL": ""})
            _import_line("import three years into SQLite (one run)", sqlite)
        url = _postgres_url(args.postgres)
        if url is None:
            print("  PostgreSQL: skipped (no --postgres URL, no DATABASE_URL, no local server)")
        else:
            try:
                fresh, drop = _fresh_postgres(url)
            except Exception as error:  # noqa: BLE001
                print(f"  PostgreSQL: skipped (cannot create a database: {error})")
            else:
                try:
                    pg = run_phase("import", national, {"DATABASE_URL": fresh})
                    _import_line("import three years into PostgreSQL (one run)", pg)
                finally:
                    drop()
        db = work / "authority.sqlite3"
        one = run_phase("import", authority, {"IRO_SQLITE_PATH": str(db), "DATABASE_URL": ""})
        _import_line("one authority's year into SQLite", one)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
