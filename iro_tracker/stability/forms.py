"""The disability form. It parses input; the rule lives in stability.services."""

from django import forms

from iro_tracker.stability.services import DETAIL_MAX


class DisabilityForm(forms.Form):
    disabled = forms.TypedChoiceField(
        label="Does the child have a disability?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    detail = forms.CharField(
        label="Kind of need",
        required=False,
        max_length=DETAIL_MAX,
        help_text="For example: learning, communication, autism, mobility, hearing, vision,"
        " behaviour, personal care, complex health needs.",
    )
