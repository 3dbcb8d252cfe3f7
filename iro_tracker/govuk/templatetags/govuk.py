"""Template helpers for GOV.UK Frontend markup."""

from django import template

from iro_tracker.govuk.forms import DateInputWidget

register = template.Library()

_KINDS = {
    "Select": "select",
    "RadioSelect": "radios",
    "Textarea": "textarea",
    "CheckboxInput": "checkbox",
}


@register.inclusion_tag("govuk/field.html")
def govuk_field(field, hint="", classes=""):
    widget = field.field.widget
    if isinstance(widget, DateInputWidget):
        kind = "date"
    else:
        kind = _KINDS.get(type(widget).__name__, "input")
    css = {"input": "govuk-input", "select": "govuk-select", "textarea": "govuk-textarea"}
    control = ""
    if kind in css:
        attrs = {"class": f"{css[kind]} {classes}".strip()}
        if field.errors:
            attrs["class"] += f" {css[kind]}--error"
        if hint or field.help_text:
            attrs["aria-describedby"] = f"{field.auto_id}-hint"
        control = field.as_widget(attrs=attrs)
    return {"field": field, "kind": kind, "hint": hint or field.help_text, "control": control}


@register.simple_tag
def rag_tag(rag: str) -> str:
    return {"red": "govuk-tag--red", "amber": "govuk-tag--yellow", "green": "govuk-tag--green"}.get(
        rag, "govuk-tag--grey"
    )
