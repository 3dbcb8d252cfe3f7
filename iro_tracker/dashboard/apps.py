from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "iro_tracker.dashboard"
    label = "dashboard"
