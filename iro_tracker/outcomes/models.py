"""The IRO's outcome record of a held review, its decisions, QA judgements and the letter.

One ``OutcomeRecord`` per held review holds what the IRO records after the meeting: the child's
wishes and feelings and how they were gathered, who attended, the decisions (followed up until
done or dropped) and the quality-assurance judgements from the configurable ``QAQuestion`` set.
QA data stays on the record and in the professionals' document: it never reaches the letter to
the child (``LetterVersion``), which is generated from the record and versioned, and whose final
versions never change (seed report §9.9).

Every change goes through ``outcomes.services`` or ``outcomes.letters``.
"""

from django.conf import settings
from django.db import models

from iro_tracker.audit.history import AuditedHistory
from iro_tracker.reviews.models import Review


class Gathered(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ADVOCATE = "advocate", "Through an advocate"
    CONSULTATION_FORM = "form", "Consultation form"
    APP = "app", "App"
    OBSERVATION = "observation", "Observation (for infants and children who do not speak)"


class OutcomeRecord(models.Model):
    review = models.OneToOneField(Review, on_delete=models.PROTECT, related_name="outcome")
    wishes_and_feelings = models.TextField(
        "The child's wishes and feelings",
        blank=True,
        help_text="Goes into the letter's 'What you told us'",
    )
    gathered = models.JSONField(
        "How the wishes and feelings were gathered", default=list, blank=True
    )
    spoke_before = models.BooleanField("IRO spoke to the child before the review", null=True)
    spoke_alone = models.BooleanField("IRO spoke to the child alone", null=True)
    not_alone_reason = models.TextField(
        "Why the IRO did not speak to the child alone",
        blank=True,
        help_text="CPPCR 2010 reg 36(1)(b): unless the child refused or it was inappropriate",
    )
    decisions_circulated_on = models.DateField("Decisions circulated", null=True, blank=True)
    record_circulated_on = models.DateField("Record circulated", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = AuditedHistory()

    class Meta:
        ordering = ["review__held_date", "pk"]

    def __str__(self) -> str:
        return f"Outcome of {self.review}"

    def gathered_labels(self) -> list[str]:
        labels = dict(Gathered.choices)
        return [labels[code] for code in self.gathered if code in labels]


class AttendeeRole(models.TextChoices):
    CHILD = "child", "Child or young person"
    PARENT = "parent", "Parent"
    CARER = "carer", "Carer"
    SOCIAL_WORKER = "social_worker", "Social worker"
    IRO = "iro", "IRO"
    ADVOCATE = "advocate", "Advocate"
    HEALTH = "health", "Health professional"
    EDUCATION = "education", "School or virtual school"
    FAMILY = "family", "Other family or friend"
    OTHER = "other", "Other professional"


class Attendee(models.Model):
    """Someone at the review. Third-party information: never printed in the letter."""

    record = models.ForeignKey(OutcomeRecord, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=20, choices=AttendeeRole.choices)
    order = models.PositiveSmallIntegerField(default=0)
    history = AuditedHistory()

    class Meta:
        ordering = ["record", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class DecisionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class DecisionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=DecisionStatus.OPEN)

    def for_child(self, child_id):
        return self.filter(record__review__child_id=child_id)

    def with_review(self):
        return self.select_related("record__review")


class Decision(models.Model):
    """A review decision, followed up at later reviews until it is done or dropped."""

    record = models.ForeignKey(OutcomeRecord, on_delete=models.PROTECT, related_name="decisions")
    number = models.PositiveSmallIntegerField()
    text = models.TextField("Decision")
    why = models.TextField(
        "Why (for the letter)", blank=True, help_text="Written to the child, in plain words"
    )
    owner = models.CharField("Who will do it", max_length=120)
    due_date = models.DateField("Due by")
    status = models.CharField(
        max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.OPEN
    )
    closed_on = models.DateField(null=True, blank=True)
    status_note = models.TextField("Note on progress", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = AuditedHistory()

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["record", "number"]
        constraints = [
            models.UniqueConstraint(fields=["record", "number"], name="decision_unique_number"),
            models.CheckConstraint(
                name="decision_closed_has_date",
                condition=models.Q(status="open", closed_on__isnull=True)
                | (~models.Q(status="open") & models.Q(closed_on__isnull=False)),
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"], name="decision_status_due_idx")]

    def __str__(self) -> str:
        return f"Decision {self.number}: {self.text[:60]}"


class QAKind(models.TextChoices):
    YES_NO = "yes_no", "Yes or no"
    QUALITY = "quality", "Quality rating"


# The rating scales. Quality uses the words English children's services already use (Ofsted).
RATINGS = {
    QAKind.YES_NO: [("yes", "Yes"), ("no", "No"), ("not_applicable", "Not applicable")],
    QAKind.QUALITY: [
        ("good", "Good"),
        ("requires_improvement", "Requires improvement"),
        ("inadequate", "Inadequate"),
        ("not_seen", "Not seen"),
    ],
}
RATING_LABELS = {code: label for scale in RATINGS.values() for code, label in scale}


class QAQuestion(models.Model):
    """One question of the IRO's quality-assurance set. Retired, never deleted.

    ``code`` is what the reporting keys on (``rules.metrics.qa``), so the wording can change
    without breaking last year's figures.
    """

    code = models.SlugField(max_length=40, unique=True)
    text = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=QAKind.choices)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)
    history = AuditedHistory()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = "QA question"

    def __str__(self) -> str:
        return self.text

    def ratings(self) -> list[tuple[str, str]]:
        return RATINGS[QAKind(self.kind)]


class QAAnswer(models.Model):
    record = models.ForeignKey(OutcomeRecord, on_delete=models.CASCADE, related_name="qa_answers")
    question = models.ForeignKey(QAQuestion, on_delete=models.PROTECT, related_name="answers")
    rating = models.CharField(max_length=20)
    comment = models.TextField(blank=True)
    history = AuditedHistory()

    class Meta:
        ordering = ["record", "question__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["record", "question"], name="qa_one_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question.code}: {self.rating}"

    @property
    def rating_label(self) -> str:
        return RATING_LABELS.get(self.rating, self.rating)


class Band(models.TextChoices):
    UNDER_8 = "under_8", "Under 8"
    AGE_8_TO_12 = "8_to_12", "8 to 12"
    AGE_13_PLUS = "13_plus", "13 and over"


class LetterStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    FINAL = "final", "Final"


class SentMethod(models.TextChoices):
    POST = "post", "Post"
    EMAIL = "email", "Email"
    HANDED = "handed", "Handed to the child"
    APP = "app", "App"


# The parts of a letter the IRO edits, in the order they are printed.
LETTER_FIELDS = ("greeting", "opening", "told", "decided", "next_steps", "contact", "closing")


class LetterVersion(models.Model):
    """One version of the letter to the child. A final version never changes.

    A new version after the final one is made only by an explicit "revise", which copies the
    final text into a new draft; so the letter the child was sent can always be shown again.
    """

    record = models.ForeignKey(OutcomeRecord, on_delete=models.PROTECT, related_name="letters")
    number = models.PositiveSmallIntegerField()
    band = models.CharField("Age band", max_length=8, choices=Band.choices)
    status = models.CharField(
        max_length=5, choices=LetterStatus.choices, default=LetterStatus.DRAFT
    )
    greeting = models.CharField(max_length=200)
    opening = models.TextField(blank=True)
    told = models.TextField("What you told us", blank=True)
    decided = models.TextField("What we decided and why", blank=True)
    next_steps = models.TextField("What happens next", blank=True)
    contact = models.TextField("Who to contact", blank=True)
    closing = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    sent_on = models.DateField(null=True, blank=True)
    sent_method = models.CharField(max_length=10, choices=SentMethod.choices, blank=True)
    history = AuditedHistory()

    class Meta:
        ordering = ["record", "number"]
        constraints = [
            models.UniqueConstraint(fields=["record", "number"], name="letter_unique_number"),
            models.UniqueConstraint(
                fields=["record"],
                condition=models.Q(status="draft"),
                name="letter_one_draft_per_record",
            ),
            models.CheckConstraint(
                name="letter_only_final_is_sent",
                condition=models.Q(status="final") | models.Q(sent_on__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"Letter v{self.number} ({self.get_status_display()}) for {self.record.review}"

    def save(self, *args, **kwargs):
        final_text = getattr(self, "_final_text", None)
        if final_text is not None and (
            self.status != LetterStatus.FINAL or self.text_fields() != final_text
        ):
            raise PermissionError("A final letter cannot be changed: revise it instead.")
        super().save(*args, **kwargs)
        if self.status == LetterStatus.FINAL:
            self._final_text = self.text_fields()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Remember what a final letter said when it was loaded, so save() can refuse to change
        # it whatever code path tries (the services refuse first, with a message).
        if instance.status == LetterStatus.FINAL:
            instance._final_text = instance.text_fields()
        return instance

    def text_fields(self) -> tuple:
        return tuple(getattr(self, name, None) for name in (*LETTER_FIELDS, "band"))

    @property
    def is_final(self) -> bool:
        return self.status == LetterStatus.FINAL
