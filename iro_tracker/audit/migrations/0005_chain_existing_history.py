"""Chain the change-history rows written before the history had a hash chain (replacing the
batch seals), in table then id order, the same way ``audit.history.link_rows`` does."""

from django.db import migrations

from iro_tracker.audit import chain

BATCH = 1000


def history_models(apps):
    return sorted(
        (m for m in apps.get_models() if m.__name__.startswith("Historical")),
        key=lambda m: m._meta.db_table,
    )


def chain_existing(apps, schema_editor):
    ChainHead = apps.get_model("audit", "ChainHead")
    HistoryLayout = apps.get_model("audit", "HistoryLayout")
    HistoryLink = apps.get_model("audit", "HistoryLink")
    seq, prev = 0, chain.GENESIS
    for model in history_models(apps):
        table = model._meta.db_table
        names = sorted(f.attname for f in model._meta.concrete_fields)
        pk = model._meta.pk.attname
        key = chain.layout_key(table, names)
        rows = model.objects.order_by(pk).values(*names).iterator(chunk_size=BATCH)
        links = []
        for values in rows:
            seq += 1
            entry = {"seq": seq, "table": table, "row_id": values[pk], "layout": key}
            entry["digest"] = chain.row_digest(values)
            entry["hash"] = chain.link_hash(entry, prev)
            links.append(HistoryLink(**entry, prev_hash=prev))
            prev = entry["hash"]
            if len(links) >= BATCH:
                HistoryLink.objects.bulk_create(links)
                links = []
        HistoryLink.objects.bulk_create(links)
        if not HistoryLayout.objects.filter(key=key).exists():
            HistoryLayout.objects.create(key=key, table=table, columns=names)
    head = ChainHead.objects.filter(id=1).first()
    if head is not None:
        head.history_seq, head.history_hash = seq, prev
        head.save(update_fields=["history_seq", "history_hash"])
    elif seq:
        log = apps.get_model("audit", "AccessLog").objects.exclude(seq=None).order_by("-seq")
        last = log.values("seq", "hash").first()
        ChainHead.objects.create(
            id=1,
            seq=last["seq"] if last else 0,
            hash=last["hash"] if last else chain.GENESIS,
            history_seq=seq,
            history_hash=prev,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_history_links"),
    ]

    operations = [
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
    ]
