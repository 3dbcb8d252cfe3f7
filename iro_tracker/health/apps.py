from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "iro_tracker.health"
    label = "health"
    verbose_name = "Health"

    def ready(self) -> None:
        # Items for the administrator's work queue (see workqueue.registry).
        from iro_tracker.health.queue import provider
        from iro_tracker.workqueue import registry

        registry.register(provider)

        # Health builds the context for the whole "between reviews" section: education, court
        # work and placements share its episodes and access checks.
        from iro_tracker.children import panels
        from iro_tracker.health.panels import monitoring_context
        from iro_tracker.health.status import annotate_caseload
        from iro_tracker.reviews import caseload

        panels.register(
            panels.MONITORING,
            (
                "health/_child_health.html",
                "education/_child_education.html",
                "court/_child_legal.html",
                "stability/_child_stability.html",
            ),
            lambda r: monitoring_context(r.child, r.user, r.today),
        )
        caseload.register_annotator(annotate_caseload)

        # Health, court work, placements and short breaks on the dashboard.
        from iro_tracker.court.models import CareProceedings, LegalStatusDiscussion
        from iro_tracker.dashboard import extras
        from iro_tracker.health import tiles
        from iro_tracker.health.models import HealthAssessment

        extras.register(
            extras.Tile(
                "Health, legal status and placements",
                tiles.LABELS,
                tiles.monitoring_items,
                (HealthAssessment, CareProceedings, LegalStatusDiscussion),
            )
        )

        # The 903 OC2 table (health assessment, teeth, immunisations, SDQ) feeds the same
        # health records as those entered here.
        from iro_tracker.health.services import apply_oc2_rows
        from iro_tracker.ssda903.signals import return_loaded

        return_loaded.connect(apply_oc2_rows, dispatch_uid="health.apply_oc2", weak=False)
