from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "iro_tracker.audit"
    label = "audit"

    def ready(self) -> None:
        from iro_tracker.audit import guards, history
        from iro_tracker.audit.queries import child_access_context
        from iro_tracker.children import panels

        # Managers see on each child's record who opened it, when, and the reasons given.
        panels.register(
            panels.AFTER_PERIODS,
            "audit/_child_access.html",
            lambda request: child_access_context(request.user, request.child),
            order=900,
        )
        history.connect({m.instance_type for m in guards.history_models()})
        guards.protect_history_tables()
        guards.connect_postgres_triggers()
