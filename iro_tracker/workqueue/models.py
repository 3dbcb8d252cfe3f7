"""What the work queue, the reminders and the calendar feeds need to remember.

- ``Invitation``: that the invitations to a review went out (the review itself belongs to the
  reviews app, so the fact is kept here, keyed to it).
- ``ReminderSent``: one row per reminder sent, unique per user, kind, object and period, so a
  cron job run twice never sends the same reminder twice.
- ``CalendarToken``: the secret in an IRO's calendar feed address. Only its SHA-256 digest is
  stored: a leaked database does not leak working feed addresses.
"""

from django.conf import settings
from django.db import models

from iro_tracker.audit.history import AuditedHistory


class Invitation(models.Model):
    review = models.OneToOneField(
        "reviews.Review", on_delete=models.PROTECT, related_name="invitation"
    )
    sent_on = models.DateField("Invitations sent")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = AuditedHistory()

    def __str__(self) -> str:
        return f"Invitations for {self.review} sent {self.sent_on}"


class ReminderSent(models.Model):
    """A reminder that went out. Written in the same transaction as the sending."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reminders_sent"
    )
    kind = models.CharField(max_length=40)
    object_key = models.CharField(
        max_length=60,
        blank=True,
        help_text='What it was about, e.g. "review:12"; empty for a digest',
    )
    period = models.CharField(max_length=20, help_text='e.g. "2019-W05" for a weekly digest')
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "object_key", "period"], name="reminder_sent_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_key} to {self.user} for {self.period}"


class CalendarToken(models.Model):
    """A per-user secret for the calendar feed. Revoked tokens are kept for the record."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="calendar_tokens"
    )
    digest = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(revoked_at__isnull=True),
                name="calendar_token_one_live_per_user",
            )
        ]

    def __str__(self) -> str:
        state = "revoked" if self.revoked_at else "live"
        return f"Calendar token for {self.user} ({state})"
