from django.conf import settings
from django.urls import NoReverseMatch, reverse

# (label, url name, roles that see it). Roles: chair, business_support, manager, read_only.
NAV = [
    ("My caseload", "reviews:caseload", {"chair"}),
    ("Work queue", "workqueue:index", {"business_support", "manager"}),
    ("Dashboard", "dashboard:home", {"chair", "manager"}),
    ("Summary", "reviews:summary", {"read_only"}),
    ("Reviews due", "reviews:due", {"chair", "business_support", "manager"}),
    ("Children", "children:list", {"chair", "business_support", "manager"}),
    ("CP conference", "conferences:record", {"chair", "manager"}),
    ("Health", "health:overview", {"chair", "business_support", "manager"}),
    ("Legal status", "court:watch", {"chair", "manager"}),
    ("Issues", "disputes:index", {"chair", "business_support", "manager"}),
    ("Caseloads", "caseloads:list", {"business_support", "manager"}),
    ("Imports", "ssda903:list", {"business_support", "manager"}),
    ("Data quality", "ssda903:quality", {"chair", "business_support", "manager"}),
    ("Annual report", "reporting:index", {"chair", "business_support", "manager", "read_only"}),
]


def _items(user):
    role = "manager" if user.is_superuser else user.role
    for text, name, roles in NAV:
        if role not in roles:
            continue
        try:
            yield text, reverse(name)
        except NoReverseMatch:  # a feature whose app is not installed in this deployment
            continue


def navigation(request):
    context = {"authority_name": settings.IRO_AUTHORITY_NAME, "nav_items": []}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    path = request.path
    for text, href in _items(user):
        current = path == href or (href != "/" and path.startswith(href) and len(href) > 1)
        context["nav_items"].append({"text": text, "href": href, "current": current})
    return context
