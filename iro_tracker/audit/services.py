"""The one way to write the access log, and the break-glass grants.

Every entry is chained to the one before it (``audit.chain``). Writers are serialised by the
row lock on ``ChainHead`` (PostgreSQL) or by the IMMEDIATE transaction's write lock (SQLite),
so two requests can never take the same place in the chain.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from iro_tracker.audit import chain
from iro_tracker.audit.models import AccessGrant, AccessLog, Action, ChainHead, HistoryLink


def _tails() -> dict:
    """Where each chain ends now, read from the chains themselves (to start a missing head)."""
    last = AccessLog.objects.exclude(seq=None).order_by("-seq").values("seq", "hash").first()
    link = HistoryLink.objects.order_by("-seq").values("seq", "hash").first()
    return {
        "seq": last["seq"] if last else 0,
        "hash": last["hash"] if last else chain.GENESIS,
        "history_seq": link["seq"] if link else 0,
        "history_hash": link["hash"] if link else chain.GENESIS,
    }


def take_places(chain_name: str, count: int = 1) -> tuple[int, str]:
    """Reserve ``count`` places at the end of a chain ("log" or "history"), under the head's
    row lock; return the first place's sequence number and the hash it follows.

    The caller must write its entries and then ``set_head`` in the same transaction.
    """
    seq, hash_ = ("seq", "hash") if chain_name == "log" else ("history_seq", "history_hash")
    table = ChainHead._meta.db_table
    for _attempt in range(2):
        with connection.cursor() as cursor:
            # UPDATE takes the row lock before reading, and PostgreSQL re-reads the row after a
            # concurrent writer commits, so the values returned are never stale.
            cursor.execute(
                f"UPDATE {table} SET {seq} = {seq} + %s WHERE id = 1 RETURNING {seq}, {hash_}",  # noqa: S608
                [count],
            )
            row = cursor.fetchone()
        if row is not None:
            return row[0] - count + 1, row[1]
        # No head yet (a new or flushed database): start it from the chains' last entries.
        # Two first writers racing here both insert id 1; the loser's IntegrityError ends
        # its request.
        ChainHead.objects.create(id=1, **_tails())
    raise RuntimeError("The audit chain's head could not be created.")


def set_head(chain_name: str, last_hash: str) -> None:
    field = "hash" if chain_name == "log" else "history_hash"
    ChainHead.objects.filter(id=1).update(**{field: last_hash})


def log_access(
    user,
    action: str,
    *,
    path: str,
    child=None,
    detail: str = "",
    reason: str = "",
    row_count: int | None = None,
) -> AccessLog:
    """Record that ``user`` viewed or exported children's data. Cannot be switched off."""
    entry = AccessLog(
        user=user,
        action=action,
        child=child,
        path=path[:300],
        detail=detail[:300],
        reason=reason[:300],
        row_count=row_count,
        at=timezone.now(),
    )
    # savepoint=False: inside a request's or a test's transaction this adds no queries; when
    # outermost it opens a transaction (BEGIN IMMEDIATE on SQLite) that holds the lock.
    with transaction.atomic(savepoint=False):
        entry.seq, entry.prev_hash = take_places("log")
        values = {field: getattr(entry, field) for field in chain.LOG_FIELDS if field != "seq"}
        values["seq"] = entry.seq
        entry.hash = chain.log_hash(values, entry.prev_hash)
        entry.save(force_insert=True)
        set_head("log", entry.hash)
    return entry


def _grant_reason(request, child) -> str:
    grants = getattr(request.user, "_iro_grants", {})
    grant = grants.get(child.pk)
    return grant.reason if grant is not None else ""


def log_child_view(request, child, detail: str = "") -> AccessLog:
    return log_access(
        request.user,
        Action.VIEW,
        path=request.get_full_path(),
        child=child,
        detail=detail,
        reason=_grant_reason(request, child),
    )


def log_form_view(request, children, detail: str) -> None:
    """Opening a page about ``children`` (a form showing who they are) is a view of each
    child's record. Logged on GET: a POST that shows the form again with its errors is the
    same visit."""
    if request.method == "GET":
        for child in children:
            log_child_view(request, child, detail=detail)


def log_export(request, detail: str, row_count: int) -> AccessLog:
    return log_access(
        request.user,
        Action.EXPORT,
        path=request.get_full_path(),
        detail=detail,
        row_count=row_count,
    )


# --- break glass ------------------------------------------------------------------------------


def live_grant(user, child) -> AccessGrant | None:
    """The user's grant to see ``child`` that has not yet expired, if any."""
    return (
        AccessGrant.objects.filter(user=user, child=child, expires_at__gt=timezone.now())
        .order_by("-expires_at")
        .first()
    )


@transaction.atomic
def grant_access(user, child, *, reason: str, path: str) -> AccessGrant:
    """Let ``user`` open ``child``'s record for ``IRO_BREAK_GLASS_HOURS``, for ``reason``.

    The reason goes into the access log now and on every view made under the grant.
    """
    reason = " ".join(reason.split())[:300]
    if len(reason) < 10:
        from django.core.exceptions import ValidationError

        raise ValidationError({"reason": ["Say why you need to open this record."]})
    now = timezone.now()
    grant = AccessGrant.objects.create(
        user=user,
        child=child,
        reason=reason,
        granted_at=now,
        expires_at=now + timedelta(hours=settings.IRO_BREAK_GLASS_HOURS),
    )
    log_access(user, Action.JUSTIFY, path=path, child=child, reason=reason)
    return grant
