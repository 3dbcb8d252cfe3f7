from django.apps import AppConfig


class ReportingConfig(AppConfig):
    """Builds the metrics snapshot from the database and renders the annual report."""

    name = "iro_tracker.reporting"
    label = "reporting"
