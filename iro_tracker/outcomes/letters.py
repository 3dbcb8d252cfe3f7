"""The letter to the child: chosen by age band, generated from the record, then versioned.

**Template.** The band is the child's age on the day of the review: under 8, 8 to 12, 13 and
over. Each band has a text template (``outcomes/letters/<band>.txt``) with one part per
``LETTER_FIELDS`` entry; the sections are "What you told us", "What we decided and why",
"What happens next" and "Who to contact", written to the child.

**What goes in.** Only what ``letter_context`` passes: the child's first name, the IRO's name
and contact details, the wishes and feelings and how they were gathered, the decisions with
their "why", the decisions still open, the next review's date and the advocacy and Childline
details. QA judgements, attendees and owners are never passed, so they cannot reach any
format of the letter (tests render every format to prove it).

**Versions.** ``create_letter`` makes version 1 as a draft; the IRO edits it
(``update_draft``) or starts it again from the record (``regenerate_draft``); ``finalise``
freezes it; ``revise`` is the only way to a new version after that. Sending is recorded on a
final version.
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone

from iro_tracker.children.services import current_allocation
from iro_tracker.outcomes import conf, queries
from iro_tracker.outcomes.models import (
    LETTER_FIELDS,
    Band,
    DecisionStatus,
    Gathered,
    LetterStatus,
    LetterVersion,
    OutcomeRecord,
    SentMethod,
)
from iro_tracker.outcomes.readability import Reading, check
from iro_tracker.rules.calendar import format_date

SECTION_TITLES = {
    "told": "What you told us",
    "decided": "What we decided and why",
    "next_steps": "What happens next",
    "contact": "Who to contact",
}

# How the child's views were gathered, as the letter says it (one phrase per band).
_HOW = {
    Gathered.IN_PERSON: ("when I came to see you", "when we met", "when we met"),
    Gathered.ADVOCATE: ("to your advocate", "through your advocate", "through your advocate"),
    Gathered.CONSULTATION_FORM: ("on your form", "on your form", "in your consultation form"),
    Gathered.APP: ("on the app", "on the app", "on the app"),
}
_BAND_INDEX = {Band.UNDER_8: 0, Band.AGE_8_TO_12: 1, Band.AGE_13_PLUS: 2}


def band_for(age: int) -> str:
    """The letter's age band for a child of ``age`` on the day of the review."""
    if age < 8:
        return Band.UNDER_8
    if age <= 12:
        return Band.AGE_8_TO_12
    return Band.AGE_13_PLUS


def heading(version: LetterVersion) -> str:
    """The friendly title at the top of the letter (not edited: it comes from the record)."""
    review = version.record.review
    name = review.child.first_name or "you"
    if version.band == Band.UNDER_8:
        return f"A letter for you, {name}"
    if version.band == Band.AGE_8_TO_12:
        return f"A letter about your review, {name}"
    return f"Your review on {review.held_date:%-d %B %Y}"


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?" else f"{text}."


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _iro(review):
    if review.chair is not None:
        return review.chair
    allocation = current_allocation(review.child)
    return allocation.iro if allocation else None


def letter_context(record: OutcomeRecord, band: str, today: date) -> dict:
    """Everything a letter template may use. Nothing from QA, attendees or owners."""
    review = record.review
    child = review.child
    iro = _iro(review)
    index = _BAND_INDEX[Band(band)]
    how = [_HOW[Gathered(code)][index] for code in record.gathered if code in _HOW]
    decisions = [
        d for d in record.decisions.order_by("number") if d.status != DecisionStatus.DROPPED
    ]
    following = queries.next_review(review)
    next_date = None
    if following is not None:
        next_date = following.held_date or following.scheduled_date or following.due_date
    earlier = [
        row.decision for row in queries.open_decisions(child.pk, today, before=review.held_date)
    ]
    return {
        "name": child.first_name or child.display_name,
        "held": review.held_date,
        "iro_name": (iro.get_full_name() or iro.username) if iro else "Your IRO",
        "iro_first": (iro.first_name or iro.get_full_name()) if iro else "your IRO",
        "iro_email": iro.email if iro else "",
        "unit_phone": conf.unit_phone(),
        "advocacy": conf.advocacy_contact(),
        "authority": conf.authority_name(),
        "wishes": record.wishes_and_feelings.strip(),
        "how": _and(how) if how else "",
        "observed": Gathered.OBSERVATION in record.gathered,
        "decisions": [{"text": _sentence(d.text), "why": _sentence(d.why)} for d in decisions],
        "open_now": [
            {"text": _sentence(d.text), "due": d.due_date}
            for d in decisions
            if d.status == DecisionStatus.OPEN
        ],
        "still_open": [{"text": _sentence(d.text), "due": d.due_date} for d in earlier],
        "next_review": next_date,
    }


_MARK = re.compile(r"^@@ (\w+)\s*$", re.MULTILINE)


def generate(record: OutcomeRecord, band: str, today: date | None = None) -> dict[str, str]:
    """The letter's parts for ``band``, written from the record by the band's template."""
    text = render_to_string(
        f"outcomes/letters/{band}.txt", letter_context(record, band, today or timezone.localdate())
    )
    pieces = _MARK.split(text)
    parts = dict(zip(pieces[1::2], pieces[2::2], strict=True))
    missing = set(LETTER_FIELDS) - parts.keys()
    if missing:
        raise ValueError(f"Letter template {band} lacks {sorted(missing)}")
    return {name: _tidy(parts[name]) for name in LETTER_FIELDS}


