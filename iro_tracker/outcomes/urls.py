from django.urls import path

from . import letter_views, views

app_name = "outcomes"
urlpatterns = [
    path("review/<int:pk>/", views.record, name="record"),
    path("review/<int:pk>/meeting/", views.meeting, name="meeting"),
    path("review/<int:pk>/decisions/add/", views.add_decision, name="add_decision"),
    path("review/<int:pk>/quality/", views.quality, name="quality"),
    path("review/<int:pk>/circulation/", views.circulation, name="circulation"),
    path("review/<int:pk>/record.<str:fmt>", views.document, name="document"),
    path("decisions/<int:pk>/", views.decision, name="decision"),
    path("review/<int:pk>/letter/", letter_views.letter, name="letter"),
    path("review/<int:pk>/letter/create/", letter_views.create, name="letter_create"),
    path("letters/<int:pk>/edit/", letter_views.edit, name="letter_edit"),
    path("letters/<int:pk>/finalise/", letter_views.finalise, name="letter_finalise"),
    path("letters/<int:pk>/revise/", letter_views.revise, name="letter_revise"),
    path("letters/<int:pk>/sent/", letter_views.sent, name="letter_sent"),
    path("letters/<int:pk>/letter.<str:fmt>", letter_views.letter_download, name="letter_download"),
]
