"""Looked-after children, their 903 care episodes and their IRO allocations.

Fields carry the SSDA903 names in their help text so that an import maps one to one.
Periods of care are never stored: they are derived from episodes by ``rules.periods``.
"""

from django.conf import settings
from django.db import models

from iro_tracker.audit.history import AuditedHistory
from iro_tracker.rules import codes


class Source(models.TextChoices):
    ENTERED = "entered", "Entered in IRO Tracker"
    IMPORTED = "imported", "Imported from SSDA903"
    DEMO = "demo", "Demo data"


class ChildQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived=False)

    def allocated_to(self, user):
        return self.filter(allocations__iro=user, allocations__end_date__isnull=True)


class Child(models.Model):
    local_id = models.CharField(
        "Local child identifier", max_length=10, unique=True, help_text="903 CHILD"
    )
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(help_text="903 DOB")
    sex = models.CharField(
        max_length=1,
        choices=[("M", "Male"), ("F", "Female"), ("U", "Unknown")],
        help_text="903 SEX, normalised (1 = M, 2 = F before 2024-25)",
    )
    ethnicity = models.CharField(
        max_length=4, choices=codes.ETHNICITY.choices(), blank=True, help_text="903 ETHNIC"
    )
    upn = models.CharField("Unique pupil number", max_length=13, blank=True, help_text="903 UPN")
    disabled = models.BooleanField(default=False)
    disability_detail = models.CharField(max_length=200, blank=True)
    uasc = models.BooleanField("Unaccompanied asylum-seeking child", default=False)
    uasc_ceased = models.DateField(
        "Date UASC status ceased", null=True, blank=True, help_text="903 DUC"
    )
    team = models.ForeignKey(
        "accounts.Team",
        verbose_name="Social work team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    social_worker = models.CharField(max_length=100, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ENTERED)
    collection_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Latest SSDA903 collection year this record came from"
    )
    archived = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = AuditedHistory()

    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "local_id"]
        verbose_name_plural = "children"
        indexes = [models.Index(fields=["last_name", "first_name"], name="child_name_idx")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        name = f"{self.first_name} {self.last_name}".strip()
        return name or f"Child {self.local_id}"

    def age_on(self, day) -> int:
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))

    def is_uasc_on(self, day) -> bool:
        return self.uasc and (self.uasc_ceased is None or day <= self.uasc_ceased)


class CareEpisode(models.Model):
    """One row of the 903 Episodes table: a span with one legal status and one placement."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="episodes")
    decom = models.DateField("Date episode started", help_text="903 DECOM")
    rne = models.CharField(
        "Reason for new episode", max_length=1, choices=codes.RNE.choices(), help_text="903 RNE"
    )
    ls = models.CharField(
        "Legal status", max_length=2, choices=codes.LEGAL_STATUS.choices(), help_text="903 LS"
    )
    cin = models.CharField(
        "Category of need", max_length=2, choices=codes.CIN.choices(), blank=True
    )
    place = models.CharField(
        "Placement type", max_length=3, choices=codes.PLACEMENT.choices(), help_text="903 PLACE"
    )
    place_provider = models.CharField(
        "Placement provider", max_length=3, choices=codes.PLACEMENT_PROVIDER.choices(), blank=True
    )
    dec = models.DateField("Date episode ceased", null=True, blank=True, help_text="903 DEC")
    rec = models.CharField(
        "Reason episode ceased", max_length=3, choices=codes.REC.choices(), blank=True
    )
    reason_place_change = models.CharField(
        max_length=6, choices=codes.REASON_PLACE_CHANGE.choices(), blank=True
    )
    home_post = models.CharField(max_length=10, blank=True)
    pl_post = models.CharField(max_length=10, blank=True)
    urn = models.CharField(max_length=8, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ENTERED)
    collection_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Latest SSDA903 collection year this record came from"
    )
    history = AuditedHistory()

    class Meta:
        ordering = ["child", "decom"]
        constraints = [
            models.UniqueConstraint(fields=["child", "decom"], name="episode_unique_child_decom"),
        ]

    def __str__(self) -> str:
        end = self.dec.isoformat() if self.dec else "open"
        return f"{self.child.local_id} {self.decom.isoformat()}-{end} {self.ls}/{self.place}"

    @property
    def is_short_break(self) -> bool:
        return self.ls in codes.SHORT_BREAK_LEGAL_STATUSES


class AllocationQuerySet(models.QuerySet):
    def current(self):
        return self.filter(end_date__isnull=True)


class Allocation(models.Model):
    """Which IRO is appointed to a child, from when to when, and why it changed."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="allocations")
    iro = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="IRO",
        on_delete=models.PROTECT,
        related_name="allocations",
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    reason = models.CharField("Reason for change", max_length=200, blank=True)
    history = AuditedHistory()

    objects = AllocationQuerySet.as_manager()

    class Meta:
        ordering = ["child", "-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="allocation_end_after_start",
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
            ),
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(end_date__isnull=True),
                name="allocation_one_current_per_child",
            ),
        ]
        indexes = [models.Index(fields=["iro", "end_date"], name="allocation_iro_end_idx")]

    def __str__(self) -> str:
        return f"{self.child} -> {self.iro} from {self.start_date}"
