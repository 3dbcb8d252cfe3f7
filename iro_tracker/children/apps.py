from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "iro_tracker.children"
    label = "children"
