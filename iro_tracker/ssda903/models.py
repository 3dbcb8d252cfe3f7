"""What the SSDA903 import keeps: each run, the problems it found, and the 903 rows the product
does not model (so that nothing imported is silently lost and an export is lossless).

Children, episodes and reviews themselves live in ``children`` and ``reviews``; the loader
(``ssda903.loader``) is the only writer of these three models.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from iro_tracker.audit.history import AuditedHistory


class RunStatus(models.TextChoices):
    PREVIEWED = "previewed", "Previewed (nothing changed)"
    APPLIED = "applied", "Imported"
    FAILED = "failed", "Failed (nothing changed)"


class Severity(models.TextChoices):
    ERROR = "error", "Error"
    FINDING = "finding", "Data-quality finding"
    WARNING = "warning", "Warning"


class ImportRun(models.Model):
    """One run of ``load_903``: a preview (dry run), an import, or a refused import."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ssda903_imports"
    )
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=RunStatus.choices)
    dry_run = models.BooleanField(default=False)
    strict = models.BooleanField(default=False)
    via = models.CharField(max_length=10, default="command", help_text="command or web")
    files = models.JSONField(default=list, help_text="[{name, sha256, table, rows}, ...]")
    years = models.JSONField(default=list, help_text="Collection years read (2018 = 2018-19)")
    summary = models.JSONField(
        default=dict,
        help_text="rows read per table; added/changed/unchanged per record type; problems by rule",
    )
    error_count = models.PositiveIntegerField(default=0)
    finding_count = models.PositiveIntegerField(default=0)
    warning_count = models.PositiveIntegerField(default=0)
    # A web upload keeps its files here between the preview and "Confirm import".
    upload_dir = models.CharField(max_length=300, blank=True)
    preview = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="confirmations",
        help_text="The preview this import confirmed",
    )

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["status", "started_at"], name="importrun_status_idx")]

    def __str__(self) -> str:
        return f"SSDA903 import {self.pk} ({self.get_status_display()})"

    @property
    def year_labels(self) -> list[str]:
        return [f"{y}-{(y + 1) % 100:02d}" for y in self.years]


class FindingQuerySet(models.QuerySet):
    def current(self):
        """Data-quality findings on children as the latest import of each child left them."""
        return self.filter(
            severity=Severity.FINDING, child__isnull=False, superseded_by__isnull=True
        )


class Finding(models.Model):
    """A problem reported by a run, located as file / row / column / value.

    Every problem of every run is kept (the run's page and CSV list them). Findings of an
    applied run are linked to the child; a later import of the child marks them superseded
    (``superseded_by``) instead of deleting them, so the history stays.
    """

    import_run = models.ForeignKey(ImportRun, on_delete=models.PROTECT, related_name="problems")
    child = models.ForeignKey(
        "children.Child",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ssda903_findings",
    )
    child_ref = models.CharField("903 CHILD", max_length=60, blank=True)
    collection_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Blank for checks run on the child's merged years"
    )
    file = models.CharField(max_length=200, blank=True)
    row = models.PositiveIntegerField(null=True, blank=True)
    column = models.CharField(max_length=40, blank=True)
    value = models.CharField(max_length=80, blank=True)
    rule = models.CharField(max_length=30)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    message = models.CharField(max_length=300)
    superseded_by = models.ForeignKey(
        ImportRun,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_findings",
    )

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["import_run", "pk"]
        indexes = [
            models.Index(fields=["child", "superseded_by"], name="finding_child_idx"),
            models.Index(fields=["severity", "superseded_by", "rule"], name="finding_rule_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.rule} {self.file} row {self.row}: {self.message}"

    @property
    def where(self) -> str:
        """File and row as the report shows them ("episodes.csv row 12")."""
        unit = "child" if self.file.lower().endswith(".xml") else "row"
        return f"{self.file} {unit} {self.row}" if self.row else self.file


class ReturnTable(models.TextChoices):
    HEADER = "header", "Header (MOTHER, MC_DOB, UASC, DUC)"
    OC2 = "oc2", "OC2: health and offending"
    OC3 = "oc3", "OC3: care leavers"
    AD1 = "ad1", "AD1: adoption"
    PLACED_FOR_ADOPTION = "placed_for_adoption", "Placed for adoption"
    PREVIOUS_PERMANENCE = "previous_permanence", "Previous permanence"
    MISSING = "missing", "Missing"
    SW_EPISODES = "sw_episodes", "Social worker episodes"
    DOLO = "dolo", "Deprivation of liberty orders"


class ReturnRow(models.Model):
    """A row of a 903 table the product does not model yet, kept as the DfE wrote it.

    One row per table, child, collection year and key: these tables are each year's return
    as submitted (OC2 and OC3 are annual snapshots), so a year's rows are kept as that
    year's, and exporting any year gives back what was imported for it. ``header`` rows hold
    what the Child model keeps only for the latest year or not at all: MOTHER, MC_DOB and the
    year's UASC flag and DUC (only when one of them is not blank).
    """

    child = models.ForeignKey(
        "children.Child", on_delete=models.PROTECT, related_name="ssda903_rows"
    )
    table = models.CharField(max_length=20, choices=ReturnTable.choices)
    collection_year = models.PositiveSmallIntegerField()
    key = models.CharField(
        max_length=60, blank=True, help_text="The table's key columns after CHILD (ISO dates)"
    )
    data = models.JSONField(help_text="The row's columns as strings, dates dd/mm/yyyy")
    history = AuditedHistory()

    class Meta:
        ordering = ["table", "child", "collection_year", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["table", "child", "collection_year", "key"], name="returnrow_unique_key"
            ),
        ]
        indexes = [models.Index(fields=["collection_year", "table"], name="returnrow_year_idx")]

    def __str__(self) -> str:
        return f"{self.table} {self.child_id} {self.collection_year} {self.key}"


def child_findings(child, limit: int = 200) -> list[Finding]:
    """The current data-quality findings on ``child``, for its record page (one query)."""
    findings = Finding.objects.current().filter(child=child).select_related("import_run")
    return list(findings.order_by("rule", "pk")[:limit])
