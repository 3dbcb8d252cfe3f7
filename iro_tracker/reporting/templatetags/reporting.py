"""Template helpers for the annual report: inline chart SVG."""

from django import template
from django.utils.safestring import mark_safe

from iro_tracker.reporting import charts

register = template.Library()


@register.filter
def chart_svg(spec) -> str:
    """The chart of ``spec`` as inline SVG.

    Safe to mark safe: matplotlib escapes every text it writes, and ``charts.svg`` escapes
    the title and text alternative it adds.
    """
    return mark_safe(charts.svg(spec))  # noqa: S308


@register.filter
def chart_data_uri(spec) -> str:
    """The chart as a ``data:`` URI for ``<img src>`` (PDF and standalone HTML)."""
    return charts.data_uri(spec)
