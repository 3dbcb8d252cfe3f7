"""What the audit shows on pages: who opened a child's record, for managers only."""

from iro_tracker.audit.models import AccessLog

RECENT = 100


def child_access_context(user, child) -> dict:
    """The child's latest access-log entries (with reasons) for a manager; nothing otherwise."""
    if not user.is_manager:
        return {"access_log": None}
    entries = list(
        AccessLog.objects.filter(child=child).select_related("user").order_by("-seq")[:RECENT]
    )
    return {"access_log": entries, "access_log_limit": RECENT}
