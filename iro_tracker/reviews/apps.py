from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "iro_tracker.reviews"
    label = "reviews"
