"""The access log and change history are append-only and `iro audit verify` finds any edit."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from iro_tracker.audit import chain, integrity
from iro_tracker.audit.models import AccessGrant, AccessLog, AppendOnlyError, HistoryLink
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
def test_verify_finds_deleted_entries_even_the_newest(manager):
    entries(manager, 4)
    raw("DELETE FROM audit_accesslog WHERE seq = 4")
    assert any("ends at seq 3 but 4 entries" in p for p in integrity.verify().problems)
    raw("DELETE FROM audit_accesslog WHERE seq = 2")
    assert any("expected seq 2" in p for p in integrity.verify().problems)


def history_table():
    return Child.history.model._meta.db_table


def first_history_id(child):
    return child.history.order_by("history_id").values_list("history_id", flat=True).first()


def test_every_history_row_is_chained_as_it_is_written(child):
    child.first_name = "Sam"
    child.save()
    links = HistoryLink.objects.filter(table=history_table()).order_by("seq")
    assert [link.row_id for link in links] == sorted(h.pk for h in child.history.all())
    previous = HistoryLink.objects.filter(seq=links.last().seq - 1).get()
    assert links.last().prev_hash == previous.hash
    report = integrity.verify()
    assert report.ok, report.problems
    assert report.history_rows == report.history_links > 0


def test_bulk_written_history_is_chained_too(child):
    from simple_history.utils import bulk_update_with_history

    from iro_tracker.reviews.models import Review

    before = HistoryLink.objects.count()
    Child.history.bulk_history_create([child], default_change_reason="bulk")
    reviews = list(Review.objects.filter(child=child))
    bulk_update_with_history(reviews, Review, ["due_date"])
    assert HistoryLink.objects.count() == before + 1 + len(reviews)
    report = integrity.verify()
    assert report.ok, report.problems
    assert report.history_rows == report.history_links


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a direct UPDATE needs no trigger here")
def test_verify_finds_change_history_changed_in_the_database(child, capsys):
    child.first_name = "Sam"
    child.save()
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out
    row = first_history_id(child)
    raw(f"UPDATE {history_table()} SET first_name = 'Forged' WHERE history_id = %s", [row])  # noqa: S608
    with pytest.raises(CommandError, match="1 problem"):
        call_command("audit", "verify")
    assert f"{history_table()} row {row}: changed after it was written" in capsys.readouterr().err


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a direct write needs no trigger here")
def test_verify_finds_history_rows_deleted_or_inserted_directly(child):
    child.first_name = "Sam"
    child.save()
    row = first_history_id(child)
    raw(f"DELETE FROM {history_table()} WHERE history_id = %s", [row])  # noqa: S608
    assert any(f"row {row}: deleted" in p for p in integrity.verify().problems)
    Child.objects.filter(pk=child.pk).update(first_name="Quiet")  # no history: not our path
    Child.history.model.objects.bulk_create(  # simple-history's table, bypassing the chain
        [Child.history.model(**{**child.history.values().first(), "history_id": None})]
    )
    assert any("not in the chain" in p for p in integrity.verify().problems)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a direct DELETE needs no trigger here")
def test_verify_finds_history_links_removed(child):
    child.first_name = "Sam"
    child.save()
    last = HistoryLink.objects.order_by("-seq").first()
    raw("DELETE FROM audit_historylink WHERE seq = %s", [last.seq])
    problems = integrity.verify().problems
    assert any("change history's chain: ends at seq" in p for p in problems)
    assert any(f"row {last.row_id}: not in the chain" in p for p in problems)


def test_a_column_added_later_does_not_flag_old_rows():
    from iro_tracker.audit.integrity import _check_row

    values = {"history_id": 1, "first_name": "Sam"}
    digest = chain.row_digest(values)
    assert _check_row({**values, "new_column": None}, sorted(values), digest) == ""
    assert "changed" in _check_row({**values, "first_name": "X"}, sorted(values), digest)
    assert "no longer exist" in _check_row({"history_id": 1}, sorted(values), digest)


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
