"""The hash chains of the access log and of the change history: canonical bytes and SHA-256.

Pure functions over plain values, so the data migrations that chain old rows, the writers and
``iro audit verify`` compute exactly the same hash. A hash covers the entry's position
(``seq``), every field a reader relies on and the previous entry's hash; changing any of
them, or removing or inserting an entry, breaks the chain from that point on.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

GENESIS = "0" * 64
LOG_FIELDS = ("seq", "at", "user_id", "action", "child_id", "path", "detail", "reason", "row_count")
LINK_FIELDS = ("seq", "table", "row_id", "layout", "digest")


def _plain(value):
    if isinstance(value, datetime):
        # One spelling whatever the database returns: UTC, microseconds, no offset suffix.
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return value


def canonical(values: dict) -> bytes:
    """Sorted-key JSON of ``values`` with datetimes in UTC: the same bytes on any database."""
    plain = {key: _plain(value) for key, value in values.items()}
    return json.dumps(plain, sort_keys=True, separators=(",", ":"), default=str).encode()


def log_hash(values: dict, prev_hash: str) -> str:
    """The hash of one access-log row, given its ``LOG_FIELDS`` values and the previous hash."""
    body = canonical({key: values[key] for key in LOG_FIELDS})
    return hashlib.sha256(prev_hash.encode() + b"|" + body).hexdigest()


def layout_key(table: str, columns: list[str]) -> str:
    """A short name for a history table's column list (the columns a row was digested over)."""
    return hashlib.sha256(canonical({"table": table, "columns": sorted(columns)})).hexdigest()[:16]


def row_digest(values: dict) -> str:
    """The digest of one change-history row: SHA-256 over its canonical column values."""
    return hashlib.sha256(canonical(values)).hexdigest()


def link_hash(values: dict, prev_hash: str) -> str:
    """The hash of one history link, given its ``LINK_FIELDS`` values and the previous hash."""
    body = canonical({key: values[key] for key in LINK_FIELDS})
    return hashlib.sha256(prev_hash.encode() + b"|" + body).hexdigest()
