"""Who looked at which child's record, and when. Change history is kept by simple-history."""

from django.conf import settings
from django.db import models


class Action(models.TextChoices):
    VIEW = "view", "Viewed record"
    EXPORT = "export", "Exported data"
    LIST = "list", "Viewed list"


class AccessLog(models.Model):
    """Append-only: rows are written by ``audit.services.log_access`` and never changed."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
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

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["child", "at"], name="accesslog_child_at_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.path}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The access log is append-only.")
