"""Every change-history row is chained as it is written.

simple-history writes a row per save (and sends ``post_create_historical_record``) or many
rows at once through ``bulk_history_create`` (and sends nothing). Models declare their history
with ``AuditedHistory`` instead of ``HistoricalRecords``, whose manager links what a bulk write
created; the signal receivers below link single saves and a many-to-many field's rows. Either
way the links are written in the same transaction as the rows, so both are kept or neither.

The digest is computed from the row as read back from the database, the same way ``iro audit
verify`` reads it later, so a value's Python type before saving (a date given as a string, an
int for a decimal) cannot make an honest row look changed.
"""

from __future__ import annotations

from django.db import connection, transaction
from django.db.models.signals import post_migrate, pre_save
from simple_history.manager import HistoryManager
from simple_history.models import HistoricalRecords
from simple_history.signals import post_create_historical_m2m_records, post_create_historical_record

from iro_tracker.audit import chain

BATCH = 500


_known_layouts: set[str] = set()
_layout_keys: dict[str, tuple[str, list[str]]] = {}


def columns(model) -> list[str]:
    return sorted(f.attname for f in model._meta.concrete_fields)


def row_values(model, rows) -> dict:
    """``{pk: {column: value}}`` for ``rows`` of a history table, as the database holds them."""
    pk = model._meta.pk.attname
    return {row[pk]: row for row in rows.values(*columns(model))}


def layout_for(model) -> str:
    """The key of the model's current column list, recorded once in ``HistoryLayout``.

    Called under the chain head's lock, so two writers cannot both create the same layout.
    """
    from iro_tracker.audit.models import HistoryLayout

    table = model._meta.db_table
    if table not in _layout_keys:  # a model's columns do not change while the process runs
        names = columns(model)
        _layout_keys[table] = (chain.layout_key(table, names), names)
    key, names = _layout_keys[table]
    if key not in _known_layouts:
        if not HistoryLayout.objects.filter(key=key).exists():
            HistoryLayout.objects.create(key=key, table=table, columns=names)
        # Only remembered once committed: a rolled-back first write must not leave the cache
        # claiming a layout that is not in the database.
        transaction.on_commit(lambda: _known_layouts.add(key))
    return key


def link_rows(model, pks) -> int:
    """Chain the history rows ``pks`` of ``model`` (a history table) in pk order."""
    from iro_tracker.audit.models import HistoryLink
    from iro_tracker.audit.services import set_head, take_places

    if any(pk is None for pk in pks):  # a database that cannot return ids from a bulk insert
        raise RuntimeError(f"{model._meta.db_table} rows were written without ids: cannot chain.")
    pks = sorted(pks)
    if not pks:
        return 0
    table = model._meta.db_table
    with transaction.atomic(savepoint=False):
        seq, prev = take_places("history", len(pks))
        layout = layout_for(model)
        links = []
        for start in range(0, len(pks), BATCH):
            part = pks[start : start + BATCH]
            values = row_values(model, model._default_manager.filter(pk__in=part))
            for pk in part:
                entry = {"seq": seq, "table": table, "row_id": pk, "layout": layout}
                entry["digest"] = chain.row_digest(values[pk])
                entry["hash"] = chain.link_hash(entry, prev)
                links.append(HistoryLink(**entry, prev_hash=prev))
                prev, seq = entry["hash"], seq + 1
        HistoryLink.objects.bulk_create(links, batch_size=BATCH)
        set_head("history", prev)
    return len(links)


class ChainedHistoryManager(HistoryManager):
    def bulk_history_create(self, objs, *args, **kwargs):
        with transaction.atomic(savepoint=False):
            created = super().bulk_history_create(objs, *args, **kwargs)
            if created:
                link_rows(self.model, [row.pk for row in created])
        return created


class AuditedHistory(HistoricalRecords):
    """``HistoricalRecords`` whose rows, bulk or single, are all hash-chained."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("history_manager", ChainedHistoryManager)
        super().__init__(*args, **kwargs)

    def create_historical_record(self, instance, history_type, using=None):
        # One transaction for the row, its many-to-many rows and their links, even when the
        # save itself runs in autocommit (a shell, a management command).
        with transaction.atomic(using=using, savepoint=False):
            super().create_historical_record(instance, history_type, using=using)


def _lock_head_first(sender, **kwargs):
    """On PostgreSQL, take the chains' head lock before the first change in a transaction.

    Every history write ends by locking the head row; a transaction that had already changed
    a row another writer wants, and then waited for the head, would deadlock with that
    writer. Taking the head first gives every writer the same lock order.
    """
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM {_head_table()} WHERE id = 1 FOR UPDATE")  # noqa: S608


def _head_table() -> str:
    from iro_tracker.audit.models import ChainHead

    return ChainHead._meta.db_table


def _link_one(sender, history_instance, **kwargs):
    link_rows(sender, [history_instance.pk])


def _link_m2m(sender, created_rows, **kwargs):
    link_rows(sender, [row.pk for row in created_rows])


def _forget_layouts(**kwargs):
    _known_layouts.clear()  # a flush (which ends with post_migrate) empties HistoryLayout


def connect(tracked_models) -> None:
    for model in tracked_models:
        pre_save.connect(
            _lock_head_first, sender=model, dispatch_uid=f"iro_head_{model._meta.label}"
        )
    post_migrate.connect(_forget_layouts, dispatch_uid="iro_forget_history_layouts")
    post_create_historical_record.connect(_link_one, dispatch_uid="iro_link_history")
    post_create_historical_m2m_records.connect(_link_m2m, dispatch_uid="iro_link_history_m2m")