def _tidy(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def blocks(text: str) -> list[tuple[str, object]]:
    """A part's text as blocks: ("p", text) per paragraph, ("ul", [items]) per list.

    Paragraphs are separated by a blank line; lines starting "- " are list items. Every
    format (HTML, PDF, Word) and the readability check read the letter through this.
    """
    result: list[tuple[str, object]] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        items, para = [], []
        for line in lines:
            if line.startswith(("- ", "• ")):
                if para:
                    result.append(("p", " ".join(para)))
                    para = []
                items.append(line[2:].strip())
            else:
                if items:
                    result.append(("ul", items))
                    items = []
                para.append(line)
        if para:
            result.append(("p", " ".join(para)))
        if items:
            result.append(("ul", items))
    return result


def plain_text(version: LetterVersion) -> str:
    """The words the child reads, for the readability check (headings left out)."""
    return "\n\n".join(getattr(version, name) for name in LETTER_FIELDS)


def reading(version: LetterVersion) -> Reading:
    return check(plain_text(version), version.band)


# --- versions ----------------------------------------------------------------------------


def _by(obj, user):
    if user is not None:
        obj._history_user = user
    return obj


def current(record: OutcomeRecord | None) -> LetterVersion | None:
    if record is None:
        return None
    return record.letters.order_by("-number").first()


@transaction.atomic
def create_letter(record: OutcomeRecord, *, user) -> LetterVersion:
    """Write version 1 of the letter from the record, as a draft for the IRO to edit."""
    record = (
        OutcomeRecord.objects.select_for_update().select_related("review__child").get(pk=record.pk)
    )
    if record.letters.exists():
        raise ValidationError("The letter has already been started: edit or revise it.")
    if not record.wishes_and_feelings:
        raise ValidationError("Record the child's wishes and feelings before writing the letter.")
    band = band_for(record.review.child.age_on(record.review.held_date))
    version = LetterVersion(
        record=record, number=1, band=band, created_by=user, **generate(record, band)
    )
    _by(version, user).save()
    return version


def _draft_for_update(version: LetterVersion) -> LetterVersion:
    version = (
        LetterVersion.objects.select_for_update()
        .select_related("record__review__child")
        .get(pk=version.pk)
    )
    if version.status != LetterStatus.DRAFT:
        raise ValidationError("This version is final and cannot be changed: revise it instead.")
    return version


@transaction.atomic
def update_draft(version: LetterVersion, parts: dict[str, str], *, user) -> LetterVersion:
    """Save the IRO's edits to a draft. Every part but the closing must say something."""
    version = _draft_for_update(version)
    errors = {
        name: [f"'{SECTION_TITLES.get(name, name.title())}' cannot be empty."]
        for name in LETTER_FIELDS
        if name in SECTION_TITLES and not parts.get(name, "").strip()
    }
    if not parts.get("greeting", "").strip():
        errors["greeting"] = ["Write the greeting, for example 'Dear Sam,'."]
    if errors:
        raise ValidationError(errors)
    for name in LETTER_FIELDS:
        setattr(version, name, _tidy(parts.get(name, "")))
    _by(version, user).save()
    return version


@transaction.atomic
def regenerate_draft(version: LetterVersion, *, user) -> LetterVersion:
    """Write the draft again from the record as it is now (the IRO's edits are replaced)."""
    version = _draft_for_update(version)
    for name, text in generate(version.record, version.band).items():
        setattr(version, name, text)
    _by(version, user).save()
    return version


@transaction.atomic
def finalise(version: LetterVersion, *, user) -> LetterVersion:
    """Make the draft final. From now on it never changes."""
    version = _draft_for_update(version)
    version.status = LetterStatus.FINAL
    version.finalised_at = timezone.now()
    version.finalised_by = user
    _by(version, user).save()
    return version


@transaction.atomic
def revise(version: LetterVersion, *, user) -> LetterVersion:
    """Start a new draft version from a final one (the final one is kept as it was)."""
    version = LetterVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != LetterStatus.FINAL:
        raise ValidationError("Only a final letter is revised: this one is still a draft.")
    if version.record.letters.filter(status=LetterStatus.DRAFT).exists():
        raise ValidationError("A revised draft already exists.")
    last = version.record.letters.aggregate(n=Max("number"))["n"]
    draft = LetterVersion(
        record=version.record,
        number=last + 1,
        band=version.band,
        created_by=user,
        **{name: getattr(version, name) for name in LETTER_FIELDS},
    )
    _by(draft, user).save()
    return draft


@transaction.atomic
def record_sent(version: LetterVersion, *, sent_on: date, method: str, user) -> LetterVersion:
    """Record when and how a final letter reached the child."""
    version = (
        LetterVersion.objects.select_for_update()
        .select_related("record__review")
        .get(pk=version.pk)
    )
    errors: dict[str, list[str]] = {}
    if version.status != LetterStatus.FINAL:
        errors["sent_on"] = ["Only a final letter can be sent: finalise it first."]
    elif sent_on < version.record.review.held_date:
        held = format_date(version.record.review.held_date)
        errors["sent_on"] = [f"The letter cannot be sent before the review ({held})."]
    elif sent_on > timezone.localdate():
        errors["sent_on"] = ["The date cannot be in the future."]
    if method not in SentMethod.values:
        errors["method"] = ["Choose how the letter was sent."]
    if errors:
        raise ValidationError(errors)
    # Only the sending fields change: the model's guard allows that on a final letter.
    version.sent_on, version.sent_method = sent_on, method
    _by(version, user).save()
    return version
