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
