from django.apps import AppConfig


class Ssda903Config(AppConfig):
    """The SSDA903 format. Reading and checking are pure Python (tables, reader, xml_reader,
    checks, writer); loading into and exporting from the database are the Django part."""

    name = "iro_tracker.ssda903"
    label = "ssda903"

    def ready(self) -> None:
        from iro_tracker.children import panels
        from iro_tracker.ssda903.models import child_findings

        panels.register(
            panels.AFTER_PERIODS,
            "ssda903/_child_findings.html",
            lambda r: {"ssda903_findings": child_findings(r.child)},
            order=30,
        )
