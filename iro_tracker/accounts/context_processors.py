from django.conf import settings
from django.urls import reverse


def _items(user):
    if user.is_read_only:
        return [("Summary", "reviews:summary")]
    items = []
    if user.is_chair:
        items.append(("My caseload", "reviews:caseload"))
    items += [("Reviews due", "reviews:due"), ("Children", "children:list")]
    return items


def navigation(request):
    context = {"authority_name": settings.IRO_AUTHORITY_NAME, "nav_items": []}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    path = request.path
    for text, name in _items(user):
        href = reverse(name)
        context["nav_items"].append({"text": text, "href": href, "current": path == href})
    return context
