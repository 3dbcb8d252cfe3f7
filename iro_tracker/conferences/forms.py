"""Forms for child protection pages. They parse input; the rules live in conferences.services."""

from __future__ import annotations

import re

from django import forms

from iro_tracker.conferences.models import AttendeeRole, Category, Kind, Outcome, StrategyDiscussion
from iro_tracker.govuk.forms import DateField
from iro_tracker.rules import codes
from iro_tracker.rules.calendar import format_date

# The attendee grid starts with the people most conferences invite; any row can be changed.
ATTENDEE_ROWS = (
    AttendeeRole.PARENT,
    AttendeeRole.PARENT,
    AttendeeRole.CHILD,
    AttendeeRole.SOCIAL_WORKER,
    AttendeeRole.POLICE,
    AttendeeRole.HEALTH,
    AttendeeRole.EDUCATION,
    AttendeeRole.OTHER,
)
YES_NO = [("yes", "Yes"), ("no", "No")]


def parse_local_ids(text: str) -> list[str]:
    """Local child identifiers typed as a list separated by commas, spaces or new lines."""
    return [part for part in re.split(r"[\s,;]+", text or "") if part]


class ChairField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class DiscussionField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return (
            f"Strategy discussion on {format_date(obj.held_on)}: initial conference due"
            f" {format_date(obj.icpc_due)}"
        )


class ConferenceForm(forms.Form):
    """The meeting: its type, date, chair, quorum, attendees and any reason it was late."""

    kind = forms.ChoiceField(
        label="Type of conference", choices=Kind.choices, widget=forms.RadioSelect
    )
    held_on = DateField(label="Date of the conference")
    chair = ChairField(label="Chair", queryset=None, empty_label="Choose")
    quorate = forms.ChoiceField(
        label="Was the conference quorate?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text="Children's social care and at least two other agencies were represented.",
    )
    strategy_discussion = DiscussionField(
        label="Which strategy discussion started the enquiry?",
        queryset=StrategyDiscussion.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        empty_label="Another one (enter its dates below)",
    )
    strategy_discussion_on = DateField(
        label="Date of the strategy discussion",
        required=False,
        help_text="Initial conferences only: the conference is due 15 working days after it.",
    )
    s47_started_on = DateField(
        label="Date the section 47 enquiry started",
        required=False,
        help_text="Initial conferences only, for the CIN census measure. Leave blank if unknown.",
    )
    late_reason = forms.ChoiceField(
        label="Reason the conference was late",
        choices=[("", "Not late")] + [(c.code, c.label) for c in codes.LATE_REASON],
        required=False,
        help_text="Required when the conference is held after any child's due date.",
    )
    late_reason_note = forms.CharField(
        label="Details of the reason", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, chairs, discussions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = chairs
        self.fields["strategy_discussion"].queryset = discussions
        for i, role in enumerate(ATTENDEE_ROWS):
            self.fields[f"attendee_{i}_role"] = forms.ChoiceField(
                label=f"Attendee {i + 1} role", choices=AttendeeRole.choices, initial=role
            )
            self.fields[f"attendee_{i}_name"] = forms.CharField(
                label=f"Attendee {i + 1} name", max_length=100, required=False
            )
            self.fields[f"attendee_{i}_attended"] = forms.BooleanField(
                label=f"Attendee {i + 1} attended", required=False
            )
            self.fields[f"attendee_{i}_role"].widget.attrs["class"] = "govuk-select"
            self.fields[f"attendee_{i}_name"].widget.attrs["class"] = "govuk-input"

    def attendee_rows(self):
        """The grid's bound fields, one (role, name, attended) triple per row."""
        return [
            (self[f"attendee_{i}_role"], self[f"attendee_{i}_name"], self[f"attendee_{i}_attended"])
            for i in range(len(ATTENDEE_ROWS))
        ]

    def attendees(self) -> list[dict]:
        """The named attendees as stored: [{"role", "name", "attended"}]. Blank rows are left
        out; a row with only "attended" ticked counts, as the name is not always known."""
        data = self.cleaned_data
        result = []
        for i in range(len(ATTENDEE_ROWS)):
            name = data.get(f"attendee_{i}_name", "").strip()
            attended = bool(data.get(f"attendee_{i}_attended"))
            if name or attended:
                result.append(
                    {"role": data[f"attendee_{i}_role"], "name": name, "attended": attended}
                )
        return result


class ChildRowForm(forms.Form):
    """One child's line in the conference form: at this conference? outcome? category?"""

    include = forms.BooleanField(required=False)
    outcome = forms.ChoiceField(required=False)
    category = forms.ChoiceField(required=False, choices=[("", "No plan")] + list(Category.choices))

    def __init__(self, *args, child, plan, **kwargs):
        self.child = child
        self.plan = plan
        super().__init__(*args, prefix=f"child-{child.pk}", **kwargs)
        if plan is None:
            outcomes = [Outcome.PLAN_STARTED, Outcome.NOT_NEEDED]
        else:
            outcomes = [Outcome.PLAN_CONTINUED, Outcome.PLAN_ENDED]
            self.fields["category"].initial = plan.category
        self.fields["outcome"].choices = [("", "Choose")] + [(o.value, o.label) for o in outcomes]
        for name in ("outcome", "category"):
            self.fields[name].widget.attrs["class"] = "govuk-select"


class StrategyDiscussionForm(forms.Form):
    held_on = DateField(label="Date of the strategy discussion")
    s47_started_on = DateField(
        label="Date the section 47 enquiry started",
        required=False,
        help_text="For the CIN census measure. Leave blank if unknown.",
    )
    children = forms.CharField(
        label="Children (local IDs)",
        help_text="Every child the enquiry concerns, separated by commas.",
    )


class CloseEnquiryForm(forms.Form):
    reason = forms.CharField(
        label="Why will no initial conference be held?",
        max_length=200,
        help_text="For example: the s47 enquiry found no continuing risk of significant harm.",
    )


class CoreGroupForm(forms.Form):
    held_on = DateField(label="Date of the core group")


class AmendConferenceForm(forms.Form):
    """Correct a conference's quorum or late-reason note; ``version`` guards against two
    people correcting it at once."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    quorate = forms.ChoiceField(
        label="Was the conference quorate?", choices=YES_NO, widget=forms.RadioSelect
    )
    late_reason_note = forms.CharField(
        label="Details of the reason it was late",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
