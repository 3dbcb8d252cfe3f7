from django.apps import AppConfig


class Ssda903Config(AppConfig):
    """The SSDA903 format. Reading and checking are pure Python (tables, reader, xml_reader,
    checks, writer); loading into and exporting from the database are the Django part."""

    name = "iro_tracker.ssda903"
    label = "ssda903"
