from django.urls import path

from . import views

app_name = "education"
urlpatterns = [
    path("child/<int:pk>/pep/", views.pep, name="pep"),
    path("pep/<int:pk>/judge/", views.judge, name="judge"),
    path("child/<int:pk>/contact/", views.contact, name="contact"),
]
