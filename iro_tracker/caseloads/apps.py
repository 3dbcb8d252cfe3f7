from django.apps import AppConfig


class CaseloadsConfig(AppConfig):
    name = "iro_tracker.caseloads"
    label = "caseloads"
