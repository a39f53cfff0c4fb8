from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "transition.platform.accounts"
    label = "accounts"
    verbose_name = "Comptes"
