"""Issues resolution (IRO Handbook ch. 6) and the IRO's oversight between reviews.

An ``Issue`` is raised by the IRO about one child, first informally and then, if need be,
formally through the authority's ``Stage`` levels of seniority. Each level the issue reaches is a
``Step`` with its responder, response due date and response. The formal process has one clock:
20 working days from the day it was formally raised to the recorded resolution. Every action
writes a ``DisputeEvent``: the dated entries shown on the child's record.

Between reviews the IRO meets the social worker (``MidwayMeeting``) and keeps in touch with the
child (``ChildContact``). Changes go through ``disputes.services`` and ``disputes.oversight``.
"""

from django.conf import settings
from django.db import models

from iro_tracker.audit.history import AuditedHistory
from iro_tracker.children.models import Child

INFORMAL = "Informal"


class Theme(models.TextChoices):
    """What the issue is about: the unit's code list (issue 5), never deleted."""

    CARE_PLAN = "care_plan", "Care plan"
    PLACEMENT = "placement", "Placement"
    CONTACT = "contact", "Contact"
    LEGAL_STATUS = "legal_status", "Legal status"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    DOCUMENTATION = "documentation", "Documentation not received"
    DRIFT = "drift", "Drift and delay"
    OTHER = "other", "Other"


class IssueStatus(models.TextChoices):
    INFORMAL = "informal", "Informal resolution"
    FORMAL = "formal", "Formal process"
    CLOSED = "closed", "Closed"


class Outcome(models.TextChoices):
    RESOLVED = "resolved", "Resolved"
    PARTLY_RESOLVED = "partly_resolved", "Partly resolved"
    NOT_RESOLVED = "not_resolved", "Not resolved"
    WITHDRAWN = "withdrawn", "Withdrawn"
    CAFCASS = "cafcass", "Referred to Cafcass"


class Stage(models.Model):
    """A level of seniority in the authority's formal process, lowest first.

    Seeded with the defaults of issue 5; an authority renames, reorders, retimes or switches off
    stages in the admin. A stage is never deleted: past issues keep the stage they reached.
    """

    name = models.CharField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(
        unique=True, help_text="Order of seniority: 1 is the first formal stage"
    )
    response_working_days = models.PositiveSmallIntegerField(
        default=5, help_text="Working days the responder has to reply"
    )
    active = models.BooleanField(default=True, help_text="Switched-off stages cannot be chosen")
    history = AuditedHistory()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(
                name="stage_position_positive", condition=models.Q(position__gt=0)
            )
        ]

    def __str__(self) -> str:
        return self.name


class IssueQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=IssueStatus.CLOSED)

    def with_people(self):
        return self.select_related("child", "iro", "review")


