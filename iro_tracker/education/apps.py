from django.apps import AppConfig


class EducationConfig(AppConfig):
    name = "iro_tracker.education"
    label = "education"
    verbose_name = "Education"
