"""Who looked at which child's record, and when; the reasons given to open a record outside
one's caseload; and the seals that make the change history (kept by simple-history)
tamper-evident. Every table here is append-only: no update or delete through the application,
and on PostgreSQL a trigger refuses them (migration 0003).
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
        ordering = ["-at"]
        indexes = [models.Index(fields=["child", "at"], name="accesslog_child_at_idx")]
        constraints = [models.UniqueConstraint(fields=["seq"], name="accesslog_seq_unique")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.path}"


class ChainHead(models.Model):
    """The end of the access log's hash chain: one row, updated under its row lock.

    ``UPDATE ... RETURNING`` on this row is what serialises writers of the access log on
    PostgreSQL (the row lock is held to commit, and a waiting writer re-reads the row once the
    first commits); on SQLite the IMMEDIATE transaction has already taken the database's write
    lock. Not part of the evidence: ``iro audit verify`` checks the log itself.
    """

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, blank=True)

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
        ordering = ["-granted_at"]
        indexes = [
            models.Index(fields=["user", "child", "expires_at"], name="grant_user_child_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} to {self.child} until {self.expires_at:%Y-%m-%d %H:%M}"


class HistorySeal(AppendOnlyModel):
    """A digest of the change history and the access log up to a point, itself hash-chained.

    simple-history writes its rows in bulk without signals, so they are not chained one by
    one; ``iro audit seal`` (run by cron, e.g. hourly) digests each history table's rows since
    the last seal, and ``iro audit verify`` recomputes every sealed digest. A row changed or
    deleted after it was sealed is detected; rows newer than the last seal are reported as not
    yet sealed. The seal also pins the access log's head, so deleting its newest rows shows.
    """

    sealed_at = models.DateTimeField(default=timezone.now)
    # {table: {"from": id, "to": id, "count": n, "digest": hex}} for each history table
    tables = models.JSONField(default=dict)
    log_seq = models.PositiveBigIntegerField(default=0)
    log_hash = models.CharField(max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["sealed_at", "pk"]

    def __str__(self) -> str:
        return f"Seal {self.pk} at {self.sealed_at:%Y-%m-%d %H:%M}"
