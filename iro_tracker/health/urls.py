from django.urls import path

from . import views

app_name = "health"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("child/<int:pk>/initial-assessment/", views.iha, name="iha"),
    path("child/<int:pk>/review-assessment/", views.assessment, name="assessment"),
    path("child/<int:pk>/dental-check/", views.dental, name="dental"),
    path("child/<int:pk>/immunisations/", views.immunisations, name="immunisations"),
    path("child/<int:pk>/sdq/", views.sdq, name="sdq"),
]
