from django import forms

from iro_tracker.govuk.forms import DateField


class InvitationForm(forms.Form):
    sent_on = DateField(label="Date the invitations were sent")
    notes = forms.CharField(
        label="Who was invited? (optional)",
        max_length=300,
        required=False,
        help_text="For example: child, carers, parents, social worker, school.",
    )
