from django import forms


class JustifyForm(forms.Form):
    reason = forms.CharField(
        label="Why do you need to open this record?",
        max_length=300,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "For example: covering for the child's IRO at a review on Thursday. Your reason and"
            " every page you open are recorded and seen by managers."
        ),
        error_messages={
            "required": "Say why you need to open this record.",
            "min_length": "Say why you need to open this record (at least 10 characters).",
        },
    )
