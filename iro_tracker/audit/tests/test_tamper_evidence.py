"""The access log and change history are append-only and `iro audit verify` finds any edit."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from iro_tracker.audit import integrity
from iro_tracker.audit.models import AccessGrant, AccessLog, AppendOnlyError
from iro_tracker.audit.services import log_access
from iro_tracker.children.models import Child

pytestmark = pytest.mark.django_db


def entries(user, n=3, child=None):
    return [log_access(user, "view", path=f"/children/{i}/", child=child) for i in range(n)]


def raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_each_entry_is_chained_to_the_one_before(manager, child):
    first, second, third = entries(manager, child=child)
    assert (first.seq, second.seq, third.seq) == (1, 2, 3)
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    assert len(third.hash) == 64
    assert integrity.verify().ok


def test_the_orm_refuses_to_change_or_delete_audit_rows(manager, child):
    entry = entries(manager, 1)[0]
    entry.detail = "edited"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.filter(pk=entry.pk).update(detail="edited")
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AccessGrant.objects.all().delete()


def test_the_orm_refuses_to_change_or_delete_change_history(child):
    record = child.history.first()
    record.first_name = "Changed"
    with pytest.raises(AppendOnlyError):
        record.save()
    with pytest.raises(AppendOnlyError):
        child.history.all().delete()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a direct UPDATE needs no trigger here")
def test_verify_finds_an_entry_changed_directly_in_the_database(manager, child, capsys):
    entries(manager, child=child)
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out
    raw("UPDATE audit_accesslog SET reason = 'nothing to see' WHERE seq = 2")
    with pytest.raises(CommandError, match="1 problem"):
        call_command("audit", "verify")
    assert "seq 2): its contents were changed" in capsys.readouterr().err


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a direct DELETE needs no trigger here")
def test_verify_finds_deleted_entries_even_the_newest_once_sealed(manager):
    entries(manager, 4)
    integrity.seal()
    raw("DELETE FROM audit_accesslog WHERE seq = 4")
    report = integrity.verify()
    assert any("seq 4 is not the one sealed" in p for p in report.problems)
    raw("DELETE FROM audit_accesslog WHERE seq = 2")
    assert any("expected seq 2" in p for p in integrity.verify().problems)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a direct UPDATE needs no trigger here")
def test_verify_finds_sealed_change_history_changed_in_the_database(child, capsys):
    Child.objects.filter(pk=child.pk).update(first_name="Alexa")  # no history: not our path
    child.first_name = "Sam"
    child.save()
    call_command("audit", "seal")
    assert integrity.verify().ok
    table = Child.history.model._meta.db_table
    first = f"(SELECT MIN(history_id) FROM {table})"  # noqa: S608 (our own table name)
    raw(f"UPDATE {table} SET first_name = 'Forged' WHERE history_id = {first}")  # noqa: S608
    problems = integrity.verify().problems
    assert any(table in p and "changed, added or deleted" in p for p in problems)


def test_unsealed_history_is_reported_not_flagged(child):
    report = integrity.verify()
    assert report.ok and report.history_rows_unsealed > 0
    integrity.seal()
    report = integrity.verify()
    assert report.ok and report.history_rows_unsealed == 0 and report.seals == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgres_refuses_update_and_delete_on_audit_and_history_tables(manager, child):
    from django.db import DatabaseError

    entries(manager, 1)
    history = Child.history.model._meta.db_table
    for sql in (
        "UPDATE audit_accesslog SET reason = 'x'",
        "DELETE FROM audit_accesslog",
        f"UPDATE {history} SET first_name = 'x'",  # noqa: S608
        f"DELETE FROM {history}",  # noqa: S608
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            raw(sql)


def test_no_code_path_changes_or_deletes_history_rows():
    """simple-history rows are only ever created: no update or delete of them in our code."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"\.history\.[^\n]*\.(update|delete|bulk_update)\(|Historical\w+\.objects")
    found = []
    for path in root.glob("**/*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if pattern.search(line):
                found.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)
