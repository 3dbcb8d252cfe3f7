from django.apps import AppConfig


class CourtConfig(AppConfig):
    name = "iro_tracker.court"
    label = "court"
    verbose_name = "Court work and legal status"

    def ready(self) -> None:
        # Items for the administrator's work queue (see workqueue.registry).
        from iro_tracker.court.queue import provider
        from iro_tracker.workqueue import registry

        registry.register(provider)
