"""Every change to a child's health records goes through one of these functions.

Each owns its transaction, refuses what cannot be true with a ``ValidationError`` per form
field, and passes the user to simple-history so the change history says who. The forms in
the browser and the 903 import (``apply_oc2``) use the same functions.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from iro_tracker.children.models import Child, Source
from iro_tracker.health.models import (
    DentalCheck,
    HealthAssessment,
    ImmunisationRecord,
    Kind,
    SdqScore,
)
from iro_tracker.rules import codes
from iro_tracker.rules.calendar import add_months, format_date
from iro_tracker.rules.health import IHA_EXEMPTION_MONTHS, INITIAL, Assessment, iha_for_period
from iro_tracker.rules.periods import periods_of_care

SDQ_MAX = 40


def today() -> date:
    return timezone.localdate()


def _save(record, user) -> None:
    if user is not None:
        record._history_user = user
    record.save()


def _latest_period(child: Child):
    periods = periods_of_care(child.episodes.all())
    return periods[-1] if periods else None


def _check_dates(errors: dict, child: Child, **dates: date | None) -> None:
    """No date in the future, none before the child's latest period of care (less 3 months)."""
    period = _latest_period(child)
    for field, value in dates.items():
        if value is None:
            continue
        if value > today():
            errors.setdefault(field, []).append(
                f"The date cannot be in the future ({format_date(value)})."
            )
        elif period is not None and value < add_months(period.start, -IHA_EXEMPTION_MONTHS):
            errors.setdefault(field, []).append(
                f"The date is more than {IHA_EXEMPTION_MONTHS} months before"
                f" {child.display_name} became looked after on {format_date(period.start)}."
            )


def _needs_care(child: Child) -> None:
    # Reg 48 disapplies reg 7: a child on short breaks only has no statutory assessments.
    if _latest_period(child) is None:
        raise ValidationError(
            f"{child.display_name} has no period of care (short breaks do not need health"
            " assessments under regulation 48)."
        )


# --- health assessments ----------------------------------------------------------------


def current_iha(child: Child) -> HealthAssessment | None:
    """The initial health assessment recorded for the child's latest period of care."""
    period = _latest_period(child)
    if period is None:
        return None
    rows = list(child.health_assessments.filter(kind=Kind.INITIAL))
    plain = [_plain(r) for r in rows]
    status = iha_for_period(period, plain)
    if status is None or status.record is None:
        # A period that began before the records held here still takes the latest IHA.
        inside = [
            r for r in rows if (r.completed_on or r.refused_on or r.requested_on) >= period.start
        ]
        return inside[-1] if inside else None
    return status.record.key


def _plain(row: HealthAssessment) -> Assessment:
    return Assessment(INITIAL, row.completed_on, row.requested_on, row.refused_on, key=row)


@transaction.atomic
def record_iha(
    child: Child,
    *,
    requested_on: date | None,
    completed_on: date | None,
    refused_on: date | None,
    notes: str = "",
    user=None,
) -> HealthAssessment:
    """Record (or update) the initial health assessment of the child's current period.

    Requested first, then completed or refused; one IHA per period of care.
    """
    Child.objects.select_for_update().get(pk=child.pk)
    _needs_care(child)
    errors: dict[str, list[str]] = {}
    if not (requested_on or completed_on or refused_on):
        errors["requested_on"] = ["Enter the date the assessment was requested, done or refused."]
    if completed_on and refused_on:
        errors["refused_on"] = ["An assessment is either completed or refused, not both."]
    _check_dates(
        errors, child, requested_on=requested_on, completed_on=completed_on, refused_on=refused_on
    )
    done = completed_on or refused_on
    if requested_on and done and done < requested_on:
        field = "completed_on" if completed_on else "refused_on"
        errors.setdefault(field, []).append("This cannot be before the date it was requested.")
    if errors:
        raise ValidationError(errors)
    record = current_iha(child) or HealthAssessment(child=child, kind=Kind.INITIAL)
    record.requested_on = requested_on
    record.completed_on = completed_on
    record.refused_on = refused_on
    record.notes = notes
    record.date_known = True
    _save(record, user)
    return record


