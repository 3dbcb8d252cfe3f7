"""Break glass: a chair states why they need a record outside their caseload."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from iro_tracker.accounts import access
from iro_tracker.audit.forms import JustifyForm
from iro_tracker.audit.services import grant_access
from iro_tracker.children.models import Child


def _next(request, child) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("children:detail", args=[child.pk])


@require_http_methods(["GET", "POST"])
def justify(request, pk):
    """Ask for the reason; record it with a grant for ``IRO_BREAK_GLASS_HOURS``."""
    user = request.user
    if not user.is_chair or user.is_read_only:
        raise PermissionDenied  # other roles are never asked; read-only never sees a child
    child = get_object_or_404(Child, pk=pk, archived=False)
    form = JustifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grant_access(user, child, reason=form.cleaned_data["reason"], path=request.path)
        except ValidationError as error:
            for message in error.message_dict.get("reason", []):
                form.add_error("reason", message)
        else:
            return redirect(_next(request, child))
    if request.method == "GET":
        try:
            access.require_justified(user, child)
        except access.JustificationRequired:
            pass
        else:  # their own child, or a reason given lately: nothing to ask
            return redirect(_next(request, child))
    return render(
        request,
        "audit/justify.html",
        {
            "child": child,
            "form": form,
            "hours": settings.IRO_BREAK_GLASS_HOURS,
            "next": _next(request, child),
        },
    )
