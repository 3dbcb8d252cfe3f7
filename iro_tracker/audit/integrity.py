"""Checking the audit trail: the access log's hash chain and the change history's.

``verify()`` reads everything, streaming, and reports each problem with where it is; it never
writes. Both chains are also compared with their recorded heads, so removing the newest
entries (which leaves a chain that is whole but shorter) shows too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection, transaction

from iro_tracker.audit import chain
from iro_tracker.audit.guards import history_models
from iro_tracker.audit.history import columns
from iro_tracker.audit.models import AccessLog, ChainHead, HistoryLayout, HistoryLink

BATCH = 5000


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    log_entries: int = 0
    history_links: int = 0
    history_rows: int = 0
    log_head: tuple[int, str] = (0, chain.GENESIS)
    history_head: tuple[int, str] = (0, chain.GENESIS)

    @property
    def ok(self) -> bool:
        return not self.problems


def _walk(rows, report: Report, what: str, hash_of, head: tuple[int, str]):
    """Check seq, prev_hash and hash of each entry in order, and that the entry at the head's
    seq is the one the head recorded (entries written since the head was read are newer
    writes, not a problem). Return how many entries there were and the last one's seq and
    hash."""
    prev, expected_seq, count = chain.GENESIS, 1, 0
    for row in rows:
        count += 1
        if head[0] and row["seq"] == head[0] and row["hash"] != head[1]:
            report.problems.append(
                f"{what} {row['pk']} (seq {row['seq']}): is not the entry the chain's head"
                " recorded (changed or replaced)"
            )
        where = f"{what} {row['pk']} (seq {row['seq']})"
        if row["seq"] is None:
            report.problems.append(f"{where}: has no place in the chain (inserted directly?)")
            continue
        if row["seq"] != expected_seq:
            report.problems.append(
                f"{where}: expected seq {expected_seq}: entries are missing or were inserted"
            )
        if row["prev_hash"] != prev:
            report.problems.append(f"{where}: does not follow the entry before it")
        if hash_of(row, row["prev_hash"]) != row["hash"]:
            report.problems.append(f"{where}: its contents were changed after it was written")
        prev, expected_seq = row["hash"], row["seq"] + 1
    return count, (expected_seq - 1, prev)


def _check_head(report: Report, what: str, last: tuple[int, str], head: tuple[int, str]):
    if last[0] < head[0]:
        report.problems.append(
            f"{what}: ends at seq {last[0]} but {head[0]} entries were written:"
            " the newest entries were removed"
        )


def _entries(model, fields):
    values = ("pk", *fields, "prev_hash", "hash")
    return model.objects.order_by("seq", "pk").values(*values).iterator(chunk_size=BATCH)


def verify_log(report: Report, head) -> None:
    rows = _entries(AccessLog, chain.LOG_FIELDS)
    mark = (head["seq"], head["hash"]) if head else (0, "")
    walked = _walk(rows, report, "access log entry", chain.log_hash, mark)
    report.log_entries, report.log_head = walked
    _check_head(report, "The access log", report.log_head, mark)


def verify_history_chain(report: Report, head) -> None:
    rows = _entries(HistoryLink, chain.LINK_FIELDS)
    mark = (head["history_seq"], head["history_hash"]) if head else (0, "")
    walked = _walk(rows, report, "history link", chain.link_hash, mark)
    report.history_links, report.history_head = walked
    _check_head(report, "The change history's chain", report.history_head, mark)


def _table_rows(model):
    """The history table's rows in id order, as ``(id, values)``, streamed."""
    pk = model._meta.pk.attname
    rows = model._default_manager.order_by(pk).values(*columns(model)).iterator(BATCH)
    return ((row[pk], row) for row in rows)


def _check_row(values: dict, layout: list[str] | None, digest: str) -> str:
    if layout is None:
        return "its layout is not recorded (the layout row was removed?)"
    if set(layout) != set(values):
        missing = sorted(set(layout) - set(values))
        if missing:
            return f"column(s) {', '.join(missing)} it was written with no longer exist"
        values = {name: values[name] for name in layout}  # a column added since
    if chain.row_digest(values) != digest:
        return "changed after it was written"
    return ""


def verify_history_rows(report: Report) -> None:
    """Each history row against its link: merge the table (by id) with its links (by row_id)."""
    models = {m._meta.db_table: m for m in history_models()}
    layouts = dict(HistoryLayout.objects.values_list("key", "columns"))
    linked_tables = set(HistoryLink.objects.values_list("table", flat=True).distinct())
    for table in sorted(linked_tables - set(models)):
        report.problems.append(f"history table {table} is chained but no longer exists")
    for table, model in sorted(models.items()):
        links = (
            HistoryLink.objects.filter(table=table)
            .order_by("row_id")
            .values_list("row_id", "layout", "digest")
            .iterator(chunk_size=BATCH)
        )
        link = next(links, None)
        for row_id, values in _table_rows(model):
            report.history_rows += 1
            while link is not None and link[0] < row_id:
                report.problems.append(f"{table} row {link[0]}: deleted after it was written")
                link = next(links, None)
            if link is None or link[0] != row_id:
                report.problems.append(
                    f"{table} row {row_id}: not in the chain (written directly in the database?)"
                )
                continue
            problem = _check_row(values, layouts.get(link[1]), link[2])
            if problem:
                report.problems.append(f"{table} row {row_id}: {problem}")
            link = next(links, None)
        while link is not None:
            report.problems.append(f"{table} row {link[0]}: deleted after it was written")
            link = next(links, None)


def verify() -> Report:
    """Check the whole audit trail. Read-only.

    On PostgreSQL it reads one snapshot, so a row saved while it runs is not half-seen (its
    history row without its link). SQLite is not given a transaction: its write lock would
    hold off every writer for the whole run; writes made meanwhile may then be reported, and
    a second run tells them from tampering.
    """
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            return _verify()
    return _verify()


def _verify() -> Report:
    report = Report()
    head = ChainHead.objects.filter(id=1).values().first()
    verify_log(report, head)
    verify_history_chain(report, head)
    verify_history_rows(report)
    return report
