"""Child protection: strategy discussions, conferences, plans and core groups (Working Together).

A conference may concern several children (a sibling group): ``Conference`` is the meeting,
``ConferenceChild`` each child's part in it (their outcome, plan category and the date the
conference was due for them). Due dates come from ``rules.timescales`` with the sentence that
explains them, and are written by ``conferences.services``, never computed by a model.
"""

from django.conf import settings
from django.db import models

from iro_tracker.audit.history import AuditedHistory
from iro_tracker.children.models import Child, Source
from iro_tracker.rules import codes
from iro_tracker.rules.metrics import cp as cp_rules


class Kind(models.TextChoices):
    INITIAL = cp_rules.INITIAL, "Initial child protection conference"
    REVIEW = cp_rules.REVIEW, "Review child protection conference"
    TRANSFER_IN = cp_rules.TRANSFER_IN, "Transfer-in conference"


class Outcome(models.TextChoices):
    PLAN_STARTED = cp_rules.PLAN_STARTED, "Plan started"
    PLAN_CONTINUED = cp_rules.PLAN_CONTINUED, "Plan continued"
    PLAN_ENDED = cp_rules.PLAN_ENDED, "Plan ended"
    NOT_NEEDED = cp_rules.NOT_NEEDED, "No plan needed"


class Category(models.TextChoices):
    NEGLECT = "neglect", "Neglect"
    EMOTIONAL = "emotional", "Emotional abuse"
    PHYSICAL = "physical", "Physical abuse"
    SEXUAL = "sexual", "Sexual abuse"
    MULTIPLE = "multiple", "Multiple"


class AttendeeRole(models.TextChoices):
    PARENT = "parent", "Parent or carer"
    CHILD = "child", "Child or young person"
    SOCIAL_WORKER = "social_worker", "Social worker"
    POLICE = "police", "Police"
    HEALTH = "health", "Health (health visitor, school nurse, GP)"
    EDUCATION = "education", "Education (school, nursery)"
    OTHER = "other", "Other agency"


# Working Together: a conference is quorate with children's social care and at least two
# other agencies with direct contact with the child.
AGENCY_ROLES = frozenset({"police", "health", "education", "other"})

LATE_REASON_CHOICES = [(c.code, c.label) for c in codes.LATE_REASON]


class SiblingGroup(models.Model):
    """Children of one family, who share their conferences and, normally, their IRO.

    Formed when a strategy discussion or conference concerns several children, or by a system
    administrator in the admin. A child belongs to at most one group (one ``SiblingLink``).
    """

    name = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = AuditedHistory()

    def __str__(self) -> str:
        return self.name or f"Sibling group {self.pk}"


class SiblingLink(models.Model):
    group = models.ForeignKey(SiblingGroup, on_delete=models.CASCADE, related_name="links")
    child = models.OneToOneField(Child, on_delete=models.PROTECT, related_name="sibling_link")
    history = AuditedHistory()

    def __str__(self) -> str:
        return f"{self.child} in {self.group}"


class StrategyDiscussion(models.Model):
    """The multi-agency discussion that started a section 47 enquiry into one or more children.

    The initial conference is due 15 working days after it; the CIN census measures the same
    15 working days from the s47 start, so both due dates are kept.
    """

    held_on = models.DateField("Date of the strategy discussion")
    s47_started_on = models.DateField("Date the section 47 enquiry started", null=True, blank=True)
    icpc_due = models.DateField()
    icpc_due_explanation = models.CharField(max_length=300)
    icpc_due_s47 = models.DateField(null=True, blank=True)
    icpc_due_s47_explanation = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ENTERED)
    created_at = models.DateTimeField(auto_now_add=True)
    history = AuditedHistory()

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"Strategy discussion {self.held_on}"


class EnquiryChild(models.Model):
    """A child the strategy discussion concerned. ``conference`` is the initial conference
    that answered it; while empty and not closed, the child's initial conference is pending."""

    discussion = models.ForeignKey(
        StrategyDiscussion, on_delete=models.PROTECT, related_name="enquiry_children"
    )
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="enquiries")
    conference = models.ForeignKey(
        "Conference", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_reason = models.CharField(
        "Why no conference was held", max_length=200, blank=True, help_text="e.g. s47 unfounded"
    )
    history = AuditedHistory()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["discussion", "child"], name="enquiry_child_unique"),
        ]
        indexes = [models.Index(fields=["conference", "closed_reason"], name="enquiry_open_idx")]

    def __str__(self) -> str:
        return f"{self.child} in the enquiry of {self.discussion.held_on}"


