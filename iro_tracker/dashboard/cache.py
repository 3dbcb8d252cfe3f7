"""Keep computed dashboard figures until the data they come from changes.

Every change to the records the dashboard reads writes a change-history row (simple-history,
bulk loads included), so the highest history id of each of those tables is a cheap version
of the data: one query, an index lookup per table. The figures are kept under that version,
today's date and the slice (unit or one chair), so a page view after any change recomputes and
every other view reuses them: nothing stale is ever served.

They are kept in this process's memory, not Django's cache: the cache pickles, and unpickling
tens of thousands of items on every view would cost more than it saves. Each worker keeps the
few most recent versions and slices.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date
from functools import cache

from django.db import connection

from iro_tracker.accounts.models import User
from iro_tracker.children.models import Allocation, CareEpisode, Child
from iro_tracker.conferences.models import (
    ChildProtectionPlan,
    Conference,
    ConferenceChild,
    EnquiryChild,
    StrategyDiscussion,
)
from iro_tracker.dashboard import extras
from iro_tracker.dashboard.figures import Figures, compute
from iro_tracker.reviews.models import Review

WATCHED = (
    Child,
    CareEpisode,
    Allocation,
    Review,
    User,
    StrategyDiscussion,
    EnquiryChild,
    Conference,
    ConferenceChild,
    ChildProtectionPlan,
)
KEEP = 16  # figures kept per process: the unit and the chairs who looked most recently

_kept: OrderedDict[tuple, Figures] = OrderedDict()
_lock = threading.Lock()


@cache
def _version_sql() -> str:
    # Table and column names come from the models, never from input.
    parts = []
    for model in WATCHED + extras.watched_models():
        history = model.history.model
        table = connection.ops.quote_name(history._meta.db_table)
        column = connection.ops.quote_name(history._meta.pk.column)
        parts.append(f"(SELECT MAX({column}) FROM {table})")  # noqa: S608
    return f"SELECT {', '.join(parts)}"


def data_version() -> str:
    """The highest change-history id of every table the dashboard reads, as one string."""
    with connection.cursor() as cursor:
        cursor.execute(_version_sql())
        return ".".join(str(v or 0) for v in cursor.fetchone())


def figures_for(today: date, chair=None) -> Figures:
    """The dashboard's figures for the unit (``chair=None``) or one chair's slice."""
    key = (today, chair.pk if chair else None, data_version())
    with _lock:
        figures = _kept.get(key)
        if figures is not None:
            _kept.move_to_end(key)
            return figures
    figures = compute(today, chair)
    with _lock:
        _kept[key] = figures
        while len(_kept) > KEEP:
            _kept.popitem(last=False)
    return figures


def clear() -> None:
    """Forget every kept figure (tests)."""
    with _lock:
        _kept.clear()
