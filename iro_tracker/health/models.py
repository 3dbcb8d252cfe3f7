"""A looked-after child's health records: assessments, dental checks, immunisations, SDQs.

Due dates are never stored: ``rules.health`` works them out from these rows and the child's
episodes each time, so a corrected episode or a late entry can never leave a stale date
behind. A row imported from the 903 OC2 table (``source`` imported) knows only that the
check was done in the year to 31 March: it is dated 31 March with ``date_known`` False.
"""

from django.db import models

from iro_tracker.audit.history import AuditedHistory
from iro_tracker.children.models import Child, Source
from iro_tracker.rules import codes

IMPORTED = models.Q(source=Source.IMPORTED)


class Kind(models.TextChoices):
    INITIAL = "initial", "Initial health assessment"
    REVIEW = "review", "Review health assessment"


class Record(models.Model):
    """What every health record carries: whose, where from, and its change history."""

    date_known = models.BooleanField(
        default=True,
        help_text="False when imported from the 903 OC2 table, which gives the year only",
    )
    notes = models.TextField(blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ENTERED)
    collection_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The SSDA903 collection year (its first year) imported from",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class HealthAssessment(Record):
    """An initial or review health assessment: requested, then completed or refused."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="health_assessments")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    requested_on = models.DateField("Date requested", null=True, blank=True)
    completed_on = models.DateField("Date completed", null=True, blank=True)
    refused_on = models.DateField("Date the child refused", null=True, blank=True)
    history = AuditedHistory()

    class Meta:
        # Completed in date order, then those still outstanding, on both databases
        # (PostgreSQL would otherwise put the blank dates last and SQLite first).
        ordering = [
            "child",
            models.F("completed_on").asc(nulls_last=True),
            models.F("requested_on").asc(nulls_last=True),
            "pk",
        ]
        constraints = [
            models.CheckConstraint(
                name="health_assessment_one_outcome",
                condition=models.Q(completed_on__isnull=True) | models.Q(refused_on__isnull=True),
            ),
            models.CheckConstraint(
                name="health_assessment_has_a_date",
                condition=models.Q(requested_on__isnull=False)
                | models.Q(completed_on__isnull=False)
                | models.Q(refused_on__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["child", "kind", "collection_year"],
                condition=IMPORTED,
                name="health_assessment_one_import_per_year",
            ),
        ]
        indexes = [models.Index(fields=["child", "kind"], name="health_assessment_child_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.child}"


class DentalCheck(Record):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="dental_checks")
    checked_on = models.DateField("Date of the dental check", help_text="903 OC2 TEETH_CHECK")
    history = AuditedHistory()

    class Meta:
        ordering = ["child", "checked_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "collection_year"],
                condition=IMPORTED,
                name="dental_check_one_import_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"Dental check for {self.child} on {self.checked_on}"


class ImmunisationRecord(Record):
    """Whether the child's immunisations were up to date on a date (903 OC2 IMMUNISATIONS)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="immunisations")
    recorded_on = models.DateField("Date checked")
    up_to_date = models.BooleanField("Immunisations up to date")
    history = AuditedHistory()

    class Meta:
        ordering = ["child", "recorded_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "collection_year"],
                condition=IMPORTED,
                name="immunisation_one_import_per_year",
            ),
        ]

    def __str__(self) -> str:
        state = "up to date" if self.up_to_date else "not up to date"
        return f"Immunisations {state} for {self.child} on {self.recorded_on}"


class SdqScore(Record):
    """A Strengths and Difficulties Questionnaire: a total score 0-40, or why there is none."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="sdq_scores")
    completed_on = models.DateField("Date completed")
    score = models.PositiveSmallIntegerField(
        "Total score", null=True, blank=True, help_text="903 OC2 SDQ_SCORE, 0 to 40"
    )
    reason = models.CharField(
        "Reason there is no score",
        max_length=4,
        choices=codes.SDQ_REASON.choices(),
        blank=True,
        help_text="903 OC2 SDQ_REASON",
    )
    history = AuditedHistory()

    class Meta:
        ordering = ["child", "completed_on", "pk"]
        constraints = [
            models.CheckConstraint(
                name="sdq_score_or_reason",
                condition=(models.Q(score__isnull=False) & models.Q(reason=""))
                | (models.Q(score__isnull=True) & ~models.Q(reason="")),
            ),
            models.CheckConstraint(
                name="sdq_score_0_to_40",
                condition=models.Q(score__isnull=True) | models.Q(score__lte=40),
            ),
            models.UniqueConstraint(
                fields=["child", "collection_year"],
                condition=IMPORTED,
                name="sdq_one_import_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"SDQ for {self.child} on {self.completed_on}"
