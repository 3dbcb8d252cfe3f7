from django.apps import AppConfig


class StabilityConfig(AppConfig):
    name = "iro_tracker.stability"
    label = "stability"
    verbose_name = "Placement stability, disabilities and short breaks"
