"""Forms for the report page: a section's narrative and the year's population estimate."""

from django import forms

from iro_tracker.reporting.services import MAX_NARRATIVE


class NarrativeForm(forms.Form):
    text = forms.CharField(
        label="Narrative",
        required=False,
        max_length=MAX_NARRATIVE,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=(
            "Plain text, shown exactly as typed in the web page, the PDF and the Word"
            " document. Leave a blank line between paragraphs."
        ),
    )


class PopulationForm(forms.Form):
    population_0_17 = forms.IntegerField(
        label="Children aged 0 to 17 in the authority's area",
        min_value=1,
        max_value=10_000_000,
        error_messages={
            "required": "Enter the population aged 0 to 17",
            "invalid": "Population must be a whole number, like 107000",
            "min_value": "Population must be 1 or more",
            "max_value": "Population must be 10,000,000 or fewer",
        },
        help_text="The ONS mid-year population estimate, as a whole number, like 107000.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )
    source = forms.CharField(
        label="Source (optional)",
        required=False,
        max_length=200,
        help_text="For example, ONS mid-2018 population estimates",
    )
