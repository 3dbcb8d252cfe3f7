"""The record of the review for professionals: HTML, PDF and Word.

Unlike the letter it carries everything: attendees, decisions with their owners and progress,
the QA judgements, and circulation against its timescales. It is marked OFFICIAL-SENSITIVE
(the Government Security Classifications marking for personal data about a child).
"""

from __future__ import annotations

from datetime import date

from django.template.loader import render_to_string

from iro_tracker.outcomes import documents, queries
from iro_tracker.outcomes.models import OutcomeRecord
from iro_tracker.rules import codes

MARKING = (
    "OFFICIAL-SENSITIVE: personal data about a child."
    " Do not forward outside the professional network."
)


def record_context(record: OutcomeRecord, today: date) -> dict:
    review = record.review
    child = review.child
    versions = list(record.letters.all())
    return {
        "marking": MARKING,
        "title": f"Record of the review held on {review.held_date:%-d %B %Y}",
        "child": child,
        "age": child.age_on(review.held_date),
        "review": review,
        "participation": codes.PARTICIPATION.label(review.participation)
        if review.participation
        else "",
        "record": record,
        "gathered": record.gathered_labels(),
        "attendees": list(record.attendees.all()),
        "decisions": [queries.decision_row(d, today) for d in record.decisions.all()],
        "earlier": queries.open_decisions(child.pk, today, before=review.held_date),
        "answers": list(
            record.qa_answers.select_related("question").order_by(
                "question__order", "question__code"
            )
        ),
        "circulation": queries.circulation(record, review, today),
        "letter": versions[-1] if versions else None,
        "letter_timeliness": queries.letter_timeliness(review, versions, today),
    }


def record_html(record: OutcomeRecord, today: date) -> str:
    return render_to_string("outcomes/record_document.html", record_context(record, today))


def record_pdf(record: OutcomeRecord, today: date) -> bytes:
    return documents.pdf_from_html(record_html(record, today))


def _yes_no(value: bool | None) -> str:
    return {True: "Yes", False: "No", None: "Not recorded"}[value]


def record_docx(record: OutcomeRecord, today: date) -> bytes:
    c = record_context(record, today)
    doc = documents.new_docx(c["title"], size=11, line_spacing=1.2)
    doc.add_paragraph(c["marking"])
    doc.add_heading(c["title"], level=1)
    child, review = c["child"], c["review"]
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for key, value in (
        ("Child", f"{child.display_name} ({child.local_id}), born {child.date_of_birth:%-d %B %Y}"),
        ("Age at the review", str(c["age"])),
        ("Review", f"{review.sequence or '–'}, held {review.held_date:%-d %B %Y}"),
        ("Chair", str(review.chair or "Not recorded")),
        ("Child's participation", c["participation"] or "Not recorded"),
    ):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = key, value

    doc.add_heading("The child's wishes and feelings", level=2)
    doc.add_paragraph(record.wishes_and_feelings or "Not recorded")
    doc.add_paragraph(f"How gathered: {', '.join(c['gathered']) or 'Not recorded'}")
    doc.add_paragraph(f"IRO spoke to the child before the review: {_yes_no(record.spoke_before)}")
    alone = _yes_no(record.spoke_alone)
    if record.not_alone_reason:
        alone += f" ({record.not_alone_reason})"
    doc.add_paragraph(f"IRO spoke to the child alone: {alone}")

    doc.add_heading("Who attended", level=2)
    for person in c["attendees"]:
        doc.add_paragraph(f"{person.name}, {person.get_role_display()}", style="List Bullet")
    if not c["attendees"]:
        doc.add_paragraph("Not recorded")

    doc.add_heading("Decisions", level=2)
    _decision_table(doc, c["decisions"])
    if c["earlier"]:
        doc.add_heading("Decisions from earlier reviews still open", level=2)
        _decision_table(doc, c["earlier"])

    doc.add_heading("Quality assurance", level=2)
    for answer in c["answers"]:
        line = f"{answer.question.text}: {answer.rating_label}"
        doc.add_paragraph(
            line + (f". {answer.comment}" if answer.comment else ""), style="List Bullet"
        )
    if not c["answers"]:
        doc.add_paragraph("No QA judgements recorded")

    doc.add_heading("Circulation", level=2)
    for item in [*c["circulation"], c["letter_timeliness"]]:
        doc.add_paragraph(f"{item.label}: {item.sentence}", style="List Bullet")
    return documents.docx_bytes(doc)


def _decision_table(doc, rows) -> None:
    if not rows:
        doc.add_paragraph("None recorded")
        return
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ("No.", "Decision and why", "Who", "Due", "Status"), strict=True
    ):
        cell.text = text
    for row in rows:
        d = row.decision
        status = d.get_status_display()
        if row.overdue:
            status += f", overdue by {row.working_days_late} working days"
        cells = table.add_row().cells
        values = (
            str(d.number),
            d.text + (f"\nWhy: {d.why}" if d.why else ""),
            d.owner,
            f"{d.due_date:%-d %b %Y}",
            status + (f"\n{d.status_note}" if d.status_note else ""),
        )
        for cell, text in zip(cells, values, strict=True):
            cell.text = text


def download_name(record: OutcomeRecord, ext: str) -> str:
    review = record.review
    return documents.filename(
        "review-record", review.child.local_id, f"{review.held_date:%Y-%m-%d}", ext=ext
    )
