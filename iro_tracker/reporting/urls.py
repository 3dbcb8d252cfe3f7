from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("annual/", views.index, name="index"),
    path("annual/<int:year>/", views.report, name="report"),
    path("annual/<int:year>/report.pdf", views.download_pdf, name="pdf"),
    path("annual/<int:year>/report.docx", views.download_docx, name="docx"),
    path("annual/<int:year>/children/<str:key>/", views.children, name="children"),
    path("annual/<int:year>/narrative/<slug:section>/", views.narrative, name="narrative"),
    path("annual/<int:year>/population/", views.population, name="population"),
]
