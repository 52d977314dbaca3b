from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jalinan.accounts"
    label = "accounts"
    verbose_name = "Accounts"
