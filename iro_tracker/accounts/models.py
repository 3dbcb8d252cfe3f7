"""Staff of the Safeguarding Unit and everyone else who signs in."""

from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.db import models

from iro_tracker.audit.history import AuditedHistory


class Role(models.TextChoices):
    CHAIR = "chair", "IRO / CPA (chair)"
    BUSINESS_SUPPORT = "business_support", "Business support"
    MANAGER = "manager", "Manager"
    READ_ONLY = "read_only", "Read-only (aggregate figures only)"


class Team(models.Model):
    """A social work team that children belong to and chairs link with."""

    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SpecialistLead(models.Model):
    """An area a chair leads on (children with disabilities, UASC, travelling community...)."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.READ_ONLY)
    is_iro = models.BooleanField(
        "Chairs looked-after reviews (IRO)",
        default=False,
    )
    is_cpa = models.BooleanField("Chairs child protection conferences (CPA)", default=False)
    fte = models.DecimalField(
        "Full-time equivalent",
        max_digits=3,
        decimal_places=2,
        default=Decimal("1.00"),
    )
    started_on = models.DateField(
        "Started in the unit", null=True, blank=True, help_text="For FTE and headcount by date"
    )
    left_on = models.DateField("Left the unit", null=True, blank=True)
    specialist_leads = models.ManyToManyField(SpecialistLead, blank=True, related_name="chairs")
    team_links = models.ManyToManyField(Team, blank=True, related_name="link_chairs")
    history = AuditedHistory(excluded_fields=["password", "last_login"])

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        constraints = [
            models.CheckConstraint(
                name="user_fte_between_0_and_1",
                condition=models.Q(fte__gte=0) & models.Q(fte__lte=1),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def in_post_on(self, day) -> bool:
        return (self.started_on is None or self.started_on <= day) and (
            self.left_on is None or day <= self.left_on
        )

    @property
    def is_chair(self) -> bool:
        return self.role == Role.CHAIR

    @property
    def is_manager(self) -> bool:
        return self.role == Role.MANAGER or self.is_superuser

    @property
    def is_business_support(self) -> bool:
        return self.role == Role.BUSINESS_SUPPORT

    @property
    def is_read_only(self) -> bool:
        return self.role == Role.READ_ONLY and not self.is_superuser

    @property
    def sees_children(self) -> bool:
        """Everyone but read-only panel members may open child-level pages."""
        return not self.is_read_only
