from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "iro_tracker.outcomes"
    label = "outcomes"
    verbose_name = "Review outcomes and letters"

    def ready(self) -> None:
        from iro_tracker.children import panels
        from iro_tracker.outcomes.queries import annotate_open_decisions, child_panel
        from iro_tracker.reviews import caseload

        panels.register(
            panels.AFTER_REVIEWS,
            "outcomes/_child_decisions.html",
            lambda r: {"outcomes": child_panel(r.child, r.held, r.today)},
        )
        caseload.register_annotator(annotate_open_decisions)
