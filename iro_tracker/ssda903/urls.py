from django.urls import path

from . import views

app_name = "ssda903"
urlpatterns = [
    path("", views.import_list, name="list"),
    path("new/", views.upload, name="new"),
    path("quality/", views.quality, name="quality"),
    path("<int:pk>/", views.run_detail, name="detail"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/problems.csv", views.problems_csv, name="problems_csv"),
]
