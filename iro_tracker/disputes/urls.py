"""Issues resolution and oversight, mounted at the site root (paths start issues/, oversight/)."""

from django.urls import path

from . import oversight_views, views

app_name = "disputes"
urlpatterns = [
    path("issues/", views.issue_list, name="index"),
    path("issues/<int:pk>/", views.detail, name="detail"),
    path("issues/<int:pk>/escalate/", views.escalate, name="escalate"),
    path("issues/<int:pk>/respond/", views.respond, name="respond"),
    path("issues/<int:pk>/resolve/", views.resolve, name="resolve"),
    path("issues/<int:pk>/cafcass/", views.cafcass, name="cafcass"),
    path("issues/<int:pk>/action/", views.action, name="action"),
    path("issues/raise/<int:child_pk>/", views.raise_issue, name="raise"),
    path(
        "oversight/children/<int:child_pk>/midway-meeting/", oversight_views.midway, name="midway"
    ),
    path("oversight/children/<int:child_pk>/contact/", oversight_views.contact, name="contact"),
    path("oversight/", oversight_views.oversight_report, name="oversight"),
    path("oversight/documents/", oversight_views.documents_report, name="documents"),
]
