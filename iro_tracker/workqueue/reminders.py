"""The IROs' weekly digest by email: reviews due, documents missing, issues awaiting response.

``send_reminders(today)`` is what ``iro send-reminders`` runs (from cron, as often as twice a
day). Each IRO gets at most one digest per ISO week: before sending, a ``ReminderSent`` row
keyed by user, kind, object and period is claimed, and the database's unique constraint turns
a second run, or a concurrent one, into a no-op. The claim is given back if sending fails, so
the next run tries again. A digest with nothing in it is not sent.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from iro_tracker.accounts.models import User
from iro_tracker.disputes.documents import check_documents, readiness
from iro_tracker.disputes.models import Issue
from iro_tracker.disputes.queries import awaiting_steps
from iro_tracker.reviews.models import Review, Status
from iro_tracker.workqueue import conf
from iro_tracker.workqueue.models import ReminderSent

log = logging.getLogger(__name__)

DIGEST = "weekly_digest"


def week_of(today: date) -> str:
    """The ISO week, e.g. ``"2019-W05"``: the period a weekly digest belongs to."""
    year, week, _ = today.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class Digest:
    user: object
    period: str
    reviews: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    issues: list = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.reviews or self.documents or self.issues)

    def keys(self) -> list[tuple[str, str]]:
        """(kind, object) for each reminder in the digest, recorded beside the digest."""
        return (
            [("review_due", f"review:{r.pk}") for r in self.reviews]
            + [("documents_missing", f"review:{d['review'].pk}") for d in self.documents]
            + [("issue_response", f"step:{s.pk}") for s in self.issues]
        )


def _mine(user):
    return Q(child__allocations__iro=user, child__allocations__end_date__isnull=True) | Q(
        chair=user
    )


def digest_for(user, today: date) -> Digest:
    """What ``user`` should hear about this week. Four queries."""
    until = today + timedelta(days=conf.digest_days_ahead())
    pending = (
        Review.objects.filter(
            _mine(user),
            child__archived=False,
            status__in=(Status.DUE, Status.SCHEDULED),
        )
        .filter(Q(due_date__lte=until) | Q(scheduled_date__gte=today, scheduled_date__lte=until))
        .select_related("child")
        .distinct()
        .order_by("due_date", "pk")
    )
    reviews = list(pending)
    documents = []
    for review in reviews:
        if review.status != Status.SCHEDULED or not (today <= review.scheduled_date <= until):
            continue
        state = readiness(review, today)
        if state.missing:
            documents.append({"review": review, "readiness": state})
    issues = list(awaiting_steps(Issue.objects.filter(iro=user, child__archived=False)))
    return Digest(user, week_of(today), reviews, documents, issues)


def _claim(digest: Digest) -> bool:
    """Record the digest as sent; False if this week's was already sent (or is being)."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                user=digest.user, kind=DIGEST, object_key="", period=digest.period
            )
            ReminderSent.objects.bulk_create(
                [
                    ReminderSent(user=digest.user, kind=k, object_key=o, period=digest.period)
                    for k, o in digest.keys()
                ],
                ignore_conflicts=True,
            )
    except IntegrityError:
        return False
    return True


def _release(digest: Digest) -> None:
    ReminderSent.objects.filter(user=digest.user, period=digest.period).delete()


def _message(digest: Digest, today: date) -> EmailMultiAlternatives:
    base = conf.site_url()
    context = {
        "d": digest,
        "user": digest.user,
        "today": today,
        "base": base,
        "caseload_url": base + reverse("reviews:caseload"),
        "issues_url": base + reverse("disputes:index"),
    }
    subject = render_to_string("workqueue/email/digest_subject.txt", context).strip()
    text = render_to_string("workqueue/email/digest.txt", context)
    html = render_to_string("workqueue/email/digest.html", context)
    message = EmailMultiAlternatives(subject, text, to=[digest.user.email])
    message.attach_alternative(html, "text/html")
    return message


@dataclass
class Result:
    raised: int = 0
    closed: int = 0
    sent: list = field(default_factory=list)
    already_sent: list = field(default_factory=list)
    nothing_to_say: list = field(default_factory=list)
    failed: list = field(default_factory=list)


def recipients():
    return User.objects.filter(is_active=True, is_iro=True).exclude(email="").order_by("pk")


def send_reminders(today: date, *, dry_run: bool = False) -> Result:
    """Bring documentation issues up to date, then send each IRO this week's digest once."""
    result = Result()
    if not dry_run:
        check = check_documents(today)
        result.raised, result.closed = len(check.raised), len(check.closed)
    period = week_of(today)
    for user in recipients():
        if ReminderSent.objects.filter(user=user, kind=DIGEST, period=period).exists():
            result.already_sent.append(user)
            continue
        digest = digest_for(user, today)
        if digest.empty:
            result.nothing_to_say.append(user)
            continue
        if dry_run:
            result.sent.append(user)
            continue
        if not _claim(digest):
            result.already_sent.append(user)
            continue
        try:
            _message(digest, today).send()
        except Exception:  # any mail failure: give the claim back so the next run retries
            log.exception("Digest for %s could not be sent", user)
            _release(digest)
            result.failed.append(user)
        else:
            result.sent.append(user)
    return result
