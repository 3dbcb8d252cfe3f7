"""The one way to write the access log."""

from iro_tracker.audit.models import AccessLog, Action


def log_access(
    user,
    action: str,
    *,
    path: str,
    child=None,
    detail: str = "",
    reason: str = "",
    row_count: int | None = None,
) -> AccessLog:
    """Record that ``user`` viewed or exported children's data. Cannot be switched off."""
    return AccessLog.objects.create(
        user=user,
        action=action,
        child=child,
        path=path[:300],
        detail=detail[:300],
        reason=reason[:300],
        row_count=row_count,
    )


def log_child_view(request, child, detail: str = "") -> AccessLog:
    return log_access(
        request.user, Action.VIEW, path=request.get_full_path(), child=child, detail=detail
    )


def log_export(request, detail: str, row_count: int) -> AccessLog:
    return log_access(
        request.user,
        Action.EXPORT,
        path=request.get_full_path(),
        detail=detail,
        row_count=row_count,
    )
