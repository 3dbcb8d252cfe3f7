"""Forms for the outcome pages. They parse input; the rules live in services and letters."""

from django import forms

from iro_tracker.govuk.forms import DateField
from iro_tracker.outcomes.models import (
    AttendeeRole,
    DecisionStatus,
    Gathered,
    SentMethod,
)

YES_NO = [("yes", "Yes"), ("no", "No")]


def to_bool(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def from_bool(value: bool | None) -> str:
    return {True: "yes", False: "no"}.get(value, "")


class MeetingForm(forms.Form):
    wishes_and_feelings = forms.CharField(
        label="The child's wishes and feelings",
        widget=forms.Textarea(attrs={"rows": 7}),
        required=False,
        help_text=(
            "Write it as you would say it to the child, for example 'You said you like living"
            " with Sam and Jo.' It becomes 'What you told us' in the letter."
        ),
    )
    gathered = forms.MultipleChoiceField(
        label="How were they gathered?",
        choices=Gathered.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply.",
    )
    spoke_before = forms.ChoiceField(
        label="Did you speak to the child before the review?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )
    spoke_alone = forms.ChoiceField(
        label="Did you speak to the child alone?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )
    not_alone_reason = forms.CharField(
        label="If not, why not?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="For example, the child did not want to, or it was not appropriate.",
    )


class AttendeeForm(forms.Form):
    name = forms.CharField(label="Name", max_length=120, required=False)
    role = forms.ChoiceField(
        label="Role", choices=[("", "Choose a role"), *AttendeeRole.choices], required=False
    )


AttendeeFormSet = forms.formset_factory(AttendeeForm, extra=3)


class DecisionForm(forms.Form):
    text = forms.CharField(
        label="Decision",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "Written so the child can read it, for example 'You will see your brother every month.'"
        ),
    )
    why = forms.CharField(
        label="Why (for the letter)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Written to the child, for example 'This is because you told us you miss him.'",
    )
    owner = forms.CharField(
        label="Who will do it", max_length=120, help_text="Not printed in the letter."
    )
    due_date = DateField(label="Due by")
    status = forms.ChoiceField(
        label="Status",
        choices=DecisionStatus.choices,
        widget=forms.RadioSelect,
        initial=DecisionStatus.OPEN,
    )
    status_note = forms.CharField(
        label="Note on progress",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Required when a decision is dropped.",
    )


class QAForm(forms.Form):
    """One rating and one comment per active question (the set is configurable)."""

    def __init__(self, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for q in self.questions:
            self.fields[f"q{q.pk}_rating"] = forms.ChoiceField(
                label=q.text, choices=q.ratings(), widget=forms.RadioSelect, required=False
            )
            self.fields[f"q{q.pk}_comment"] = forms.CharField(
                label="Comment",
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )

    def rows(self):
        return [(q, self[f"q{q.pk}_rating"], self[f"q{q.pk}_comment"]) for q in self.questions]

    def answers(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {
            q.pk: (data.get(f"q{q.pk}_rating") or "", data.get(f"q{q.pk}_comment") or "")
            for q in self.questions
        }


class CirculationForm(forms.Form):
    decisions_circulated_on = DateField(label="Decisions circulated on", required=False)
    record_circulated_on = DateField(label="Record of the review circulated on", required=False)


class LetterForm(forms.Form):
    greeting = forms.CharField(label="Greeting", max_length=200, required=False)
    opening = forms.CharField(
        label="Opening", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    told = forms.CharField(
        label="What you told us", widget=forms.Textarea(attrs={"rows": 7}), required=False
    )
    decided = forms.CharField(
        label="What we decided and why", widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    next_steps = forms.CharField(
        label="What happens next", widget=forms.Textarea(attrs={"rows": 7}), required=False
    )
    contact = forms.CharField(
        label="Who to contact", widget=forms.Textarea(attrs={"rows": 7}), required=False
    )
    closing = forms.CharField(
        label="Signing off", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class SentForm(forms.Form):
    sent_on = DateField(label="Date sent")
    method = forms.ChoiceField(
        label="How was it sent?", choices=SentMethod.choices, widget=forms.RadioSelect
    )
