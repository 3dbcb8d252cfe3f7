"""What the child's record shows of health, education, court work and placements.

``monitoring_context(child, user, today)`` is the one call the child record page makes for
the four monitoring panels (health, education, court, stability); each panel template is
included on its own line. The child's episodes are read once and shared (about 16 queries
in all, whatever the child's history).
"""

from __future__ import annotations

from datetime import date

from iro_tracker.accounts import access
from iro_tracker.court.watch import watch_rows
from iro_tracker.education.status import child_education
from iro_tracker.health.status import child_health
from iro_tracker.stability.status import child_stability


def monitoring_context(child, user, today: date) -> dict:
    episodes = list(child.episodes.order_by("decom"))
    record = access.can(user, access.RECORD, child)
    schedule = access.can(user, access.SCHEDULE, child)
    proceedings = list(
        child.care_proceedings.prefetch_related("children").order_by("-issued_on", "-pk")
    )
    for p in proceedings:
        p.others = [c for c in p.children.all() if c.pk != child.pk]  # brothers and sisters
    return {
        "health": child_health(child, today, episodes=episodes),
        "education": child_education(child, today, episodes=episodes),
        "legal": {
            "row": watch_rows([child], today)[0],
            "discussions": list(child.legal_discussions.order_by("-discussed_on", "-pk")[:3]),
            "proceedings": proceedings,
        },
        "stability": child_stability(child, today, episodes=episodes),
        # Health and PEP dates: business support too (decision, issue 9); judgements,
        # court work, legal status and disability: the allocated IRO and managers.
        "can_record_health": schedule,
        "can_record_education": schedule,
        "can_judge_pep": record,
        "can_record_legal": record,
        "can_record_disability": record,
    }
