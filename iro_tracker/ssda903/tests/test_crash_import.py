"""A crash mid-import (the process killed with SIGKILL while it writes a large return into a
file-based SQLite database) leaves the database exactly as it was: the import is one
transaction, and SQLite discards an uncommitted transaction when the file is next opened."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.db import connection

from iro_tracker.audit.backup import backup
from iro_tracker.ssda903.tables import BY_NAME

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="kills a writer of a SQLite file"),
]
CHILDREN = 12_000


def large_return(folder: Path, n: int = CHILDREN) -> Path:
    """A valid 2018 return of ``n`` children, each with one episode and one review."""
    folder.mkdir(parents=True)
    header, episodes, reviews = [], [], []
    for i in range(n):
        dob = date(2004, 1, 1) + timedelta(days=i % 4000)
        start = date(2018, 4, 2) + timedelta(days=i % 120)
        d, s, r = dob.strftime("%d/%m/%Y"), start.strftime("%d/%m/%Y"), start + timedelta(28)
        header.append(f"K{i},{1 + i % 2},{d},WBRI,,,")
        episodes.append(f"K{i},{s},S,C2,N1,U4,PR1,,,,AB1 2CD,EF3 4GH,SC123456")
        reviews.append(f"K{i},{d},{r.strftime('%d/%m/%Y')},PN1")
    for name, rows in (("header", header), ("episodes", episodes), ("reviews", reviews)):
        lines = [",".join(BY_NAME[name].columns), *rows]
        (folder / f"{name}.csv").write_text("\n".join(lines) + "\n")
    return folder


def everything(path: Path) -> dict[str, list[tuple]]:
    db = sqlite3.connect(path)
    tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    rows = {t: db.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}  # noqa: S608
    db.close()
    return rows


def test_killing_an_import_midway_leaves_the_database_as_it_was(tmp_path, manager, child):
    database = backup(tmp_path / "b").rename(tmp_path / "live.sqlite3")  # migrated, with data
    before = everything(database)
    folder = large_return(tmp_path / "return")
    env = {**os.environ, "IRO_SQLITE_PATH": str(database), "IRO_VAR_DIR": str(tmp_path / "var")}
    process = subprocess.Popen(  # noqa: S603 (our own command, no shell)
        [sys.executable, "-m", "iro_tracker.cli", "import-903", str(folder), "--year", "2018"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wal = Path(f"{database}-wal")
    deadline = time.monotonic() + 120
    # Wait until the import is writing (its uncommitted pages are piling up in the WAL).
    while process.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 2_000_000:
            break
        time.sleep(0.01)
    assert process.poll() is None, "the import finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert everything(database) == before
    # And the database still works: the same import now completes.
    done = subprocess.run(  # noqa: S603 (our own command, no shell)
        [sys.executable, "-m", "iro_tracker.cli", "import-903", str(folder), "--year", "2018"],
        env=env,
        capture_output=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert len(everything(database)["children_child"]) == len(before["children_child"]) + CHILDREN
