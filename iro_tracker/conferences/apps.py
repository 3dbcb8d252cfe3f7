from django.apps import AppConfig


class ConferencesConfig(AppConfig):
    name = "iro_tracker.conferences"
    label = "conferences"
    verbose_name = "Child protection"
