"""Looked-after children's statutory reviews (CPPCR 2010 reg 33).

A child in an open period of care always has exactly one *pending* review (not yet held): its
due date comes from ``rules.timescales`` with the sentence that explains it. Recording it as
held creates the next one. Periods and sequence numbers are worked out by
``reviews.services.refresh_schedule`` from the child's episodes, never by the model itself.
"""

from django.conf import settings
from django.db import models

from iro_tracker.audit.history import AuditedHistory
from iro_tracker.children.models import Child, Source
from iro_tracker.rules import codes


class Status(models.TextChoices):
    DUE = "due", "Not yet scheduled"
    SCHEDULED = "scheduled", "Scheduled"
    ADJOURNED = "adjourned", "Adjourned"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


PENDING_STATUSES = (Status.DUE, Status.SCHEDULED, Status.ADJOURNED)


class Kind(models.TextChoices):
    LOOKED_AFTER = "lac", "Looked-after review"
    SHORT_BREAKS = "short_breaks", "Short breaks review (reg 48)"


class ReviewQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status__in=PENDING_STATUSES)

    def held(self):
        return self.filter(status=Status.HELD)

    def with_people(self):
        """What every review list shows: the child, their current IRO and the chair."""
        return self.select_related("child", "chair", "child__team")


class Review(models.Model):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="reviews")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.LOOKED_AFTER)
    period_start = models.DateField(
        "Start of the period of care",
        null=True,
        blank=True,
        help_text="Derived from the child's episodes",
    )
    sequence = models.PositiveSmallIntegerField(
        "Review number in the period",
        null=True,
        blank=True,
        help_text="Blank when the period began before the history held here",
    )
    due_date = models.DateField(null=True, blank=True)
    due_explanation = models.CharField(max_length=300, blank=True)
    scheduled_date = models.DateField(null=True, blank=True)
    held_date = models.DateField(
        "Date held",
        null=True,
        blank=True,
        help_text="903 REVIEW. For an adjourned review, the date the meeting first sat",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DUE)
    participation = models.CharField(
        "Child's participation",
        max_length=3,
        choices=codes.PARTICIPATION.choices(),
        blank=True,
        help_text="903 REVIEW_CODE",
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="chaired_reviews",
    )
    late_reason = models.CharField(
        max_length=20, choices=[(c.code, c.label) for c in codes.LATE_REASON], blank=True
    )
    late_reason_note = models.TextField(blank=True)
    adjourned_on = models.DateField(null=True, blank=True)
    adjourned_reason = models.TextField(blank=True)
    completed_date = models.DateField(
        "Date the adjourned review was completed", null=True, blank=True
    )
    care_plan_received = models.DateField("Care plan received", null=True, blank=True)
    pre_meeting_report_received = models.DateField(
        "Pre-meeting report received", null=True, blank=True
    )
    cancelled_reason = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ENTERED)
    collection_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Latest SSDA903 collection year this record came from"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: raised by every save through reviews.services; a form showing an
    # older version is refused (audit.changes).
    version = models.PositiveIntegerField(default=1)
    history = AuditedHistory()

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["child", "held_date", "due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "held_date"],
                condition=models.Q(status="held"),
                name="review_one_held_per_child_date",
            ),
            models.CheckConstraint(
                name="review_held_has_date",
                condition=~models.Q(status="held") | models.Q(held_date__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"], name="review_status_due_idx"),
            models.Index(fields=["held_date"], name="review_held_idx"),
        ]

    def __str__(self) -> str:
        when = self.held_date or self.scheduled_date or self.due_date
        return f"Review {self.sequence or '?'} for {self.child} ({when})"

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_STATUSES

    @property
    def meeting_date(self):
        """The date that counts for timeliness: held, or else booked."""
        return self.held_date or self.scheduled_date

    @property
    def days_late(self) -> int | None:
        if self.held_date is None or self.due_date is None:
            return None
        return max(0, (self.held_date - self.due_date).days)

    @property
    def on_time(self) -> bool | None:
        late = self.days_late
        return None if late is None else late == 0
