"""Forms for the health pages. They parse input; the rules live in health.services."""

from django import forms
from django.core.exceptions import ValidationError

from iro_tracker.govuk.forms import DateField
from iro_tracker.rules import codes

NOTES = {"widget": forms.Textarea(attrs={"rows": 3}), "required": False}


class IhaForm(forms.Form):
    requested_on = DateField(label="Date requested", required=False)
    completed_on = DateField(label="Date completed", required=False)
    refused_on = DateField(
        label="Date the child refused",
        required=False,
        help_text="Only if a child of sufficient understanding refused the assessment.",
    )
    notes = forms.CharField(label="Notes", **NOTES)


class ReviewAssessmentForm(forms.Form):
    completed_on = DateField(label="Date of the health assessment")
    notes = forms.CharField(label="Notes", **NOTES)


class DentalCheckForm(forms.Form):
    checked_on = DateField(label="Date of the dental check")
    notes = forms.CharField(label="Notes", **NOTES)


class ImmunisationForm(forms.Form):
    recorded_on = DateField(label="Date checked")
    up_to_date = forms.TypedChoiceField(
        label="Are the child's immunisations up to date?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    notes = forms.CharField(label="Notes", **NOTES)


class SdqForm(forms.Form):
    completed_on = DateField(label="Date completed")
    score = forms.IntegerField(
        label="Total difficulties score",
        required=False,
        min_value=0,
        max_value=40,
        help_text="From 0 to 40. Leave blank if there is no score and choose why.",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    reason = forms.ChoiceField(
        label="Reason there is no score",
        choices=[("", "There is a score"), *codes.SDQ_REASON.choices()],
        required=False,
    )


def apply_errors(form, error: ValidationError) -> None:
    """Show a service's ``ValidationError`` on the form, beside each field it names."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        for message in errors:
            form.add_error(field if field in form.fields else None, message)
