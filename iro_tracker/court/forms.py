"""Forms for court work. They parse input; the rules live in court.services."""

from django import forms

from iro_tracker.court.models import DiscussionOutcome
from iro_tracker.govuk.forms import DateField
from iro_tracker.rules.legal import OUTCOMES

NOTES = {"widget": forms.Textarea(attrs={"rows": 3}), "required": False}


class ProceedingsForm(forms.Form):
    children = forms.CharField(
        label="Children in these proceedings",
        required=False,
        help_text="Child IDs, separated by commas: add the brothers and sisters in the same"
        " proceedings.",
    )
    issued_on = DateField(label="Date issued")
    court = forms.CharField(label="Court", required=False, max_length=200)
    case_number = forms.CharField(label="Case number", required=False, max_length=40)
    interim_hearing_on = DateField(label="Interim hearing", required=False)
    final_hearing_on = DateField(label="Final hearing", required=False)
    concluded_on = DateField(
        label="Date decided",
        required=False,
        help_text="The date of the final order, or of the withdrawal.",
    )
    outcome = forms.ChoiceField(
        label="Outcome", choices=[("", "Not decided yet"), *OUTCOMES], required=False
    )
    iro_contribution_on = DateField(
        label="Date the IRO contributed to the final care plan", required=False
    )
    notes = forms.CharField(label="Notes", **NOTES)


class DiscussionForm(forms.Form):
    discussed_on = DateField(label="Date discussed")
    with_whom = forms.CharField(
        label="Discussed with", max_length=200, help_text="For example the social worker's name"
    )
    outcome = forms.ChoiceField(
        label="Outcome", choices=DiscussionOutcome.choices, widget=forms.RadioSelect
    )
    plan = forms.CharField(
        label="What will happen, and by when",
        help_text="Needed unless the legal status is still the right one.",
        **NOTES,
    )
