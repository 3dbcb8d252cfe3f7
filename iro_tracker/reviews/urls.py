from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("due/", views.due, name="due"),
    path("summary/", views.summary, name="summary"),
    path("<int:pk>/record/", views.record, name="record"),
    path("<int:pk>/complete/", views.complete, name="complete"),
    path("<int:pk>/schedule/", views.schedule, name="schedule"),
    path("<int:pk>/adjourn/", views.adjourn, name="adjourn"),
]
