"""Backups of the whole database, with a checksum, and restoring one into an empty database.

SQLite: the online backup API (``sqlite3.Connection.backup``) copies a consistent snapshot
while the service keeps running. PostgreSQL: ``pg_dump -Fc`` (custom format), restored by
``pg_restore`` in a single transaction. Each backup gets ``<file>.sha256`` in the format
``sha256sum -c`` reads; restore checks it before touching the database.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections
from django.utils import timezone

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupError(Exception):
    """Something the operator must fix: the message says what."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_checksum(path: Path) -> Path:
    checksum = path.with_name(path.name + ".sha256")
    checksum.write_text(f"{sha256_of(path)}  {path.name}\n")
    return checksum


def check_checksum(path: Path) -> None:
    checksum = path.with_name(path.name + ".sha256")
    if not checksum.exists():
        raise BackupError(f"{checksum.name} is missing: cannot check the backup is intact.")
    expected = checksum.read_text().split()[0].strip().lower()
    if sha256_of(path) != expected:
        raise BackupError(f"{path.name} does not match its checksum: the file is damaged.")


def _pg_env(db: dict) -> tuple[list[str], dict]:
    args = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (the PostgreSQL client tools are needed).")
    return found


def backup(output_dir: Path, using: str = "default") -> Path:
    """Write a timestamped backup of the database into ``output_dir``; return its path."""
    connection = connections[using]
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    if connection.vendor == "sqlite":
        target = output_dir / f"iro-backup-{stamp}.sqlite3"
        connection.ensure_connection()
        dest = sqlite3.connect(target)
        try:
            connection.connection.backup(dest)
        finally:
            dest.close()
    elif connection.vendor == "postgresql":
        target = output_dir / f"iro-backup-{stamp}.pgdump"
        db = connection.settings_dict
        args, env = _pg_env(db)
        command = [_tool("pg_dump"), "-Fc", "--no-owner", "--no-privileges", *args]
        command += ["-f", str(target), str(db["NAME"])]
        # A list of arguments (no shell); the tool is found on PATH by shutil.which.
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            target.unlink(missing_ok=True)
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    else:
        raise BackupError(f"Backups of {connection.vendor} databases are not supported.")
    target.chmod(0o600)  # it holds everything about every child
    write_checksum(target)
    return target


def _is_empty(connection) -> bool:
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def restore(path: Path, using: str = "default", *, connection=None) -> None:
    """Restore the backup at ``path`` into the (empty) database; refuse anything else.

    ``connection``: a database connection to restore into instead of ``using``'s.
    """
    if not path.exists():
        raise BackupError(f"{path} does not exist.")
    check_checksum(path)
    connection = connection or connections[using]
    with open(path, "rb") as handle:
        magic = handle.read(16)
    if not _is_empty(connection):
        raise BackupError(
            "The database is not empty: restore only into a new, empty database (no tables)."
        )
    if connection.vendor == "sqlite":
        if not magic.startswith(SQLITE_MAGIC):
            raise BackupError(f"{path.name} is not a SQLite backup.")
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    elif connection.vendor == "postgresql":
        if not magic.startswith(PG_MAGIC):
            raise BackupError(f"{path.name} is not a PostgreSQL (pg_dump -Fc) backup.")
        db = connection.settings_dict
        args, env = _pg_env(db)
        command = [_tool("pg_restore"), "--no-owner", "--no-privileges", "--single-transaction"]
        command += ["--exit-on-error", *args, "-d", str(db["NAME"]), str(path)]
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
    else:
        raise BackupError(f"Restoring {connection.vendor} databases is not supported.")
