from django.apps import AppConfig


class GovukConfig(AppConfig):
    """GOV.UK Frontend patterns for Django forms and pages (no models)."""

    name = "iro_tracker.govuk"
    label = "govuk"
