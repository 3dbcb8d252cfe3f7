from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "iro_tracker.audit"
    label = "audit"
