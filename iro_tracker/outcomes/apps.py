from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "iro_tracker.outcomes"
    label = "outcomes"
    verbose_name = "Review outcomes and letters"
