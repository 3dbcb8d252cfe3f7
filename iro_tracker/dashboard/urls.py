from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("", views.dashboard, name="home"),
    path("list/<str:key>/", views.figure_list, name="list"),
]
