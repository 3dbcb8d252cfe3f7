"""The access log's hash chain and the history seals: canonical bytes and their SHA-256.

Pure functions over plain values, so the data migration that chains old rows, the writer and
``iro audit verify`` compute exactly the same hash. A hash covers the row's position
(``seq``), every field a reader relies on and the previous row's hash; changing any of them,
or removing or inserting a row, breaks the chain from that point on.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

GENESIS = "0" * 64
LOG_FIELDS = ("seq", "at", "user_id", "action", "child_id", "path", "detail", "reason", "row_count")


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


def seal_hash(values: dict, prev_hash: str) -> str:
    """The hash of one history seal (its tables' digests and the log head it pins)."""
    return hashlib.sha256(prev_hash.encode() + b"|" + canonical(values)).hexdigest()


class RowDigest:
    """A running SHA-256 over table rows, each row's canonical bytes then a newline."""

    def __init__(self):
        self._sha = hashlib.sha256()
        self.count = 0

    def add(self, values: dict) -> None:
        self._sha.update(canonical(values) + b"\n")
        self.count += 1

    def hexdigest(self) -> str:
        return self._sha.hexdigest()
