from django.urls import path

from . import views

app_name = "stability"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("short-breaks/", views.short_breaks, name="short_breaks"),
    path("child/<int:pk>/disability/", views.disability, name="disability"),
]
