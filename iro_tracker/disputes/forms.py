"""Forms for issues and oversight. They parse input; the rules live in the services."""

from __future__ import annotations

from django import forms

from iro_tracker.accounts.models import User
from iro_tracker.disputes.models import ContactMethod, Outcome, Stage, Theme
from iro_tracker.govuk.forms import DateField


class StageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        days = obj.response_working_days
        return f"{obj.name} ({days} working day{'s' if days != 1 else ''} to respond)"


class IroChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


def iros():
    return User.objects.filter(is_active=True, is_iro=True).order_by(
        "last_name", "first_name", "pk"
    )


RESPONDER_HINT = "Name and role, for example: Sam Patel, practice manager"

# GOV.UK error messages say what to do, not "This field is required".
REQUIRED = {
    "theme": "Choose what the issue is about.",
    "summary": "Describe the issue.",
    "responder": "Say who has been asked to respond.",
    "stage": "Choose the stage.",
    "response": "Enter the response.",
    "outcome": "Choose the outcome.",
    "text": "Say what was done.",
    "method": "Choose how you were in touch.",
    "iro": "Choose the IRO.",
}


class Form(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in REQUIRED:
                field.error_messages["required"] = REQUIRED[name]


class RaiseIssueForm(Form):
    theme = forms.ChoiceField(
        label="What is the issue about?", choices=Theme.choices, widget=forms.RadioSelect
    )
    summary = forms.CharField(
        label="Describe the issue",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What needs to change for the child, and by when.",
    )
    raised_on = DateField(label="Date raised")
    stage = StageChoiceField(
        label="Where to start",
        queryset=Stage.objects.none(),
        required=False,
        empty_label="Informal resolution (the usual first step)",
        help_text="You may start the formal process at any stage.",
    )
    responder = forms.CharField(
        label="Who has been asked to respond?", max_length=200, help_text=RESPONDER_HINT
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = Stage.objects.filter(active=True)


class EscalateForm(Form):
    stage = StageChoiceField(
        label="Escalate to",
        queryset=Stage.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        help_text="Stages between the current one and the one you choose are skipped.",
    )
    on = DateField(label="Date escalated")
    responder = forms.CharField(
        label="Who has been asked to respond?", max_length=200, help_text=RESPONDER_HINT
    )
    note = forms.CharField(
        label="Why escalate now? (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, above: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = Stage.objects.filter(active=True, position__gt=above)


class ResponseForm(Form):
    response = forms.CharField(label="The response", widget=forms.Textarea(attrs={"rows": 5}))
    responded_on = DateField(label="Date of the response")


class ResolveForm(Form):
    outcome = forms.ChoiceField(label="Outcome", choices=Outcome.choices, widget=forms.RadioSelect)
    closed_on = DateField(label="Date of the resolution")
    note = forms.CharField(
        label="How was it resolved?", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class CafcassForm(Form):
    on = DateField(label="Date referred")
    note = forms.CharField(
        label="Reason for the referral", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class ActionForm(Form):
    on = DateField(label="Date")
    text = forms.CharField(
        label="What was done?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: emailed the practice manager; discussed at the team meeting.",
    )


class MidwayForm(Form):
    held_on = DateField(label="Date of the meeting")
    iro = IroChoiceField(label="IRO", queryset=User.objects.none(), empty_label="Choose")
    social_worker = forms.CharField(label="Social worker", max_length=100, required=False)
    notes = forms.CharField(
        label="Notes (optional)", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["iro"].queryset = iros()


ALONE_CHOICES = [("yes", "Yes"), ("no", "No")]


class ContactForm(Form):
    on = DateField(label="Date of the contact")
    method = forms.ChoiceField(
        label="How were you in touch?", choices=ContactMethod.choices, widget=forms.RadioSelect
    )
    seen_alone = forms.ChoiceField(
        label="Was the child seen or spoken to alone?",
        choices=ALONE_CHOICES,
        widget=forms.RadioSelect,
        required=False,
        help_text="Not needed for a message.",
    )
    iro = IroChoiceField(label="IRO", queryset=User.objects.none(), empty_label="Choose")
    notes = forms.CharField(
        label="Notes (optional)", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["iro"].queryset = iros()

    def clean_seen_alone(self):
        value = self.cleaned_data.get("seen_alone")
        return {"yes": True, "no": False}.get(value)


class PeriodForm(Form):
    """A reporting period for the compliance reports (browser date inputs, as on reviews due)."""

    start = forms.DateField(
        label="From", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label="To", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    iro = IroChoiceField(
        label="IRO", queryset=User.objects.none(), required=False, empty_label="All IROs"
    )

    def __init__(self, *args, show_iro: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if show_iro:
            self.fields["iro"].queryset = iros()
        else:
            del self.fields["iro"]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The end of the period must be after its start.")
        return data
