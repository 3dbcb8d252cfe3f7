from django import forms

from iro_tracker.govuk.forms import DateField


class OnDateForm(forms.Form):
    on = DateField(label="Caseloads on", required=False, help_text="Leave blank for today.")