class Issue(models.Model):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="issues")
    theme = models.CharField(max_length=20, choices=Theme.choices)
    summary = models.TextField("What is the issue?")
    iro = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="IRO",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issues",
        help_text="The IRO who raised it (for an automatic issue, the child's IRO then)",
    )
    raised_on = models.DateField()
    review = models.ForeignKey(
        "reviews.Review",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issues",
        help_text="The review it concerns, for documentation issues",
    )
    automatic = models.BooleanField(
        default=False, help_text="Raised by IRO Tracker because documents had not arrived"
    )
    status = models.CharField(
        max_length=10, choices=IssueStatus.choices, default=IssueStatus.INFORMAL
    )
    formal_started_on = models.DateField("Formal process started", null=True, blank=True)
    resolution_due = models.DateField(null=True, blank=True)
    resolution_due_explanation = models.CharField(max_length=300, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(blank=True)
    closed_on = models.DateField(null=True, blank=True)
    cafcass_referred_on = models.DateField("Referred to Cafcass", null=True, blank=True)
    cafcass_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = AuditedHistory()

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_on", "-pk"]
        constraints = [
            # The documentation check may run many times (and twice at once): the database,
            # not the code, guarantees one automatic issue per review.
            models.UniqueConstraint(
                fields=["review"],
                condition=models.Q(automatic=True),
                name="issue_one_automatic_per_review",
            ),
            models.CheckConstraint(
                name="issue_closed_has_outcome",
                condition=~models.Q(status="closed")
                | (models.Q(closed_on__isnull=False) & ~models.Q(outcome="")),
            ),
            models.CheckConstraint(
                name="issue_formal_has_start",
                condition=models.Q(formal_started_on__isnull=True)
                | models.Q(resolution_due__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "iro"], name="issue_status_iro_idx"),
            models.Index(fields=["raised_on"], name="issue_raised_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_theme_display()} issue for {self.child} ({self.raised_on})"

    @property
    def is_open(self) -> bool:
        return self.status != IssueStatus.CLOSED

    @property
    def is_formal(self) -> bool:
        return self.formal_started_on is not None


class Step(models.Model):
    """The issue at one stage: who was asked, by when, and what they said."""

    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, related_name="steps")
    stage = models.ForeignKey(
        Stage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="steps",
        help_text="Empty for informal resolution",
    )
    started_on = models.DateField()
    responder = models.CharField(
        max_length=200, help_text="Name and role of the person asked to respond"
    )
    response_due = models.DateField()
    response_due_explanation = models.CharField(max_length=300)
    response = models.TextField(blank=True)
    responded_on = models.DateField(null=True, blank=True)
    history = AuditedHistory()

    class Meta:
        ordering = ["issue", "started_on", "pk"]

    def __str__(self) -> str:
        return f"{self.stage_name} for {self.issue}"

    @property
    def stage_name(self) -> str:
        return self.stage.name if self.stage_id else INFORMAL

    @property
    def awaiting_response(self) -> bool:
        return self.responded_on is None


class EventKind(models.TextChoices):
    RAISED = "raised", "Raised"
    ESCALATED = "escalated", "Escalated"
    RESPONSE = "response", "Response received"
    NOTE = "note", "Action taken"
    CAFCASS = "cafcass", "Referred to Cafcass"
    DOCUMENTS = "documents", "Documents received"
    CLOSED = "closed", "Closed"


class DisputeEvent(models.Model):
    """A dated entry on the child's record for every action on an issue. Append-only."""

    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, related_name="events")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="dispute_events")
    kind = models.CharField(max_length=10, choices=EventKind.choices)
    on = models.DateField(help_text="The date the action happened")
    text = models.TextField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when IRO Tracker acted by itself",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-pk"]
        indexes = [models.Index(fields=["child", "on"], name="disputeevent_child_on_idx")]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}: {self.text[:40]}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Dispute events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Dispute events are append-only.")


# --- oversight between reviews ---------------------------------------------------------------


class MidwayMeeting(models.Model):
    """The IRO's discussion with the social worker between reviews (local practice, LAC-13)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="midway_meetings")
    iro = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="midway_meetings"
    )
    held_on = models.DateField("Date of the meeting")
    social_worker = models.CharField(max_length=100, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = AuditedHistory()

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["child", "held_on"], name="midway_child_held_idx")]

    def __str__(self) -> str:
        return f"Midway meeting for {self.child} ({self.held_on})"


class ContactMethod(models.TextChoices):
    VISIT = "visit", "Visit"
    CALL = "call", "Phone or video call"
    MESSAGE = "message", "Message (text, email or letter)"


class ChildContact(models.Model):
    """The IRO's own contact with the child between reviews (seed report §9.10-9.11)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="iro_contacts")
    iro = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="child_contacts"
    )
    on = models.DateField("Date of the contact")
    method = models.CharField(max_length=10, choices=ContactMethod.choices)
    seen_alone = models.BooleanField(
        "Child seen or spoken to alone", null=True, blank=True, help_text="Empty for a message"
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = AuditedHistory()

    class Meta:
        ordering = ["-on", "-pk"]
        indexes = [models.Index(fields=["child", "on"], name="contact_child_on_idx")]

    def __str__(self) -> str:
        return f"{self.get_method_display()} with {self.child} ({self.on})"
