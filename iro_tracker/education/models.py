"""Personal Education Plans and the IRO's contact with the child's school and virtual school.

The due dates come from ``rules.education`` each time they are shown, never from a column.
"""

from django.conf import settings
from django.db import models

from iro_tracker.audit.history import AuditedHistory
from iro_tracker.children.models import Child, Source
from iro_tracker.rules.education import QUALITY


class PersonalEducationPlan(models.Model):
    """A PEP meeting held, with the IRO's judgement of the plan's quality (seed §9.12)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="peps")
    held_on = models.DateField("Date of the PEP meeting")
    quality = models.CharField(
        "IRO's judgement of quality", max_length=24, choices=QUALITY, blank=True
    )
    quality_note = models.TextField("Why", blank=True)
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="judged_peps",
    )
    judged_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ENTERED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = AuditedHistory()

    class Meta:
        ordering = ["child", "held_on", "pk"]
        verbose_name = "personal education plan"
        constraints = [
            models.UniqueConstraint(fields=["child", "held_on"], name="pep_one_per_child_date"),
        ]

    def __str__(self) -> str:
        return f"PEP for {self.child} on {self.held_on}"


class ContactWith(models.TextChoices):
    SCHOOL = "school", "School"
    VIRTUAL_SCHOOL = "virtual_school", "Virtual school"


class EducationContact(models.Model):
    """The IRO (or the unit) spoke with the child's school or the virtual school."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="education_contacts")
    contact_on = models.DateField("Date of contact")
    with_whom = models.CharField("Contact with", max_length=16, choices=ContactWith.choices)
    name = models.CharField(
        "School or person", max_length=200, blank=True, help_text="For example the school's name"
    )
    notes = models.TextField(blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ENTERED)
    created_at = models.DateTimeField(auto_now_add=True)
    history = AuditedHistory()

    class Meta:
        ordering = ["child", "-contact_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_with_whom_display()} contact for {self.child} on {self.contact_on}"
