from django.urls import path

from . import views

app_name = "conferences"
urlpatterns = [
    path("record/", views.record, name="record"),
    path("strategy-discussion/", views.strategy, name="strategy"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/amend/", views.amend, name="amend"),
    path("plans/<int:pk>/core-group/", views.core_group, name="core_group"),
    path("enquiries/<int:pk>/close/", views.close_enquiry, name="close_enquiry"),
]
