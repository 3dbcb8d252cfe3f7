from django.urls import path

from . import views

app_name = "caseloads"
urlpatterns = [
    path("", views.caseload_list, name="list"),
    path("chairs/<int:pk>/", views.chair, name="chair"),
    path("suggest/<int:pk>/", views.suggest, name="suggest"),
]
