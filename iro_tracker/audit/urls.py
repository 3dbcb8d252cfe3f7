from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("children/<int:pk>/justify/", views.justify, name="justify"),
]