class Conference(models.Model):
    """One child protection conference (a meeting), about one child or a sibling group."""

    kind = models.CharField(max_length=12, choices=Kind.choices)
    held_on = models.DateField("Date of the conference")
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="chaired_conferences"
    )
    quorate = models.BooleanField(default=True)
    # [{"role": AttendeeRole, "name": str, "attended": bool}]: who was invited and came.
    attendees = models.JSONField(default=list, blank=True)
    strategy_discussion = models.ForeignKey(
        StrategyDiscussion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conferences",
    )
    late_reason = models.CharField(max_length=20, choices=LATE_REASON_CHOICES, blank=True)
    late_reason_note = models.TextField(blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ENTERED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: raised by every change through conferences.services; a form showing
    # an older version is refused with what changed (audit.changes).
    version = models.PositiveIntegerField(default=1)
    history = AuditedHistory()

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [
            models.Index(fields=["held_on"], name="conference_held_idx"),
            models.Index(fields=["chair", "held_on"], name="conference_chair_held_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on}"


class ChildProtectionPlan(models.Model):
    """A child's plan from the conference that started it to the one that ended it.

    ``chair`` is the chair of its latest conference (the child's CP chair, counted in their
    caseload); ``next_review_due`` is the next review conference's due date while it lasts.
    """

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="cp_plans")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    category = models.CharField(max_length=10, choices=Category.choices)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cp_plans"
    )
    next_review_due = models.DateField(null=True, blank=True)
    next_review_explanation = models.CharField(max_length=300, blank=True)
    core_group_due = models.DateField("First core group due", null=True, blank=True)
    core_group_due_explanation = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ENTERED)
    history = AuditedHistory()

    class Meta:
        ordering = ["child", "-start_date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(end_date__isnull=True),
                name="cp_plan_one_open_per_child",
            ),
            models.CheckConstraint(
                name="cp_plan_end_after_start",
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
            ),
        ]
        indexes = [
            models.Index(fields=["end_date", "next_review_due"], name="cp_plan_open_due_idx"),
            models.Index(fields=["chair", "end_date"], name="cp_plan_chair_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.child}: {self.get_category_display()} from {self.start_date}"

    @property
    def is_open(self) -> bool:
        return self.end_date is None


class ConferenceChild(models.Model):
    """One child at one conference: their outcome, the plan it concerns, when the conference
    was due for them (and on the s47 basis for an initial conference), and what is due next."""

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="rows")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="conference_rows")
    plan = models.ForeignKey(
        ChildProtectionPlan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conference_rows",
    )
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    category = models.CharField(max_length=10, choices=Category.choices, blank=True)
    due_date = models.DateField(null=True, blank=True)
    due_explanation = models.CharField(max_length=300, blank=True)
    s47_due_date = models.DateField(null=True, blank=True)
    s47_due_explanation = models.CharField(max_length=300, blank=True)
    next_due_date = models.DateField(null=True, blank=True)
    next_due_explanation = models.CharField(max_length=300, blank=True)
    history = AuditedHistory()

    class Meta:
        ordering = ["conference__held_on", "child", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "child"], name="conference_child_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.child} at {self.conference}"

    @property
    def days_late(self) -> int | None:
        if self.due_date is None:
            return None
        return max(0, (self.conference.held_on - self.due_date).days)

    @property
    def on_time(self) -> bool | None:
        late = self.days_late
        return None if late is None else late == 0


class CoreGroup(models.Model):
    """A core group meeting of a plan (the first is due 10 working days after it started)."""

    plan = models.ForeignKey(
        ChildProtectionPlan, on_delete=models.PROTECT, related_name="core_groups"
    )
    held_on = models.DateField("Date of the core group")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ENTERED)
    history = AuditedHistory()

    class Meta:
        ordering = ["plan", "held_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "held_on"], name="core_group_unique_date"),
        ]

    def __str__(self) -> str:
        return f"Core group on {self.held_on}"
