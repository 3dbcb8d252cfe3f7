"""What the annual report needs that the data does not hold: the population and the narrative.

Both are stored per reporting year (Y = 1 April Y to 31 March Y+1), kept with their full
history, and changed only through ``reporting.services``.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from iro_tracker.audit.history import AuditedHistory


class PopulationEstimate(models.Model):
    """The authority's 0-17 population for reporting year ``year`` (the rate per 10,000).

    The ONS mid-year estimate for the authority's area: the mid-``year`` estimate is the
    usual choice for the report on April ``year`` to March ``year``+1.
    """

    year = models.PositiveSmallIntegerField("Reporting year", unique=True)
    population_0_17 = models.PositiveIntegerField(
        "Children aged 0 to 17", validators=[MinValueValidator(1)]
    )
    source = models.CharField(
        max_length=200, blank=True, help_text="For example, ONS mid-2018 population estimate"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = AuditedHistory()

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                name="population_estimate_positive", condition=models.Q(population_0_17__gte=1)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}-{(self.year + 1) % 100:02d}: {self.population_0_17:,} aged 0-17"


class ReportNarrative(models.Model):
    """A manager's text for one section of one year's report, merged into every format."""

    year = models.PositiveSmallIntegerField("Reporting year")
    section = models.CharField(max_length=40)
    text = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = AuditedHistory()

    class Meta:
        ordering = ["year", "section"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "section"], name="report_narrative_unique_year_section"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.section}"
