from django.apps import AppConfig


class ConferencesConfig(AppConfig):
    name = "iro_tracker.conferences"
    label = "conferences"
    verbose_name = "Child protection"

    def ready(self) -> None:
        # Review conferences due join each chair's calendar feed.
        from iro_tracker.conferences.calendar import conference_events
        from iro_tracker.workqueue.calendar import register_source

        register_source(conference_events)

        from iro_tracker.children import panels
        from iro_tracker.conferences.queries import child_cp_context

        panels.register(
            panels.AFTER_PERIODS,
            "conferences/_child_cp.html",
            lambda r: child_cp_context(r.user, r.child, r.today),
            order=10,
        )
