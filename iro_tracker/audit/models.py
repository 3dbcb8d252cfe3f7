"""Who looked at which child's record, and when; the reasons given to open a record outside
one's caseload; and the hash chain over the change history (kept by simple-history). Every
table here except the chains' head is append-only: no update or delete through the
application, and on PostgreSQL a trigger refuses them (``audit.guards``, after every migrate).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AppendOnlyError(PermissionError):
    """Raised by any attempt to change or delete an audit row through the ORM."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model._meta.verbose_name} rows are append-only.")

    def delete(self):
        raise AppendOnlyError(f"{self.model._meta.verbose_name} rows are append-only.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError(f"{self.model._meta.verbose_name} rows are append-only.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{self._meta.verbose_name} rows are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.verbose_name} rows are append-only.")


class Action(models.TextChoices):
    VIEW = "view", "Viewed record"
    EXPORT = "export", "Exported data"
    LIST = "list", "Viewed list"
    JUSTIFY = "justify", "Gave a reason to open the record"


class AccessLog(AppendOnlyModel):
    """Append-only: rows are written by ``audit.services.log_access`` and never changed.

    Each row is chained to the one before it: ``hash`` is SHA-256 over the row's canonical
    fields and ``prev_hash`` (see ``audit.chain``), and ``seq`` numbers the rows without gaps,
    so a row changed, removed or inserted directly in the database is found by
    ``iro audit verify``.
    """

    # Set by log_access before the hash is computed (auto_now_add would overwrite it later).
    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_log"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    child = models.ForeignKey(
        "children.Child",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_log",
    )
    path = models.CharField(max_length=300)
    detail = models.CharField(max_length=300, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    row_count = models.PositiveIntegerField(null=True, blank=True)
    seq = models.PositiveBigIntegerField(null=True, editable=False)
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["child", "at"], name="accesslog_child_at_idx")]
        constraints = [models.UniqueConstraint(fields=["seq"], name="accesslog_seq_unique")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.path}"


class ChainHead(models.Model):
    """The ends of the access log's and the change history's hash chains: one row, updated
    under its row lock (one row for both, so writers always lock in the same order).

    ``UPDATE ... RETURNING`` on this row is what serialises writers of the access log on
    PostgreSQL (the row lock is held to commit, and a waiting writer re-reads the row once the
    first commits); on SQLite the IMMEDIATE transaction has already taken the database's write
    lock. Not part of the evidence: ``iro audit verify`` checks the log itself.
    """

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, blank=True)
    history_seq = models.PositiveBigIntegerField(default=0)
    history_hash = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"Access log head at {self.seq}"


class AccessGrant(AppendOnlyModel):
    """A chair's justified access to a child outside their caseload ("break glass").

    Lasts ``settings.IRO_BREAK_GLASS_HOURS`` from ``granted_at``; the reason is also written
    to the access log (a ``justify`` entry, and on every view made under the grant).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_grants"
    )
    child = models.ForeignKey(
        "children.Child", on_delete=models.PROTECT, related_name="access_grants"
    )
    reason = models.CharField(max_length=300)
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-granted_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "child", "expires_at"], name="grant_user_child_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} to {self.child} until {self.expires_at:%Y-%m-%d %H:%M}"


class HistoryLink(AppendOnlyModel):
    """One change-history row's place in the history's hash chain.

    simple-history keeps each model's history in its own table; every row written there gets a
    link here in the same transaction (``audit.history``): ``digest`` is SHA-256 over the
    row's canonical values and ``hash`` chains ``seq``, the row's table and id and the digest
    to the link before. ``iro audit verify`` recomputes every digest from the history tables
    and every hash, so a history row changed, deleted or inserted directly in the database,
    or a link removed, is found and named.
    """

    seq = models.PositiveBigIntegerField(unique=True)
    table = models.CharField(max_length=100)
    row_id = models.PositiveBigIntegerField()
    layout = models.CharField(max_length=16)
    digest = models.CharField(max_length=64)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        constraints = [
            models.UniqueConstraint(fields=["table", "row_id"], name="historylink_row_unique")
        ]

    def __str__(self) -> str:
        return f"History link {self.seq}: {self.table} {self.row_id}"


class HistoryLayout(AppendOnlyModel):
    """The columns a history table had when some of its rows were digested.

    A later migration may add a column to a history table (a new field on the model); old rows
    are then verified over the columns they were digested with, named here by ``key``.
    """

    key = models.CharField(max_length=16, unique=True)
    table = models.CharField(max_length=100)
    columns = models.JSONField()

    def __str__(self) -> str:
        return f"{self.table} layout {self.key}"
