"""Forms for signing in with a second factor."""

from django import forms


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Code",
        max_length=16,
        help_text="The 6-digit code from your authenticator app, or one of your backup codes.",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-10",
            }
        ),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split())


class SetupForm(TokenForm):
    token = forms.CharField(
        label="Code from your authenticator app",
        max_length=8,
        help_text="Enter the 6-digit code the app shows for IRO Tracker.",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-5",
            }
        ),
    )
