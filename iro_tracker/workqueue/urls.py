"""The work queue and calendar, mounted at the site root (paths start work-queue/, calendar/)."""

from django.urls import path

from . import views

app_name = "workqueue"
urlpatterns = [
    path("work-queue/", views.queue, name="index"),
    path("work-queue/invitations/<int:review_pk>/", views.invitation, name="invitation"),
    path("calendar/", views.calendar_settings, name="calendar"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
]
