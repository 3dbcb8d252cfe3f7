"""Every tunable number behind the statutory timescales.

The defaults are the decisions in /work/shared/domain/RULES.md. A local authority whose
practice differs builds its own ``RuleSettings`` (e.g. ``dataclasses.replace(DEFAULT,
iha_working_days=28)``) rather than editing the rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class RuleSettings:
    # Looked-after reviews (CPPCR 2010 reg 33; 1991 regulations before reg33_change_date).
    first_review_working_days: int = 20
    pre_2011_first_review_days: int = 28
    reg33_change_date: date = date(2011, 4, 1)
    second_review_months: int = 3
    subsequent_review_months: int = 6
    # Short breaks (reg 48).
    short_break_first_months: int = 3
    short_break_subsequent_months: int = 6
    # Adjournment (reg 36).
    adjournment_max_working_days: int = 20
    # Around the review (local practice).
    documents_working_days_before: int = 3
    decisions_circulation_working_days: int = 5
    record_circulation_working_days: int = 20
    # Health.
    iha_working_days: int = 20
    rha_under5_months: int = 6
    rha_5plus_months: int = 12
    # What the IRO monitors between reviews (issue 9; see rules/health.py, education.py,
    # legal.py, stability.py and shortbreaks.py for how each is used).
    iha_also_reported_working_days: int = 25  # the seed reports 20 and 25 (§6.6)
    iha_alert_working_days: int = 10  # work queue: no IHA recorded this long after care began
    dental_check_months: int = 12
    sdq_ages: tuple[int, int] = (4, 16)
    pep_initial_working_days: int = 10
    pep_from_age: int = 3
    # School terms by first day (month, day); a PEP is reviewed in each term. Two entries
    # give a twice-yearly review for authorities that practise that instead.
    pep_terms: tuple[tuple[int, int, str], ...] = (
        (9, 1, "autumn"),
        (1, 1, "spring"),
        (4, 1, "summer"),
    )
    care_proceedings_weeks: int = 26
    s20_watch_months: int = 6
    placement_order_watch_months: int = 12
    short_break_max_days: int = 17
    short_break_max_days_in_12_months: int = 75
    # Issues resolution (IRO Handbook ch. 6).
    dispute_formal_working_days: int = 20
    # Child protection (Working Together).
    icpc_working_days: int = 15
    cp_first_review_months: int = 3
    cp_subsequent_review_months: int = 6
    core_group_working_days: int = 10
    # IRO service.
    iro_allocation_working_days: int = 5
    caseload_band: tuple[int, int] = (50, 70)
    # An extra (brought-forward) review restarts the clock from its date (reg 33(2) read
    # literally); False keeps the planned schedule for authorities that treat it as extra.
    brought_forward_resets_clock: bool = True


DEFAULT = RuleSettings()
