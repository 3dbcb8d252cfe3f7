"""Checking the audit trail: the access log's hash chain and the change history's seals.

``verify()`` reads everything and reports each problem with where it is; it never writes.
``seal()`` appends a ``HistorySeal`` covering the history rows written since the last one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection, transaction

from iro_tracker.audit import chain
from iro_tracker.audit.guards import history_models
from iro_tracker.audit.models import AccessLog, HistorySeal

BATCH = 5000


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    log_entries: int = 0
    seals: int = 0
    history_rows_sealed: int = 0
    history_rows_unsealed: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _log_rows():
    fields = ("pk", *chain.LOG_FIELDS, "prev_hash", "hash")
    return AccessLog.objects.order_by("seq", "pk").values(*fields).iterator(chunk_size=BATCH)


def verify_log(report: Report) -> dict[int, str]:
    """Walk the access log's chain; return each entry's hash by ``seq`` (for the seals)."""
    prev, expected_seq = chain.GENESIS, 1
    hashes: dict[int, str] = {}
    for row in _log_rows():
        report.log_entries += 1
        where = f"access log entry {row['pk']} (seq {row['seq']})"
        if row["seq"] is None:
            report.problems.append(f"{where}: has no place in the chain (inserted directly?)")
            continue
        if row["seq"] != expected_seq:
            report.problems.append(
                f"{where}: expected seq {expected_seq}: entries are missing or were inserted"
            )
        if row["prev_hash"] != prev:
            report.problems.append(f"{where}: does not follow the entry before it")
        computed = chain.log_hash(row, row["prev_hash"])
        if computed != row["hash"]:
            report.problems.append(f"{where}: its contents were changed after it was written")
        hashes[row["seq"]] = row["hash"]
        prev, expected_seq = row["hash"], row["seq"] + 1
    return hashes


def _history_digest(model, after: int, upto: int) -> chain.RowDigest:
    digest = chain.RowDigest()
    names = [f.attname for f in model._meta.concrete_fields]
    rows = (
        model._default_manager.filter(history_id__gt=after, history_id__lte=upto)
        .order_by("history_id")
        .values(*names)
        .iterator(chunk_size=BATCH)
    )
    for row in rows:
        digest.add(row)
    return digest


def _seal_values(seal: dict) -> dict:
    return {
        "sealed_at": seal["sealed_at"],
        "tables": seal["tables"],
        "log_seq": seal["log_seq"],
        "log_hash": seal["log_hash"],
    }


def verify_history(report: Report, log_hashes: dict[int, str]) -> None:
    models = {m._meta.db_table: m for m in history_models()}
    sealed_to: dict[str, int] = {}
    prev = chain.GENESIS
    for seal in HistorySeal.objects.order_by("pk").values():
        report.seals += 1
        where = f"history seal {seal['id']}"
        if seal["prev_hash"] != prev or chain.seal_hash(_seal_values(seal), prev) != seal["hash"]:
            report.problems.append(f"{where}: the seal itself was changed or removed")
        prev = seal["hash"]
        if seal["log_seq"] and log_hashes.get(seal["log_seq"]) != seal["log_hash"]:
            report.problems.append(
                f"{where}: access log entry seq {seal['log_seq']} is not the one sealed"
                " (changed or deleted)"
            )
        for table, part in seal["tables"].items():
            model = models.get(table)
            if model is None:
                report.problems.append(f"{where}: history table {table} no longer exists")
                continue
            digest = _history_digest(model, part["from"], part["to"])
            if digest.count != part["count"] or digest.hexdigest() != part["digest"]:
                report.problems.append(
                    f"{where}: {table} rows {part['from'] + 1} to {part['to']} were changed,"
                    f" added or deleted ({digest.count} rows now, {part['count']} sealed)"
                )
            report.history_rows_sealed += part["count"]
            sealed_to[table] = max(sealed_to.get(table, 0), part["to"])
    for table, model in models.items():
        report.history_rows_unsealed += model._default_manager.filter(
            history_id__gt=sealed_to.get(table, 0)
        ).count()


def verify() -> Report:
    """Check the whole audit trail. Read-only."""
    report = Report()
    hashes = verify_log(report)
    verify_history(report, hashes)
    return report


@transaction.atomic
def seal() -> HistorySeal:
    """Seal the history rows written since the last seal, and pin the access log's head."""
    from django.utils import timezone

    if connection.vendor == "postgresql":
        # SHARE mode waits for every transaction still writing history to finish and holds
        # new writers off until this seal commits, so no row with a lower id can appear later
        # inside a sealed range (which verify would report as tampering).
        with connection.cursor() as cursor:
            for model in history_models():
                cursor.execute(
                    f"LOCK TABLE {connection.ops.quote_name(model._meta.db_table)} IN SHARE MODE"
                )
    last = HistorySeal.objects.order_by("-pk").first()
    done: dict[str, int] = {}
    for earlier in HistorySeal.objects.values_list("tables", flat=True):
        for table, part in earlier.items():
            done[table] = max(done.get(table, 0), part["to"])
    tables = {}
    for model in sorted(history_models(), key=lambda m: m._meta.db_table):
        table = model._meta.db_table
        after = done.get(table, 0)
        upto = (
            model._default_manager.filter(history_id__gt=after)
            .order_by("-history_id")
            .values_list("history_id", flat=True)
            .first()
        )
        if upto is None:
            continue
        digest = _history_digest(model, after, upto)
        tables[table] = {
            "from": after,
            "to": upto,
            "count": digest.count,
            "digest": digest.hexdigest(),
        }
    head = AccessLog.objects.exclude(seq=None).order_by("-seq").values("seq", "hash").first()
    values = {
        "sealed_at": timezone.now(),
        "tables": tables,
        "log_seq": head["seq"] if head else 0,
        "log_hash": head["hash"] if head else "",
    }
    prev = last.hash if last else chain.GENESIS
    stored = HistorySeal(**values, prev_hash=prev)
    stored.hash = chain.seal_hash(values, prev)
    stored.save(force_insert=True)
    return stored
