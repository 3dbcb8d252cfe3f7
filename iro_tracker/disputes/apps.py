from django.apps import AppConfig


class DisputesConfig(AppConfig):
    """Issues resolution, document readiness and the IRO's oversight between reviews."""

    name = "iro_tracker.disputes"
    label = "disputes"
    verbose_name = "Issues resolution and oversight"

    def ready(self) -> None:
        # Open issues awaiting a response join the administrator's work queue.
        from iro_tracker.disputes.providers import issue_responses_to_chase
        from iro_tracker.workqueue import registry

        registry.register(issue_responses_to_chase)
