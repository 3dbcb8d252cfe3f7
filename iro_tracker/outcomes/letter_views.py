"""Thin views over the letter to the child: preview, edit, finalise, revise, send, download."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from iro_tracker.audit.services import log_child_view, log_form_view
from iro_tracker.outcomes import letters, queries, render_letter
from iro_tracker.outcomes.access import (
    RECORD,
    can_record,
    get_held_review_for_user,
    get_letter_for_user,
)
from iro_tracker.outcomes.forms import LetterForm, SentForm
from iro_tracker.outcomes.models import LETTER_FIELDS, Band
from iro_tracker.outcomes.readability import TARGETS
from iro_tracker.outcomes.views import apply_errors, download


def letter(request, pk):
    """The letter for a held review: the current version, its reading level and its history."""
    review = get_held_review_for_user(request.user, pk)
    child = review.child
    log_child_view(request, child, detail="Letter to the child")
    outcome = queries.record_for(review)
    versions = list(outcome.letters.all()) if outcome else []
    version = versions[-1] if versions else None
    band = version.band if version else letters.band_for(child.age_on(review.held_date))
    context = {
        "review": review,
        "child": child,
        "outcome": outcome,
        "versions": versions,
        "version": version,
        "band_label": Band(band).label,
        "target": TARGETS[band],
        "reading": letters.reading(version) if version else None,
        "preview": render_letter.letter_parts(version) if version else None,
        "timeliness": queries.letter_timeliness(review, versions, timezone.localdate()),
        "can_edit": can_record(request.user, child),
    }
    return render(request, "outcomes/letter.html", context)


@require_POST
def create(request, pk):
    review = get_held_review_for_user(request.user, pk, RECORD)
    outcome = queries.record_for(review)
    if outcome is None:
        messages.error(request, "Record the meeting before writing the letter.")
        return redirect("outcomes:record", pk=review.pk)
    try:
        version = letters.create_letter(outcome, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("outcomes:letter", pk=review.pk)
    messages.success(request, "The letter is written from the record. Read it and make it yours.")
    return redirect("outcomes:letter_edit", pk=version.pk)


@require_http_methods(["GET", "POST"])
def edit(request, pk):
    version = get_letter_for_user(request.user, pk, RECORD)
    review = version.record.review
    if version.is_final:
        messages.error(request, "This version is final and cannot be changed: revise it instead.")
        return redirect("outcomes:letter", pk=review.pk)
    log_form_view(request, [review.child], "letter form")
    initial = {name: getattr(version, name) for name in LETTER_FIELDS}
    form = LetterForm(request.POST or None, initial=initial)
    if request.method == "POST" and "regenerate" in request.POST:
        letters.regenerate_draft(version, user=request.user)
        messages.success(request, "The draft is written again from the record.")
        return redirect("outcomes:letter_edit", pk=version.pk)
    if request.method == "POST" and form.is_valid():
        try:
            letters.update_draft(version, form.cleaned_data, user=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            version.refresh_from_db()
            reading = letters.reading(version)
            text = "Draft saved."
            if reading.too_hard:
                text += " It reads above the target for the child's age: see below."
            messages.success(request, text)
            return redirect("outcomes:letter", pk=review.pk)
    context = {
        "review": review,
        "child": review.child,
        "version": version,
        "form": form,
        "reading": letters.reading(version),
    }
    return render(request, "outcomes/letter_form.html", context)


@require_POST
def finalise(request, pk):
    version = get_letter_for_user(request.user, pk, RECORD)
    try:
        letters.finalise(version, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Version {version.number} of the letter is final.")
    return redirect("outcomes:letter", pk=version.record.review_id)


@require_POST
def revise(request, pk):
    version = get_letter_for_user(request.user, pk, RECORD)
    try:
        draft = letters.revise(version, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("outcomes:letter", pk=version.record.review_id)
    messages.success(request, f"Version {draft.number} started from version {version.number}.")
    return redirect("outcomes:letter_edit", pk=draft.pk)


@require_http_methods(["GET", "POST"])
def sent(request, pk):
    version = get_letter_for_user(request.user, pk, RECORD)
    review = version.record.review
    if not version.is_final:
        messages.error(request, "Finalise the letter before recording that it was sent.")
        return redirect("outcomes:letter", pk=review.pk)
    log_form_view(request, [review.child], "letter sent form")
    initial = {"sent_on": version.sent_on or timezone.localdate(), "method": version.sent_method}
    form = SentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            letters.record_sent(
                version,
                sent_on=form.cleaned_data["sent_on"],
                method=form.cleaned_data["method"],
                user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Sending recorded.")
            return redirect("outcomes:letter", pk=review.pk)
    versions = list(version.record.letters.all())
    context = {
        "review": review,
        "child": review.child,
        "version": version,
        "form": form,
        "timeliness": queries.letter_timeliness(review, versions, timezone.localdate()),
    }
    return render(request, "outcomes/sent_form.html", context)


RENDERERS = {
    "html": render_letter.letter_html,
    "pdf": render_letter.letter_pdf,
    "docx": render_letter.letter_docx,
}


def letter_download(request, pk, fmt):
    """The letter as a file; ``?large=1`` for large print. Logged against the child."""
    version = get_letter_for_user(request.user, pk)
    if fmt not in RENDERERS:
        raise Http404
    large = request.GET.get("large") == "1"
    content = RENDERERS[fmt](version, large=large)
    return download(
        request,
        content,
        fmt=fmt,
        name=render_letter.download_name(version, fmt, large=large),
        child=version.record.review.child,
        detail=f"Letter to the child v{version.number} ({fmt}{', large print' if large else ''})",
    )
