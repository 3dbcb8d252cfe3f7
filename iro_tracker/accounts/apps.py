from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "iro_tracker.accounts"
    label = "accounts"