@transaction.atomic
def record_review_assessment(
    child: Child, *, completed_on: date, notes: str = "", user=None
) -> HealthAssessment:
    """Record a review health assessment as done."""
    Child.objects.select_for_update().get(pk=child.pk)
    _needs_care(child)
    errors: dict[str, list[str]] = {}
    _check_dates(errors, child, completed_on=completed_on)
    if child.health_assessments.filter(completed_on=completed_on).exists():
        errors.setdefault("completed_on", []).append(
            f"A health assessment on {format_date(completed_on)} is already recorded."
        )
    if errors:
        raise ValidationError(errors)
    record = HealthAssessment(child=child, kind=Kind.REVIEW, completed_on=completed_on, notes=notes)
    _save(record, user)
    return record


# --- dental checks, immunisations, SDQ ---------------------------------------------------


@transaction.atomic
def record_dental_check(
    child: Child, *, checked_on: date, notes: str = "", user=None
) -> DentalCheck:
    errors: dict[str, list[str]] = {}
    _check_dates(errors, child, checked_on=checked_on)
    if errors:
        raise ValidationError(errors)
    record = DentalCheck(child=child, checked_on=checked_on, notes=notes)
    _save(record, user)
    return record


@transaction.atomic
def record_immunisations(
    child: Child, *, recorded_on: date, up_to_date: bool, notes: str = "", user=None
) -> ImmunisationRecord:
    errors: dict[str, list[str]] = {}
    _check_dates(errors, child, recorded_on=recorded_on)
    if errors:
        raise ValidationError(errors)
    record = ImmunisationRecord(
        child=child, recorded_on=recorded_on, up_to_date=up_to_date, notes=notes
    )
    _save(record, user)
    return record


@transaction.atomic
def record_sdq(
    child: Child, *, completed_on: date, score: int | None, reason: str = "", user=None
) -> SdqScore:
    """Record an SDQ: a total score from 0 to 40, or the 903 reason there is none."""
    errors: dict[str, list[str]] = {}
    _check_dates(errors, child, completed_on=completed_on)
    if score is None and not reason:
        errors["score"] = ["Enter the total score, or choose why there is none."]
    elif score is not None and reason:
        errors["reason"] = ["Give a score or a reason for none, not both."]
    elif score is not None and not 0 <= score <= SDQ_MAX:
        errors["score"] = [f"The total score is from 0 to {SDQ_MAX}."]
    elif reason and reason not in codes.SDQ_REASON:
        errors["reason"] = ["Choose a reason from the list."]
    if errors:
        raise ValidationError(errors)
    record = SdqScore(child=child, completed_on=completed_on, score=score, reason=reason)
    _save(record, user)
    return record


# --- the 903 OC2 table -------------------------------------------------------------------


def _oc2_value(row, name: str) -> str:
    # A row may be an ``ssda903.tables.Oc2`` (lower-case attributes) or a mapping of the
    # DfE column names (upper case): the importer may hold either.
    if isinstance(row, dict):
        value = row.get(name.upper(), row.get(name, ""))
    else:
        value = getattr(row, name, "")
    return str(value or "").strip().upper()


def oc2_reference_date(collection_year: int) -> date:
    """31 March at the end of the collection year (2018 = 2018-19, as ``rules.codes``)."""
    return date(collection_year + 1, 3, 31)


