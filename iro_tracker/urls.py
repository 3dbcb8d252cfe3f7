from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("iro_tracker.accounts.urls")),
    path("children/", include("iro_tracker.children.urls")),
    path("reviews/", include("iro_tracker.reviews.urls")),
    path("reports/", include("iro_tracker.reporting.urls")),
    path("admin/", admin.site.urls),
]
