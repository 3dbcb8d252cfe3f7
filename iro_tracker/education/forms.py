"""Forms for the education pages. They parse input; the rules live in education.services."""

from django import forms

from iro_tracker.education.models import ContactWith
from iro_tracker.govuk.forms import DateField
from iro_tracker.rules.education import QUALITY

NOTES = {"widget": forms.Textarea(attrs={"rows": 3}), "required": False}


class JudgementForm(forms.Form):
    quality = forms.ChoiceField(
        label="Your judgement of the plan's quality", choices=QUALITY, widget=forms.RadioSelect
    )
    quality_note = forms.CharField(
        label="Why", help_text="Needed unless the plan is good.", **NOTES
    )


class PepForm(forms.Form):
    held_on = DateField(label="Date of the PEP meeting")
    quality = forms.ChoiceField(
        label="Your judgement of the plan's quality",
        choices=[("", "Not judged yet"), *QUALITY],
        required=False,
    )
    quality_note = forms.CharField(
        label="Why", help_text="Needed unless the plan is good.", **NOTES
    )
    notes = forms.CharField(label="Notes", **NOTES)

    def __init__(self, *args, can_judge: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the IRO (or a manager) judges quality: business support records the date.
        if not can_judge:
            del self.fields["quality"]
            del self.fields["quality_note"]


class ContactForm(forms.Form):
    contact_on = DateField(label="Date of contact")
    with_whom = forms.ChoiceField(
        label="Contact with", choices=ContactWith.choices, widget=forms.RadioSelect
    )
    name = forms.CharField(label="School or person", required=False, max_length=200)
    notes = forms.CharField(label="What was discussed", **NOTES)
