"""Disclosure control for the published annual report (issue 4, "Disclosure control").

``suppress(report, N)`` replaces every count from 1 to N-1 with the string ``"<N"`` and
recomputes nothing from the suppressed cells. A percentage (or rate, or ratio) whose
numerator is a suppressed count would give the count away, so it is replaced too, by
``SUPPRESSED``. Zero is never suppressed: it identifies nobody.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from iro_tracker.rules.metrics.population import is_bme
from iro_tracker.rules.metrics.snapshot import percent

# The mark of a suppressed percentage, rate or ratio: "c" (confidential) is the symbol the
# GSS and DfE statistics use. "<5" would read as "under 5 per cent", which it is not.
SUPPRESSED = "c"

# Whole numbers in the report that are not counts of children, reviews, periods or staff.
# net_change is a difference (and may be negative); the rate is per 10,000.
NOT_COUNTS = frozenset(
    {
        "year",
        "children_looked_after.net_change",
        "children_looked_after.rate_per_10000",
        "service.caseload_band",
    }
)

Report = dict[str, Any]

# Figures computed from one count of the report: suppressed when that count is. Rates, means
# and ratios are here, and percentages whose numerator is not the "<x>" beside "<x>_percent".
NUMERATOR_COUNTS = {
    "children_looked_after.rate_per_10000": "children_looked_after.at_year_end",
    "reviews.on_time_percent": "reviews.on_time",
    "participation.percent": "participation.participated",
    "service.lac_per_fte": "service.allocated_children",
    # Looked-after and child protection children together, per chair FTE (issue 6).
    "service.combined_per_fte": "service.combined_caseload",
    # Care proceedings issued per 10,000 children; their mean length over those concluded.
    "legal_proceedings.rate_per_10000": "legal_proceedings.issued_in_year",
    "legal_proceedings.mean_length_weeks": "legal_proceedings.concluded_in_year",
    # The mean SDQ score of the children with a score in the year.
    "health.sdq_average_score": "health.sdq_completed",
    # Review cycles with a midway meeting; cycles with the IRO's contact with the child.
    "issues_resolution.oversight.midway_percent": "issues_resolution.oversight.with_midway",
    "issues_resolution.oversight.contact_percent": "issues_resolution.oversight.with_contact",
}

# Percentages whose numerator is not in the report (the keys are fixed): suppressed when a
# numerator from 1 to N-1 would round to the percentage shown, over the denominator here.
# Exact while the denominator is at most 1,000 (each numerator then shows a different
# percentage); above that it may also suppress a larger numerator, never too few.
DENOMINATORS = {
    "ceased.formal_arrangements_percent": "ceased.aged_18_plus",
    "ceased.staying_put_percent": "ceased.aged_18_plus",
    "disability_percent": "children_looked_after.at_year_end",
}


def _bme_count(report: Report) -> int:
    # bme_percent's numerator, rebuilt from ethnicity_at_year_end (population.is_bme), as
    # the report has no bme_count key.
    table = report.get("ethnicity_at_year_end") or {}
    return sum(n for code, n in table.items() if isinstance(n, int) and is_bme(code))


def _meetings(report: Report) -> int | None:
    service = report.get("service") or {}
    counts = [service.get(k) for k in ("reviews_chaired", "conferences_chaired")]
    counts = [n for n in counts if isinstance(n, int)]
    return sum(counts) if counts else None


# Numerators that must be worked out from several cells.
DERIVED_NUMERATORS: dict[str, Callable[[Report], int | None]] = {
    "bme_percent": _bme_count,
    "service.meetings_per_chair": _meetings,
}


def _not_participating(report: Report) -> int | None:
    eligible = _get(report, "participation.eligible")
    participated = _get(report, "participation.participated")
    if isinstance(eligible, int) and isinstance(participated, int):
        return eligible - participated
    return None


# A percentage also gives away the other side of its fraction: 97.5% on time out of a shown
# total tells the reader how many were late. So it is suppressed when either side is small.
COMPLEMENTS: dict[str, Callable[[Report], int | None]] = {
    "reviews.on_time_percent": lambda report: _get(report, "reviews.late"),
    "participation.percent": _not_participating,
    "child_protection.review_conferences.on_time_percent": lambda report: _get(
        report, "child_protection.review_conferences.late"
    ),
    "issues_resolution.documentation.compliant_percent": lambda report: _get(
        report, "issues_resolution.documentation.non_compliant"
    ),
    **{
        f"quality_assurance.{name}.within_timescale_percent": (
            lambda report, name=name: _get(report, f"quality_assurance.{name}.late")
        )
        for name in ("letters", "decisions_circulated", "records_circulated")
    },
}


def suppress(report: Report, below: int) -> Report:
    """A copy of ``report`` with counts 1 to ``below``-1 replaced by ``"<below"``.

    Percentages, rates and ratios whose numerator is such a count become ``SUPPRESSED``.
    Besides the figures named in ``NUMERATOR_COUNTS``, ``DENOMINATORS`` and
    ``DERIVED_NUMERATORS``, a key ``"<x>_percent"`` beside a count ``"<x>"`` takes that count
    as its numerator (the convention for sections filled from ``Snapshot.extra``).
    ``below <= 1`` returns an unchanged copy. A report from ``annual_report_with_previous``
    is suppressed year by year. The input is never modified.
    """
    if below <= 1:
        return copy.deepcopy(report)
    if "current" in report and "previous" in report:
        result = copy.deepcopy(report)
        for key in ("current", "previous"):
            result[key] = suppress(report[key], below)
        return result

    def small(value: Any) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and 0 < value < below

    result = _replace_counts(report, "", small, f"<{below}")
    for parts, value in _leaves(report):
        if value is None or isinstance(value, str):
            continue
        if _numerator_is_small(report, parts, value, small, below):
            _set(result, parts, SUPPRESSED)
    return result


def _numerator_is_small(
    report: Report, parts: tuple[str, ...], value: Any, small: Callable[[Any], bool], below: int
) -> bool:
    path = ".".join(parts)
    if path in COMPLEMENTS and small(COMPLEMENTS[path](report)):
        return True
    if path in NUMERATOR_COUNTS:
        return small(_get(report, NUMERATOR_COUNTS[path]))
    if path in DERIVED_NUMERATORS:
        return small(DERIVED_NUMERATORS[path](report))
    if path in DENOMINATORS:
        denominator = _get(report, DENOMINATORS[path])
        if not isinstance(denominator, int) or not denominator:
            return False
        return any(percent(k, denominator) == value for k in range(1, min(below, denominator + 1)))
    key = parts[-1]
    if key.endswith("_percent"):
        # Walked part by part, not by a dotted path: a by-team table is keyed by team names,
        # and a name may hold a dot ("St. Mark's").
        return small(_get_parts(report, (*parts[:-1], key.removesuffix("_percent"))))
    return False


def _replace_counts(value: Any, path: str, small: Callable[[Any], bool], mark: str) -> Any:
    if isinstance(value, dict):
        return {
            k: _replace_counts(v, f"{path}.{k}" if path else str(k), small, mark)
            for k, v in value.items()
        }
    if path in NOT_COUNTS:
        return copy.deepcopy(value)
    if isinstance(value, list):
        return [_replace_counts(v, path, small, mark) for v in value]
    return mark if small(value) else value


def _leaves(value: Any, parts: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    if isinstance(value, dict):
        found = []
        for k, v in value.items():
            found.extend(_leaves(v, (*parts, str(k))))
        return found
    return [(parts, value)]


def _get(report: Report, path: str) -> Any:
    return _get_parts(report, tuple(path.split(".")))


def _get_parts(report: Report, parts: tuple[str, ...]) -> Any:
    value: Any = report
    for part in parts:
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _set(report: Report, parts: tuple[str, ...], new: Any) -> None:
    *parents, last = parts
    target = report
    for part in parents:
        target = target[part]
    target[last] = new
