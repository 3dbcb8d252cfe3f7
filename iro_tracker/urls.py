from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("iro_tracker.accounts.urls")),
    path("children/", include("iro_tracker.children.urls")),
    path("reviews/", include("iro_tracker.reviews.urls")),
    path("imports/", include("iro_tracker.ssda903.urls")),
    path("reports/", include("iro_tracker.reporting.urls")),
    path("health/", include("iro_tracker.health.urls")),
    path("education/", include("iro_tracker.education.urls")),
    path("court/", include("iro_tracker.court.urls")),
    path("stability/", include("iro_tracker.stability.urls")),
    path("outcomes/", include("iro_tracker.outcomes.urls")),
    path("conferences/", include("iro_tracker.conferences.urls")),
    path("caseloads/", include("iro_tracker.caseloads.urls")),
    path("dashboard/", include("iro_tracker.dashboard.urls")),
    path("", include("iro_tracker.disputes.urls")),  # issues/, oversight/
    path("", include("iro_tracker.workqueue.urls")),  # work-queue/, calendar/
    path("access/", include("iro_tracker.audit.urls")),  # break glass
    path("admin/", admin.site.urls),
]
