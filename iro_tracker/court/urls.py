from django.urls import path

from . import views

app_name = "court"
urlpatterns = [
    path("", views.proceedings_list, name="list"),
    path("<int:pk>/", views.edit, name="edit"),
    path("child/<int:pk>/new/", views.new, name="new"),
    path("legal-status/", views.watch, name="watch"),
    path("child/<int:pk>/legal-status/", views.discuss, name="discuss"),
]
