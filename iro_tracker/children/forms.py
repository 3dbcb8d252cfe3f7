from django import forms

from iro_tracker.accounts.models import User
from iro_tracker.govuk.forms import DateField


class IroChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class AllocateForm(forms.Form):
    iro = IroChoiceField(label="IRO", queryset=User.objects.none(), empty_label="Choose an IRO")
    start_date = DateField(label="Allocated from")
    reason = forms.CharField(
        label="Reason for the change",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when the child already has an IRO.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["iro"].queryset = User.objects.filter(is_active=True, is_iro=True)


class SearchForm(forms.Form):
    q = forms.CharField(label="Name or child ID", required=False)
