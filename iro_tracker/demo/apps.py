from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "iro_tracker.demo"
    label = "demo"
