"""The outcome records as plain rows for ``rules.metrics.qa``, and the annual report's hook.

The annual report (issue 4) takes figures only the product records through
``Snapshot.extra``: ``Snapshot(..., extra={**other_extras, **qa_extra()})``. The key is
``"quality_assurance"``; its value is a callable ``(snapshot, year) -> figures`` as the extra
contract allows, computed from rows read once here (a fixed number of queries).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from iro_tracker.outcomes import conf
from iro_tracker.outcomes.models import LetterVersion, OutcomeRecord, QAAnswer
from iro_tracker.reviews.models import Status
from iro_tracker.rules.metrics.qa import QARow, qa_figures, qa_for_year

EXTRA_KEY = "quality_assurance"


def qa_rows(start: date | None = None, end: date | None = None) -> list[QARow]:
    """One row per held review with an outcome record (optionally held from start to end)."""
    records = OutcomeRecord.objects.filter(
        review__status=Status.HELD, review__child__archived=False
    )
    if start is not None:
        records = records.filter(review__held_date__gte=start)
    if end is not None:
        records = records.filter(review__held_date__lte=end)
    records = records.select_related("review__child").prefetch_related(
        Prefetch("qa_answers", queryset=QAAnswer.objects.select_related("question")),
        Prefetch("letters", queryset=LetterVersion.objects.filter(sent_on__isnull=False)),
    )
    rows = []
    for record in records:
        sent = [v.sent_on for v in record.letters.all()]
        rows.append(
            QARow(
                review_id=str(record.review_id),
                child_id=record.review.child.local_id,
                held=record.review.held_date,
                answers={a.question.code: a.rating for a in record.qa_answers.all()},
                decisions_circulated=record.decisions_circulated_on,
                record_circulated=record.record_circulated_on,
                letter_sent=min(sent) if sent else None,
            )
        )
    return rows


def qa_extra(as_of: date | None = None) -> dict[str, Any]:
    """What to merge into ``Snapshot.extra`` for the annual report's QA section.

    ``as_of`` (default today) decides whether a letter or circulation not yet done is late or
    still awaited. The circulation timescales come from the snapshot's ``RuleSettings``.
    """
    rows = qa_rows()
    when = as_of or timezone.localdate()
    letter_days = conf.letter_working_days()

    def figures(snapshot, year: int) -> dict[str, Any]:
        return qa_for_year(
            rows, year, as_of=when, settings=snapshot.settings, letter_working_days=letter_days
        )

    return {EXTRA_KEY: figures}


def qa_dashboard(start: date, end: date, as_of: date | None = None) -> dict[str, Any]:
    """The same figures over any period, for the dashboard (issue 6)."""
    return qa_figures(
        qa_rows(start, end),
        start,
        end,
        as_of=as_of or timezone.localdate(),
        letter_working_days=conf.letter_working_days(),
    )
