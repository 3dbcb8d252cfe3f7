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

        # A missing document's automatic issue closes as soon as the document is recorded.
        from iro_tracker.disputes.documents import documents_arrived
        from iro_tracker.reviews.signals import documents_recorded

        def _arrived(sender, review, user=None, **kwargs):
            documents_arrived(review, user=user)

        documents_recorded.connect(_arrived, dispatch_uid="disputes.documents_arrived", weak=False)

        from iro_tracker.children import panels
        from iro_tracker.disputes.child_record import oversight_context

        panels.register(
            panels.AFTER_PERIODS,
            "disputes/_child_oversight.html",
            lambda r: {"oversight": oversight_context(r.child, r.user, r.today)},
            order=20,
        )

        from iro_tracker.dashboard import extras
        from iro_tracker.disputes import tiles
        from iro_tracker.disputes.models import Issue, Step

        extras.register(
            extras.Tile("Issues resolution", tiles.LABELS, tiles.issue_items, (Issue, Step))
        )
