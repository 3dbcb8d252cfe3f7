from django.apps import AppConfig


class WorkqueueConfig(AppConfig):
    """The administrator's work queue, the IROs' weekly reminders and calendar feeds."""

    name = "iro_tracker.workqueue"
    label = "workqueue"
    verbose_name = "Work queue, reminders and calendars"

    def ready(self) -> None:
        from iro_tracker.workqueue import calendar, providers, registry

        for provider in providers.BUILT_IN:
            registry.register(provider)
        calendar.register_source(calendar.review_events)
