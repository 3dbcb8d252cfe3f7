"""Append-only, enforced: in the ORM for the audit tables and the change history, and by a
database trigger on PostgreSQL (where a direct UPDATE or DELETE is refused too).

simple-history writes its rows with ``create``/``bulk_create`` and never changes them; the
application has no code path that updates or deletes a historical row (a test checks). These
guards make an accidental one fail loudly: ``pre_save`` refuses saving an existing historical
row and ``pre_delete`` refuses deleting one (which also stops queryset ``delete()``, since a
model with delete signals is never fast-deleted). ``QuerySet.update`` bypasses signals: the
PostgreSQL trigger covers it.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import post_migrate, pre_delete, pre_save

from iro_tracker.audit.models import AppendOnlyError

TRIGGER_FUNCTION = """
CREATE OR REPLACE FUNCTION iro_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'IRO Tracker: % on % refused: the table is append-only',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""
AUDIT_MODELS = ("AccessLog", "AccessGrant", "HistoryLink", "HistoryLayout")


def history_models():
    """Every simple-history table in the project: each model's history, and the history of a
    many-to-many field recorded with it."""
    return [m for m in apps.get_models() if hasattr(m, "instance_type")]


def append_only_tables() -> list[str]:
    audit = [apps.get_model("audit", name)._meta.db_table for name in AUDIT_MODELS]
    return audit + sorted(m._meta.db_table for m in history_models())


def _refuse_update(sender, instance, raw=False, **kwargs):
    if not raw and not instance._state.adding:
        raise AppendOnlyError(f"{sender._meta.db_table} is append-only: rows are never changed.")


def _refuse_delete(sender, instance, **kwargs):
    raise AppendOnlyError(f"{sender._meta.db_table} is append-only: rows are never deleted.")


def protect_history_tables() -> None:
    for name in AUDIT_MODELS:
        model = apps.get_model("audit", name)
        pre_delete.connect(_refuse_delete, sender=model, dispatch_uid=f"append_only_del_{name}")
    for model in history_models():
        uid = model._meta.label_lower
        pre_save.connect(_refuse_update, sender=model, dispatch_uid=f"append_only_save_{uid}")
        pre_delete.connect(_refuse_delete, sender=model, dispatch_uid=f"append_only_del_{uid}")


def install_triggers(connection, tables: list[str] | None = None) -> list[str]:
    """On PostgreSQL, a BEFORE UPDATE OR DELETE trigger refusing changes on each table."""
    if connection.vendor != "postgresql":
        return []
    existing = set(connection.introspection.table_names())
    done = []
    with connection.cursor() as cursor:
        cursor.execute(TRIGGER_FUNCTION)
        for table in tables if tables is not None else append_only_tables():
            if table not in existing:
                continue
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"DROP TRIGGER IF EXISTS iro_append_only ON {quoted}")
            cursor.execute(
                f"CREATE TRIGGER iro_append_only BEFORE UPDATE OR DELETE ON {quoted}"
                " FOR EACH ROW EXECUTE FUNCTION iro_refuse_change()"
            )
            done.append(table)
    return done


def _after_migrate(sender, using="default", **kwargs):
    from django.db import connections

    if sender.label != "audit":  # sent once per app, after every migration has run
        return
    install_triggers(connections[using])


def connect_postgres_triggers() -> None:
    # After every migrate, so a history table added by a later feature is covered too.
    post_migrate.connect(_after_migrate, dispatch_uid="iro_append_only_triggers")
