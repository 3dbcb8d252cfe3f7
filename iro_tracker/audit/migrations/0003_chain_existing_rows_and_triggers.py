"""Chain the access log rows written before the hash chain existed, then (on PostgreSQL only)
install the trigger that refuses UPDATE and DELETE on the audit tables. The change-history
tables get the same trigger after every migrate (audit.guards)."""

from django.db import migrations

from iro_tracker.audit import chain
from iro_tracker.audit.guards import install_triggers

AUDIT_TABLES = ["audit_accesslog", "audit_accessgrant", "audit_historyseal"]


def chain_existing(apps, schema_editor):
    AccessLog = apps.get_model("audit", "AccessLog")
    ChainHead = apps.get_model("audit", "ChainHead")
    prev, seq = chain.GENESIS, 0
    for entry in AccessLog.objects.order_by("at", "id").iterator():
        seq += 1
        values = {field: getattr(entry, field) for field in chain.LOG_FIELDS if field != "seq"}
        values["seq"] = seq
        entry.seq, entry.prev_hash = seq, prev
        entry.hash = prev = chain.log_hash(values, entry.prev_hash)
        entry.save(update_fields=["seq", "prev_hash", "hash"])
    ChainHead.objects.update_or_create(id=1, defaults={"seq": seq, "hash": prev})


def triggers(apps, schema_editor):
    install_triggers(schema_editor.connection, AUDIT_TABLES)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for table in AUDIT_TABLES:
            cursor.execute(f'DROP TRIGGER IF EXISTS iro_append_only ON "{table}"')


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_access_log_chain_grants_seals"),
    ]

    operations = [
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
        migrations.RunPython(triggers, drop_triggers),
    ]
