from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "iro_tracker.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Connects the sign-in signal that decides the two-factor step.
        from iro_tracker.accounts import twofactor  # noqa: F401
