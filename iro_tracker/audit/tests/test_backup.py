"""`iro backup` and `iro restore`: a checksummed copy that restores every table exactly."""

import shutil
import sqlite3
import subprocess

import pytest
from django.db import connection

from iro_tracker.audit.backup import BackupError, backup, check_checksum, restore

pytestmark = pytest.mark.django_db(transaction=True)


def sqlite_rows(path) -> dict[str, list[tuple]]:
    db = sqlite3.connect(path)
    tables = [
        name
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    data = {t: db.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}  # noqa: S608
    db.close()
    return data


@pytest.fixture
def some_data(personas, child):
    from iro_tracker.audit.services import log_access

    log_access(personas["manager"], "view", path="/x/", child=child, reason="r")
    return child


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite branch")
def test_backup_restores_every_table_row_for_row(tmp_path, some_data, settings):
    path = backup(tmp_path / "backups")
    assert path.name.startswith("iro-backup-") and path.suffix == ".sqlite3"
    check_checksum(path)
    # Restore into a fresh, empty database file through a second connection.
    from django.db import connections
    from django.db.backends.sqlite3.base import DatabaseWrapper

    fresh = tmp_path / "restored.sqlite3"
    target = DatabaseWrapper(
        {**connections["default"].settings_dict, "NAME": str(fresh)}, "restored"
    )
    try:
        restore(path, connection=target)
    finally:
        target.close()
    original, restored = sqlite_rows(path), sqlite_rows(fresh)
    assert set(original) == set(restored) and "audit_accesslog" in restored
    for table, rows in original.items():
        assert restored[table] == rows, table
    assert restored["children_child"]


def test_restore_refuses_a_damaged_file_or_a_database_with_tables(tmp_path, some_data):
    if connection.vendor == "postgresql" and shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    path = backup(tmp_path)
    with pytest.raises(BackupError, match="not empty"):
        restore(path)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(BackupError, match="does not match its checksum"):
        restore(path)
    (tmp_path / f"{path.name}.sha256").unlink()
    with pytest.raises(BackupError, match="missing"):
        restore(path)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL branch")
def test_pg_dump_backup_restores_every_table_row_for_row(tmp_path, some_data):
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.skip("pg_dump / pg_restore are not installed")
    import psycopg

    path = backup(tmp_path)
    db = connection.settings_dict
    fresh = f"{db['NAME']}_restore"
    params = {
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        admin.execute(f'CREATE DATABASE "{fresh}"')
    try:
        from django.db.backends.postgresql.base import DatabaseWrapper

        target = DatabaseWrapper({**connection.settings_dict, "NAME": fresh}, alias="restored")
        restore(path, connection=target)
        target.close()

        def rows(name):
            with psycopg.connect(dbname=name, **params) as conn:
                tables = [
                    t
                    for (t,) in conn.execute(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    )
                ]
                return {
                    t: sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"').fetchall()))  # noqa: S608
                    for t in tables
                }

        original, restored = rows(db["NAME"]), rows(fresh)
        assert original == restored
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{fresh}"')


@pytest.mark.skipif(connection.vendor != "sqlite", reason="runs the commands on SQLite files")
def test_the_commands_round_trip_a_database(tmp_path, some_data):
    import os
    import sys

    # A migrated database with data in a file, as a deployment has (made by the backup API).
    live = backup(tmp_path / "seed").rename(tmp_path / "live.sqlite3")
    env = {**os.environ, "IRO_SQLITE_PATH": str(live), "IRO_VAR_DIR": str(tmp_path / "var")}
    iro = [sys.executable, "-m", "iro_tracker.cli"]
    out = subprocess.run(  # noqa: S603 (our own command, no shell)
        [*iro, "backup", "--output", str(tmp_path / "b")], env=env, check=True, capture_output=True
    ).stdout.decode()
    made = next((tmp_path / "b").glob("*.sqlite3"))
    assert str(made) in out and (tmp_path / "b" / f"{made.name}.sha256").exists()
    env["IRO_SQLITE_PATH"] = str(tmp_path / "new.sqlite3")
    restore_cmd = [*iro, "restore", str(made)]
    subprocess.run(restore_cmd, env=env, check=True, capture_output=True)  # noqa: S603
    assert sqlite_rows(live) == sqlite_rows(tmp_path / "new.sqlite3")
    refused = subprocess.run(restore_cmd, env=env, capture_output=True)  # noqa: S603
    assert refused.returncode != 0 and b"not empty" in refused.stderr