@transaction.atomic
def apply_oc2(child: Child, oc2_row, collection_year: int, user=None) -> list[str]:
    """Bring the child's health records into line with their 903 OC2 row for a year.

    The contract for the SSDA903 importer:

    - ``oc2_row``: an ``ssda903.tables.Oc2`` or a mapping of the DfE columns. Read:
      ``HEALTH_ASSESSMENT``, ``TEETH_CHECK``, ``IMMUNISATIONS`` (``"1"``, ``"0"`` or blank)
      and ``SDQ_SCORE`` (0-40) / ``SDQ_REASON`` (SDQ1-SDQ5). Other columns are ignored.
    - ``collection_year``: the year the collection starts (2018 = 2018-19), as elsewhere.
    - Call it inside or outside the import's transaction, once per child per year; calling
      it again with the same row changes nothing (each year's imported row is upserted).
    - ``"1"`` creates a record dated 31 March of the year with ``date_known=False``, unless
      a record entered in the product already shows it done in that year (the dated record
      is better evidence). ``"0"`` removes a record imported earlier for that year (its
      history stays); a blank leaves everything as it is. Records entered in the product
      are never changed. An immunisation flag is always stored (the status on 31 March).
    - Returns a sentence per change, for the import's summary.
    """
    end = oc2_reference_date(collection_year)
    start = date(collection_year, 4, 1)
    changes: list[str] = []

    def sync(model, flag: str, entered_in_year, create, label: str) -> None:
        imported = model.objects.filter(
            child=child, source=Source.IMPORTED, collection_year=collection_year
        )
        if flag == "0" or (flag == "1" and entered_in_year.exists()):
            for record in imported:
                record._history_user = user
                record.delete()
                changes.append(f"Removed the {label} imported for {collection_year}.")
        elif flag == "1" and not imported.exists():
            record = create()
            record.source, record.collection_year, record.date_known = (
                Source.IMPORTED, collection_year, False,
            )  # fmt: skip
            _save(record, user)
            changes.append(f"Recorded a {label} in the year to {format_date(end)}.")

    sync(
        HealthAssessment,
        _oc2_value(oc2_row, "health_assessment"),
        child.health_assessments.exclude(source=Source.IMPORTED).filter(
            completed_on__gte=start, completed_on__lte=end
        ),
        lambda: HealthAssessment(child=child, kind=Kind.REVIEW, completed_on=end),
        "health assessment",
    )
    sync(
        DentalCheck,
        _oc2_value(oc2_row, "teeth_check"),
        child.dental_checks.exclude(source=Source.IMPORTED).filter(
            checked_on__gte=start, checked_on__lte=end
        ),
        lambda: DentalCheck(child=child, checked_on=end),
        "dental check",
    )
    jabs = _oc2_value(oc2_row, "immunisations")
    if jabs in ("0", "1"):
        wanted = {"up_to_date": jabs == "1"}
        if _upsert_import(
            ImmunisationRecord, child, collection_year, end, "recorded_on", wanted, user
        ):
            state = "up to date" if jabs == "1" else "not up to date"
            changes.append(f"Immunisations {state} on {format_date(end)}.")
    score, reason = _oc2_value(oc2_row, "sdq_score"), _oc2_value(oc2_row, "sdq_reason")
    entered_sdq = child.sdq_scores.exclude(source=Source.IMPORTED).filter(
        completed_on__gte=start, completed_on__lte=end
    )
    if (score.isdigit() or reason in codes.SDQ_REASON) and not entered_sdq.exists():
        wanted = (
            {"score": int(score), "reason": ""}
            if score.isdigit()
            else {"score": None, "reason": reason}
        )
        if _upsert_import(SdqScore, child, collection_year, end, "completed_on", wanted, user):
            changes.append(f"SDQ recorded for the year to {format_date(end)}.")
    return changes


def _upsert_import(model, child, collection_year, end, date_field, wanted, user) -> bool:
    """Create or correct the row imported for the year; True if anything changed."""
    record = model.objects.filter(
        child=child, source=Source.IMPORTED, collection_year=collection_year
    ).first()
    if record is not None and all(getattr(record, k) == v for k, v in wanted.items()):
        return False
    if record is None:
        record = model(child=child, source=Source.IMPORTED, collection_year=collection_year)
        record.date_known = False
        setattr(record, date_field, end)
    for key, value in wanted.items():
        setattr(record, key, value)
    _save(record, user)
    return True


def apply_oc2_rows(sender, *, years, child_ids, user=None, **kwargs) -> int:
    """Apply every OC2 row of an import (the ssda903 ``return_loaded`` signal)."""
    children = Child.objects.in_bulk(
        [child_ids[row.child] for cy in years for row in cy.oc2 if row.child in child_ids]
    )
    applied = 0
    for cy in years:
        for row in cy.oc2:
            child = children.get(child_ids.get(row.child))
            if child is not None:
                apply_oc2(child, row, cy.year, user)
                applied += 1
    return applied
