"""Forms for the review pages. They parse input; the rules live in reviews.services."""

from django import forms

from iro_tracker.accounts.models import Team, User
from iro_tracker.govuk.forms import DateField
from iro_tracker.rules import codes


def chairs():
    return User.objects.filter(is_active=True, is_iro=True).order_by(
        "last_name", "first_name", "pk"
    )


class ChairChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class VersionedForm(forms.Form):
    """Sends back the version of the review it showed (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class RecordReviewForm(VersionedForm):
    held_date = DateField(label="Date held")
    participation = forms.ChoiceField(
        label="How did the child take part?",
        choices=codes.PARTICIPATION.choices(),
        widget=forms.RadioSelect,
    )
    chair = ChairChoiceField(label="Chair", queryset=User.objects.none(), empty_label="Choose")
    late_reason = forms.ChoiceField(
        label="Reason the review was late",
        choices=[("", "Not late")] + [(c.code, c.label) for c in codes.LATE_REASON],
        required=False,
        help_text="Required when the review is held after its due date.",
    )
    late_reason_note = forms.CharField(
        label="Details of the reason", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    care_plan_received = DateField(label="Care plan received", required=False)
    pre_meeting_report_received = DateField(label="Pre-meeting report received", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = chairs()


class CompleteAdjournedForm(RecordReviewForm):
    completed_date = DateField(label="Date the review was completed")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["held_date"]
        del self.fields["care_plan_received"]
        del self.fields["pre_meeting_report_received"]


class ScheduleReviewForm(VersionedForm):
    scheduled_date = DateField(label="Date of the review meeting")
    chair = ChairChoiceField(
        label="Chair", queryset=User.objects.none(), required=False, empty_label="Not decided"
    )
    care_plan_received = DateField(label="Care plan received", required=False)
    pre_meeting_report_received = DateField(label="Pre-meeting report received", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = chairs()


class AdjournReviewForm(VersionedForm):
    meeting_date = DateField(label="Date the meeting sat")
    reason = forms.CharField(
        label="Why was the review adjourned?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Regulation 36(2): the IRO may adjourn once, for up to 20 working days.",
    )


class DueFilterForm(forms.Form):
    iro = ChairChoiceField(
        label="IRO", queryset=User.objects.none(), required=False, empty_label="All IROs"
    )
    team = forms.ModelChoiceField(
        label="Team", queryset=Team.objects.all(), required=False, empty_label="All teams"
    )
    due_from = forms.DateField(
        label="Due from",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    due_to = forms.DateField(
        label="Due to",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    overdue = forms.BooleanField(label="Overdue only", required=False)
    unscheduled = forms.BooleanField(label="Not yet scheduled only", required=False)
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[("due", "Due date"), ("child", "Child's name"), ("scheduled", "Date booked")],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["iro"].queryset = chairs()
