"""Care proceedings (per child or sibling group) and the IRO's legal status discussions.

A proceedings' length and whether it finished within 26 weeks come from ``rules.legal``.
"""

from django.db import models

from iro_tracker.audit.history import AuditedHistory
from iro_tracker.children.models import Child, Source
from iro_tracker.rules import codes
from iro_tracker.rules.legal import OUTCOMES, length_in_weeks, proceedings_deadline, within_limit


class CareProceedings(models.Model):
    """One set of care proceedings, as the seed report counts them (§7.1)."""

    children = models.ManyToManyField(Child, related_name="care_proceedings")
    issued_on = models.DateField("Date issued")
    court = models.CharField(max_length=200, blank=True)
    case_number = models.CharField(max_length=40, blank=True)
    interim_hearing_on = models.DateField("Interim hearing", null=True, blank=True)
    final_hearing_on = models.DateField("Final hearing", null=True, blank=True)
    concluded_on = models.DateField(
        "Date decided", null=True, blank=True, help_text="The final order, or the withdrawal"
    )
    outcome = models.CharField(max_length=30, choices=OUTCOMES, blank=True)
    iro_contribution_on = models.DateField(
        "IRO contributed to the final care plan", null=True, blank=True
    )
    notes = models.TextField(blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ENTERED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = AuditedHistory(m2m_fields=["children"])

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name_plural = "care proceedings"
        constraints = [
            models.CheckConstraint(
                name="proceedings_outcome_when_decided",
                condition=(models.Q(concluded_on__isnull=True) & models.Q(outcome=""))
                | (models.Q(concluded_on__isnull=False) & ~models.Q(outcome="")),
            ),
            models.CheckConstraint(
                name="proceedings_decided_after_issue",
                condition=models.Q(concluded_on__isnull=True)
                | models.Q(concluded_on__gte=models.F("issued_on")),
            ),
        ]
        indexes = [models.Index(fields=["issued_on"], name="proceedings_issued_idx")]

    def __str__(self) -> str:
        return f"Care proceedings issued {self.issued_on}"

    @property
    def deadline(self):
        return proceedings_deadline(self.issued_on)

    @property
    def length_weeks(self) -> float | None:
        return length_in_weeks(self.issued_on, self.concluded_on) if self.concluded_on else None

    @property
    def within_26_weeks(self) -> bool | None:
        return within_limit(self.issued_on, self.concluded_on) if self.concluded_on else None


class DiscussionOutcome(models.TextChoices):
    STATUS_RIGHT = "status_right", "The legal status is still the right one"
    PLAN_TO_CHANGE = "plan_to_change", "A plan is in place to change the legal status"
    REVOKE_PLACEMENT_ORDER = (
        "revoke_placement_order",
        "Adoption is no longer the plan: the placement order should be revoked",
    )
    NOT_AGREED = "not_agreed", "Not agreed: to be raised through issues resolution"


class LegalStatusDiscussion(models.Model):
    """The IRO discussed the child's legal status with the social work team (seed §7.4)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="legal_discussions")
    discussed_on = models.DateField("Date discussed")
    legal_status = models.CharField(
        max_length=2, choices=codes.LEGAL_STATUS.choices(), blank=True, help_text="903 LS then"
    )
    with_whom = models.CharField("Discussed with", max_length=200)
    outcome = models.CharField(max_length=30, choices=DiscussionOutcome.choices)
    plan = models.TextField("What will happen, and by when", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = AuditedHistory()

    class Meta:
        ordering = ["child", "-discussed_on", "-pk"]
        indexes = [
            models.Index(fields=["child", "discussed_on"], name="legal_discussion_child_idx")
        ]

    def __str__(self) -> str:
        return f"Legal status discussion for {self.child} on {self.discussed_on}"
